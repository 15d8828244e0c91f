package io.github.tunneldiagnostics.api.ingress;

/** Joins hosts and ports the way Go's {@code net.JoinHostPort} does. */
final class HostPort {
  private HostPort() {}

  static String join(String host, int port) {
    return bracket(host) + ":" + port;
  }

  static String bracket(String host) {
    return host.indexOf(':') >= 0 ? "[" + host + "]" : host;
  }
}
