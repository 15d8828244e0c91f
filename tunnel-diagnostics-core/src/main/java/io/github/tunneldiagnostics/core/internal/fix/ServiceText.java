package io.github.tunneldiagnostics.core.internal.fix;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites one part of a service string as written ({@code scheme://host:port/path}), keeping the rest
 * character for character.
 */
final class ServiceText {
  private static final Pattern URL = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*)(://)(\\[[^\\]]*\\]|[^/:?#\\[]*)(:[0-9]*)?(.*)", Pattern.DOTALL);

  private ServiceText() {}

  static Optional<String> withPort(String service, int port) {
    Matcher m = URL.matcher(service);
    if (!m.matches() || m.group(3).isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(m.group(1) + m.group(2) + m.group(3) + ":" + port + m.group(5));
  }

  static Optional<String> withHost(String service, InetAddress host) {
    Matcher m = URL.matcher(service);
    if (!m.matches() || m.group(3).isEmpty()) {
      return Optional.empty();
    }
    String literal = host instanceof Inet6Address ? "[" + host.getHostAddress().replaceAll("%.*", "") + "]" : host.getHostAddress();
    if (literal.equals("[0:0:0:0:0:0:0:1]")) {
      literal = "[::1]";
    }
    return Optional.of(m.group(1) + m.group(2) + literal + (m.group(4) == null ? "" : m.group(4)) + m.group(5));
  }

  static Optional<String> withHostName(String service, String hostName) {
    Matcher m = URL.matcher(service);
    if (!m.matches() || m.group(3).isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(m.group(1) + m.group(2) + hostName + (m.group(4) == null ? "" : m.group(4)) + m.group(5));
  }

  /** The service with another scheme; an explicit port stays, an implicit one becomes explicit when it would change. */
  static Optional<String> withScheme(String service, String scheme, int effectivePort) {
    Matcher m = URL.matcher(service);
    if (!m.matches()) {
      return Optional.empty();
    }
    String port = m.group(4) != null ? m.group(4) : "";
    boolean implicitChanges = port.isEmpty() && !m.group(3).isEmpty()
        && effectivePort != (scheme.equals("https") || scheme.equals("wss") ? 443 : 80);
    return Optional.of(scheme + m.group(2) + m.group(3) + (implicitChanges ? ":" + effectivePort : port) + m.group(5));
  }
}
