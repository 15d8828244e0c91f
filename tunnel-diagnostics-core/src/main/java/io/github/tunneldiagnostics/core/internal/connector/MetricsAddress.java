package io.github.tunneldiagnostics.core.internal.connector;

import java.net.URI;

/** A metrics server address {@code HOST:PORT} (IPv6 in brackets), as cloudflared's {@code --metrics} takes it. */
public final class MetricsAddress {
  private MetricsAddress() {}

  /**
   * The base URI {@code http://HOST:PORT}.
   *
   * @throws IllegalArgumentException naming the value and the expected form
   */
  public static URI parse(String hostPort) {
    String value = hostPort.trim();
    if (value.startsWith("http://")) {
      value = value.substring("http://".length());
    }
    if (value.endsWith("/")) {
      value = value.substring(0, value.length() - 1);
    }
    int colon = value.lastIndexOf(':');
    if (colon <= 0 || colon == value.length() - 1) {
      throw new IllegalArgumentException(
          "metrics address '" + hostPort + "' must be HOST:PORT, e.g. localhost:20241 (cloudflared's --metrics value)");
    }
    String host = value.substring(0, colon);
    int port;
    try {
      port = Integer.parseInt(value.substring(colon + 1));
    } catch (NumberFormatException e) {
      port = -1;
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("metrics address '" + hostPort + "' has no valid port (1-65535), e.g. localhost:20241");
    }
    if (host.equals("0.0.0.0") || host.equals("[::]") || host.isEmpty()) {
      host = "localhost"; // a wildcard bind is reached on loopback
    }
    if (host.indexOf(':') >= 0 && !host.startsWith("[")) {
      host = "[" + host + "]";
    }
    try {
      return new URI("http://" + host + ":" + port);
    } catch (java.net.URISyntaxException e) {
      throw new IllegalArgumentException("metrics address '" + hostPort + "' is not HOST:PORT: " + e.getReason(), e);
    }
  }
}
