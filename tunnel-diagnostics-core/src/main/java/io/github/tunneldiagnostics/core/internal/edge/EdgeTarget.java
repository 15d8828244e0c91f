package io.github.tunneldiagnostics.core.internal.edge;

import java.net.InetAddress;
import java.util.List;
import java.util.Objects;

/**
 * Where one edge probe goes.
 *
 * @param host the public hostname (SNI and {@code Host:})
 * @param port the URL's port (443 unless the URL names one)
 * @param path the path and query to request, starting with {@code /}
 * @param addresses the addresses to connect to, in order
 * @param pinned whether the addresses come from {@code --resolve} rather than DNS
 */
public record EdgeTarget(String host, int port, String path, List<InetAddress> addresses, boolean pinned) {
  public EdgeTarget {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(path, "path");
    addresses = List.copyOf(addresses);
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException("path must start with '/' but was '" + path + "'");
    }
  }

  /** {@code https://host[:port]/path}. */
  public String url() {
    return "https://" + authority() + path;
  }

  /** {@code host} or {@code host:port} when the port is not 443, as the {@code Host:} header carries it. */
  public String authority() {
    return port == 443 ? host : host + ":" + port;
  }
}
