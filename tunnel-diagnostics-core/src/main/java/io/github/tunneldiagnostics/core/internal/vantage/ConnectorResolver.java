package io.github.tunneldiagnostics.core.internal.vantage;

import io.github.tunneldiagnostics.api.check.Resolver;
import java.io.IOException;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Resolves names as cloudflared's pure-Go resolver does from its seat (containers.md §3.2): its hosts
 * file first, then A and AAAA queries to each nameserver of its resolv.conf, through the search list
 * in Go's order. Must run inside the connector's network namespace when it has its own, since its
 * nameserver (e.g. Docker's {@code 127.0.0.11}) exists only there. Failures are {@link
 * GoLookupException}s carrying Go's text.
 *
 * <p>Addresses come in hosts-file order, or A before AAAA from DNS; Go's RFC 6724 sorting is applied by
 * the dial model, not here.
 */
public final class ConnectorResolver implements Resolver {
  private static final int PORT = 53;

  private final HostsFile hosts;
  private final ResolvConf conf;
  private final String source;
  private final int port;

  /**
   * @param hosts the connector's hosts file
   * @param conf its resolv.conf
   * @param source what was read, for messages
   */
  public ConnectorResolver(HostsFile hosts, ResolvConf conf, String source) {
    this(hosts, conf, source, PORT);
  }

  ConnectorResolver(HostsFile hosts, ResolvConf conf, String source, int port) {
    this.hosts = Objects.requireNonNull(hosts, "hosts");
    this.conf = Objects.requireNonNull(conf, "conf");
    this.source = Objects.requireNonNull(source, "source");
    this.port = port;
  }

  @Override
  public List<InetAddress> resolve(String host) throws UnknownHostException {
    InetAddress literal = HostsFile.literalAddress(host);
    if (literal != null) {
      return List.of(literal);
    }
    List<InetAddress> fromFile = hosts.lookup(host);
    if (!fromFile.isEmpty()) {
      return fromFile;
    }
    String lastServer = conf.nameservers().isEmpty() ? "127.0.0.1:53" : serverText(conf.nameservers().get(0));
    GoLookupException.Kind worst = GoLookupException.Kind.NO_SUCH_HOST;
    for (String candidate : conf.candidates(host)) {
      List<InetAddress> found = hosts.lookup(candidate);
      if (!found.isEmpty()) {
        return found;
      }
      for (int attempt = 0; attempt < conf.attempts(); attempt++) {
        for (String server : conf.nameservers()) {
          lastServer = serverText(server);
          try {
            InetAddress address = InetAddress.getByName(server);
            Duration timeout = Duration.ofSeconds(conf.timeoutSeconds());
            DnsClient.Answer a = DnsClient.query(address, port, candidate, DnsClient.TYPE_A, timeout);
            DnsClient.Answer aaaa = DnsClient.query(address, port, candidate, DnsClient.TYPE_AAAA, timeout);
            List<InetAddress> out = new ArrayList<>();
            if (a instanceof DnsClient.Addresses list) {
              out.addAll(list.addresses());
            }
            if (aaaa instanceof DnsClient.Addresses list) {
              out.addAll(list.addresses());
            }
            if (!out.isEmpty()) {
              return out;
            }
            if (a instanceof DnsClient.Failure || aaaa instanceof DnsClient.Failure) {
              worst = GoLookupException.Kind.SERVER_MISBEHAVING;
              continue; // Go tries the next server
            }
            worst = GoLookupException.Kind.NO_SUCH_HOST;
            attempt = conf.attempts(); // an authoritative "no": next candidate name
            break;
          } catch (SocketTimeoutException e) {
            worst = GoLookupException.Kind.TIMEOUT;
          } catch (IOException e) {
            worst = GoLookupException.Kind.SERVER_MISBEHAVING;
          }
        }
      }
    }
    throw new GoLookupException(host, lastServer, worst, source);
  }

  private static String serverText(String server) {
    return server.contains(":") ? "[" + server + "]:" + PORT : server + ":" + PORT;
  }

  @Override
  public String toString() {
    return "ConnectorResolver[" + source + ", nameservers " + conf.nameservers() + "]";
  }
}
