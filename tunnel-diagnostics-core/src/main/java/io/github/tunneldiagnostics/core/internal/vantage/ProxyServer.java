package io.github.tunneldiagnostics.core.internal.vantage;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A proxy named by an environment variable, parsed like Go's {@code httpproxy.parseProxy}: a value
 * without a known scheme ({@code http}, {@code https}, {@code socks5}, {@code socks5h}) is read as
 * {@code http://VALUE}. The user and password are kept only to authenticate as cloudflared would; they
 * never appear in {@link #display()} or {@link #toString()}.
 *
 * @param variable the variable that set it, e.g. {@code HTTPS_PROXY}
 * @param scheme the proxy's scheme
 * @param host the proxy's host
 * @param port the proxy's port (default 80 for http, 443 for https, 1080 for socks5)
 * @param userInfo {@code user:password} from the URL, or null
 */
public record ProxyServer(String variable, String scheme, String host, int port, @Nullable String userInfo) {

  public ProxyServer {
    Objects.requireNonNull(variable, "variable");
    Objects.requireNonNull(scheme, "scheme");
    Objects.requireNonNull(host, "host");
  }

  /** Parses a variable's value; empty when empty or unparseable (Go then uses no proxy). */
  public static Optional<ProxyServer> parse(String variable, String value) {
    String text = value.strip();
    if (text.isEmpty()) {
      return Optional.empty();
    }
    URI uri = uri(text);
    String scheme = uri == null || uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (uri == null || !(scheme.equals("http") || scheme.equals("https") || scheme.equals("socks5") || scheme.equals("socks5h")) || uri.getHost() == null) {
      uri = uri("http://" + text);
      scheme = "http";
    }
    if (uri == null || uri.getHost() == null) {
      return Optional.empty();
    }
    int port = uri.getPort() >= 0 ? uri.getPort() : switch (scheme) {
      case "https" -> 443;
      case "socks5", "socks5h" -> 1080;
      default -> 80;
    };
    String host = uri.getHost();
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    return Optional.of(new ProxyServer(variable, scheme, host, port, uri.getRawUserInfo()));
  }

  private static @Nullable URI uri(String text) {
    try {
      return new URI(text);
    } catch (URISyntaxException e) {
      return null;
    }
  }

  /** {@code http://proxy.internal:3128}, with any user and password left out. */
  public String display() {
    String h = host.contains(":") ? "[" + host + "]" : host;
    return scheme + "://" + (userInfo != null ? "****@" : "") + h + ":" + port;
  }

  /** The {@code Proxy-Authorization} value Go sends for the URL's user info, if any. */
  public Optional<String> authorization() {
    if (userInfo == null) {
      return Optional.empty();
    }
    String decoded = java.net.URLDecoder.decode(userInfo.replace("+", "%2B"), StandardCharsets.UTF_8);
    return Optional.of("Basic " + Base64.getEncoder().encodeToString(decoded.getBytes(StandardCharsets.UTF_8)));
  }

  /** True for an HTTP(S) proxy (a request to it is HTTP); false for SOCKS. */
  public boolean isHttp() {
    return scheme.equals("http") || scheme.equals("https");
  }

  @Override
  public String toString() {
    return variable + "=" + display();
  }
}
