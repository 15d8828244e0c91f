package io.github.tunneldiagnostics.api.ingress;

import io.github.tunneldiagnostics.api.internal.golang.GoUrl;
import io.github.tunneldiagnostics.api.internal.golang.GoNet;
import io.github.tunneldiagnostics.api.internal.golang.GoAtoi;
import java.util.Locale;

/**
 * Parses an ingress rule's {@code service} string exactly as cloudflared's {@code validateIngress} does
 * ({@code ingress/ingress.go:251-312}), including Go's {@code net/url} parse errors, so that an invalid
 * service yields cloudflared's own message (cloudflared-semantics.md §b rules 2, 3, 5, 6, 7 and §d).
 */
final class ServiceParsing {
  static final String INVALID_ADDRESS = " is an invalid address, please make sure it has a scheme and a hostname";
  /** The end of cloudflared's message for a service with a path. */
  static final String PATH_NOT_SUPPORTED =
      " is an invalid address, ingress rules don't support proxying to a different path on the origin service. The path will be the same as the eyeball request's path";

  private ServiceParsing() {}

  /**
   * Parses one service string.
   *
   * @param raw the value as written; empty when the rule has none
   * @param bastionMode the rule's effective {@code originRequest.bastionMode}
   * @return the service, or {@link OriginService.Invalid} with cloudflared's message
   */
  static OriginService parse(String raw, boolean bastionMode) {
    if (raw.startsWith("unix:")) {
      return new OriginService.UnixSocket(raw.substring("unix:".length()), false);
    }
    if (raw.startsWith("unix+tls:")) {
      return new OriginService.UnixSocket(raw.substring("unix+tls:".length()), true);
    }
    if (raw.startsWith("http_status:")) {
      return httpStatus(raw, raw.substring("http_status:".length()));
    }
    if (raw.equals("hello_world") || raw.equals("hello-world")) {
      return new OriginService.HelloWorld();
    }
    if (raw.equals("socks-proxy")) {
      return new OriginService.SocksProxy();
    }
    if (raw.equals("bastion") || bastionMode) {
      return new OriginService.Bastion();
    }
    return url(raw);
  }

  private static OriginService httpStatus(String raw, String digits) {
    GoAtoi.Result status = GoAtoi.parse(digits);
    if (status.error() != null) {
      return new OriginService.Invalid(raw, "invalid HTTP status code: " + status.error());
    }
    if (status.value() < 100 || status.value() > 999) {
      return new OriginService.Invalid(raw, "invalid HTTP status code: " + status.value());
    }
    return new OriginService.HttpStatus((int) status.value());
  }

  private static OriginService url(String raw) {
    GoUrl url;
    try {
      url = GoUrl.parse(raw);
    } catch (GoUrl.ParseException e) {
      return new OriginService.Invalid(raw, e.getMessage());
    }
    if (url.scheme().isEmpty() || url.hostname().isEmpty()) {
      return new OriginService.Invalid(raw, raw + INVALID_ADDRESS);
    }
    if (!url.path().isEmpty()) {
      return new OriginService.Invalid(raw, raw + PATH_NOT_SUPPORTED);
    }
    String scheme = url.scheme();
    int port = port(url.port());
    switch (scheme) {
      case "http", "https", "ws", "wss" -> {
        return new OriginService.Http(scheme, url.hostname(), port, url.render());
      }
      default -> {
        return new OriginService.Stream(scheme, url.hostname(), port);
      }
    }
  }

  /**
   * The port as Go's dialer reads it. An empty port ({@code http://host:}) means the scheme's default
   * (-1 here), as in Go's {@code http.Transport}. Digits are read like Go's {@code net.parsePort}, which
   * saturates at 1073741823; cloudflared accepts any digits at validation time and Go's dial then fails
   * with {@code dial tcp: address <port>: invalid port} for anything above 65535, so such a value is kept
   * as is (above 65535) for the origin checks to report, never replaced by a default.
   */
  static int port(String digits) {
    return digits.isEmpty() ? -1 : GoNet.parsePort(digits);
  }
}
