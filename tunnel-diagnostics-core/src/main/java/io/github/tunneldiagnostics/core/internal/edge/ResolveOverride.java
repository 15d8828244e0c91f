package io.github.tunneldiagnostics.core.internal.edge;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One {@code --resolve HOST:PORT:ADDR[,ADDR]...}, read exactly like curl's option: requests to
 * {@code HOST} on {@code PORT} connect to these addresses instead of what DNS answers; the URL keeps its
 * host and port (SNI, {@code Host:}). {@code HOST} may be {@code *} for every host; an IPv6 address may
 * be written in brackets; a leading {@code +} (curl: entries that expire) is accepted and changes
 * nothing here. curl's removal form {@code -HOST:PORT} has no meaning in a single run and is refused.
 *
 * @param host the host, lower case, or {@code *}
 * @param port the port the URL uses
 * @param addresses the addresses to connect to, in order
 */
public record ResolveOverride(String host, int port, List<InetAddress> addresses) {

  public ResolveOverride {
    Objects.requireNonNull(host, "host");
    addresses = List.copyOf(addresses);
    if (addresses.isEmpty()) {
      throw new IllegalArgumentException("an override needs at least one address");
    }
  }

  /**
   * Parses curl's form.
   *
   * @throws IllegalArgumentException naming the value, what is wrong and the expected form
   */
  public static ResolveOverride parse(String text) {
    Objects.requireNonNull(text, "text");
    String entry = text.startsWith("+") ? text.substring(1) : text;
    if (entry.startsWith("-")) {
      throw invalid(text, "curl's '-HOST:PORT' removes an entry from its DNS cache, which a single diagnosis does not keep");
    }
    int first = entry.indexOf(':');
    int second = first < 0 ? -1 : entry.indexOf(':', first + 1);
    if (first <= 0 || second < 0) {
      throw invalid(text, "it needs three parts separated by ':'");
    }
    String host = entry.substring(0, first);
    String portText = entry.substring(first + 1, second);
    int port;
    try {
      port = Integer.parseInt(portText);
    } catch (NumberFormatException e) {
      throw invalid(text, "'" + portText + "' is not a port number");
    }
    if (port < 1 || port > 65535) {
      throw invalid(text, "port " + port + " is outside 1-65535");
    }
    List<InetAddress> addresses = new ArrayList<>();
    for (String part : entry.substring(second + 1).split(",", -1)) {
      String address = part.strip();
      if (address.isEmpty()) {
        throw invalid(text, "an address is empty");
      }
      try {
        addresses.add(literal(address));
      } catch (IllegalArgumentException e) {
        throw invalid(text, "'" + address + "' is not an IP address (curl takes only numeric addresses here)");
      }
    }
    return new ResolveOverride(host.toLowerCase(Locale.ROOT), port, addresses);
  }

  private static InetAddress literal(String text) {
    String bare = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
    boolean v4 = bare.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    boolean v6 = bare.indexOf(':') >= 0 && bare.matches("[0-9A-Fa-f:.]+");
    if (!v4 && !v6) {
      throw new IllegalArgumentException(text);
    }
    try {
      return InetAddress.getByName(bare); // a literal: parsed, never looked up
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(text, e);
    }
  }

  private static IllegalArgumentException invalid(String text, String why) {
    return new IllegalArgumentException("invalid --resolve '" + text + "': " + why
        + "; expected HOST:PORT:ADDR[,ADDR]..., e.g. app.example.com:443:127.0.0.1");
  }

  /** Whether this entry applies to a request for {@code requestHost} on {@code requestPort}. */
  public boolean appliesTo(String requestHost, int requestPort) {
    return port == requestPort && (host.equals("*") || host.equalsIgnoreCase(requestHost));
  }

  /** The first entry of {@code overrides} that applies (curl: the first given wins), or null. */
  public static @org.jspecify.annotations.Nullable ResolveOverride find(List<ResolveOverride> overrides, String host, int port) {
    for (ResolveOverride override : overrides) {
      if (override.appliesTo(host, port)) {
        return override;
      }
    }
    return null;
  }

  /** Whether every address is loopback (what tests and the demo use). */
  public boolean loopbackOnly() {
    return addresses.stream().allMatch(InetAddress::isLoopbackAddress);
  }

  @Override
  public String toString() {
    return host + ":" + port + ":" + String.join(",", addresses.stream()
        .map(a -> {
          String text = io.github.tunneldiagnostics.core.internal.dns.AddressText.of(a);
          return text.indexOf(':') >= 0 ? "[" + text + "]" : text;
        }).toList());
  }
}
