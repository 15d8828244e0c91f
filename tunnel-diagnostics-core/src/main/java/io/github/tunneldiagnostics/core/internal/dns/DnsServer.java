package io.github.tunneldiagnostics.core.internal.dns;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.xbill.DNS.ResolverConfig;

/**
 * A DNS server the public checks ask: one of the system's resolvers ({@code /etc/resolv.conf}), or one
 * given with {@code --dns-server ADDR[:PORT]}.
 *
 * @param address where it listens
 */
public record DnsServer(InetSocketAddress address) {
  private static final int DNS_PORT = 53;

  public DnsServer {
    Objects.requireNonNull(address, "address");
    if (address.isUnresolved()) {
      throw new IllegalArgumentException("a DNS server needs an IP address, not the name " + address.getHostString());
    }
  }

  /** The server at {@code address} and {@code port}. */
  public static DnsServer of(InetAddress address, int port) {
    return new DnsServer(new InetSocketAddress(address, port));
  }

  /**
   * Parses {@code ADDR[:PORT]}: {@code 127.0.0.1}, {@code 127.0.0.1:5353}, {@code ::1}, {@code [::1]:5353}.
   * The address must be a literal: naming the resolver by a name would need a resolver first.
   *
   * @throws IllegalArgumentException with a message naming the value and the expected form
   */
  public static DnsServer parse(String text) {
    Objects.requireNonNull(text, "text");
    String host = text;
    int port = DNS_PORT;
    if (text.startsWith("[")) {
      int close = text.indexOf(']');
      if (close < 0) {
        throw invalid(text, "the '[' of an IPv6 address is not closed");
      }
      host = text.substring(1, close);
      String rest = text.substring(close + 1);
      if (!rest.isEmpty()) {
        if (!rest.startsWith(":")) {
          throw invalid(text, "expected ':PORT' after ']'");
        }
        port = port(text, rest.substring(1));
      }
    } else if (text.indexOf(':') == text.lastIndexOf(':') && text.indexOf(':') >= 0) {
      host = text.substring(0, text.indexOf(':'));
      port = port(text, text.substring(text.indexOf(':') + 1));
    }
    try {
      return of(Cidr.literal(host), port);
    } catch (IllegalArgumentException e) {
      throw invalid(text, String.valueOf(e.getMessage()));
    }
  }

  private static int port(String text, String digits) {
    try {
      int port = Integer.parseInt(digits);
      if (port < 1 || port > 65535) {
        throw invalid(text, "port " + port + " is outside 1-65535");
      }
      return port;
    } catch (NumberFormatException e) {
      throw invalid(text, "'" + digits + "' is not a port number");
    }
  }

  private static IllegalArgumentException invalid(String text, String why) {
    return new IllegalArgumentException("invalid DNS server '" + text + "': " + why
        + "; expected ADDR[:PORT], e.g. 127.0.0.1:5353 or [::1]:53");
  }

  /** The system's resolvers, as dnsjava reads them ({@code /etc/resolv.conf} on Linux), in order. */
  public static List<DnsServer> system() {
    List<DnsServer> servers = new ArrayList<>();
    for (InetSocketAddress server : ResolverConfig.getCurrentConfig().servers()) {
      if (!server.isUnresolved()) {
        servers.add(new DnsServer(server));
      }
    }
    return List.copyOf(servers);
  }

  /** {@code 127.0.0.1:53} or {@code [::1]:53}. */
  public String label() {
    String host = AddressText.of(address.getAddress());
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.getPort();
  }

  @Override
  public String toString() {
    return label();
  }
}
