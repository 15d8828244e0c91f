package io.github.tunneldiagnostics.core.internal.probe;

import io.github.tunneldiagnostics.api.RouteUrl;
import io.github.tunneldiagnostics.api.ingress.OriginService;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/**
 * The one HTTP/1.1 request the probe sends, shaped like the request cloudflared forwards to an origin
 * (cloudflared {@code proxy/proxy.go} {@code proxyHTTPRequest}, {@code ingress/origin_proxy.go}): the
 * visitor's Host (or {@code httpHostHeader}, with the visitor's Host in {@code X-Forwarded-Host}), the
 * edge's {@code Cf-*} and {@code X-Forwarded-*} headers, {@code Connection: keep-alive}; for a WebSocket
 * the Upgrade handshake instead ({@code Connection: Upgrade}, {@code Upgrade: websocket},
 * {@code Sec-Websocket-Version: 13}, the browser's key and Origin). Only GET, never a body.
 *
 * @param path the request target: path and query
 * @param host the {@code Host} header value
 * @param forwardedHost the {@code X-Forwarded-Host} value when {@code httpHostHeader} replaced the host
 * @param visitorIp the value for {@code X-Forwarded-For} and {@code Cf-Connecting-Ip}
 * @param userAgent the {@code User-Agent} value
 * @param websocket whether this is the WebSocket Upgrade handshake
 * @param proxyHeaders whether the headers the edge and cloudflared add are sent ({@link #PROXY_HEADERS})
 * @param websocketKey the {@code Sec-WebSocket-Key}, for a handshake
 */
record OriginRequestShape(
    String path,
    String host,
    @Nullable String forwardedHost,
    String visitorIp,
    String userAgent,
    boolean websocket,
    boolean proxyHeaders,
    String websocketKey) {

  /** The headers that exist only because a proxy (Cloudflare's edge and cloudflared) forwards the request. */
  static final List<String> PROXY_HEADERS =
      List.of("Cdn-Loop", "Cf-Connecting-Ip", "Cf-Ray", "Cf-Visitor", "X-Forwarded-For", "X-Forwarded-Host", "X-Forwarded-Proto");

  /** What cloudflared sends for this route: Host is httpHostHeader, else the public host, else the service's own host. */
  static OriginRequestShape of(RouteProbe probe, String serviceAuthority) {
    String eyeball = probe.publicHost().orElse(serviceAuthority);
    String override = probe.settings().httpHostHeader();
    boolean websocket = probe.rule().service() instanceof OriginService.Http http && http.scheme().startsWith("ws");
    byte[] key = new byte[16];
    ThreadLocalRandom.current().nextBytes(key);
    return new OriginRequestShape(
        probe.route().url().map(RouteUrl::requestTarget).orElse("/"),
        override.isEmpty() ? eyeball : override,
        override.isEmpty() ? null : eyeball,
        probe.run().settings().visitorIp(),
        probe.run().settings().userAgent(),
        websocket,
        true,
        Base64.getEncoder().encodeToString(key));
  }

  /** The method and kind, for messages: {@code GET} or {@code the WebSocket handshake (GET + Upgrade)}. */
  String what() {
    return websocket ? "the WebSocket handshake (GET " + path + " with Upgrade: websocket)" : "GET " + path;
  }

  /** The headers in the order they are written (Host and User-Agent first, then sorted, as Go writes them). */
  Map<String, String> headers(String ray) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Host", host);
    headers.put("User-Agent", userAgent);
    if (!websocket) {
      headers.put("Accept", "*/*");
    }
    if (proxyHeaders) {
      headers.put("Cdn-Loop", "cloudflare");
      headers.put("Cf-Connecting-Ip", visitorIp);
      headers.put("Cf-Ray", ray);
      headers.put("Cf-Visitor", "{\"scheme\":\"https\"}");
    }
    headers.put("Connection", websocket ? "Upgrade" : "keep-alive");
    if (websocket) {
      headers.put("Origin", "https://" + HttpPhase.stripPort(forwardedHost != null ? forwardedHost : host));
      headers.put("Sec-Websocket-Key", websocketKey);
      headers.put("Sec-Websocket-Version", "13");
      headers.put("Upgrade", "websocket");
    }
    if (proxyHeaders) {
      headers.put("X-Forwarded-For", visitorIp);
      if (forwardedHost != null) {
        headers.put("X-Forwarded-Host", forwardedHost);
      }
      headers.put("X-Forwarded-Proto", "https");
    }
    return headers;
  }

  /** The request bytes with a fresh ray id. */
  byte[] bytes() {
    StringBuilder text = new StringBuilder("GET ").append(path).append(" HTTP/1.1\r\n");
    headers(newRay()).forEach((name, value) -> text.append(name).append(": ").append(value).append("\r\n"));
    text.append("\r\n");
    return text.toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  /** The same request with another Host (and no X-Forwarded-Host). */
  OriginRequestShape withHost(String otherHost) {
    return new OriginRequestShape(path, otherHost, null, visitorIp, userAgent, websocket, proxyHeaders, websocketKey);
  }

  /** The same request without the headers a proxy adds ({@link #PROXY_HEADERS}). */
  OriginRequestShape withoutProxyHeaders() {
    return new OriginRequestShape(path, host, forwardedHost, visitorIp, userAgent, websocket, false, websocketKey);
  }

  /** The {@code Sec-WebSocket-Accept} a correct server answers to {@link #websocketKey} (RFC 6455 §4.2.2). */
  String expectedAccept() {
    try {
      java.security.MessageDigest sha1 = java.security.MessageDigest.getInstance("SHA-1");
      byte[] digest = sha1.digest((websocketKey + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.ISO_8859_1));
      return Base64.getEncoder().encodeToString(digest);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is required of every JDK", e);
    }
  }

  private static String newRay() {
    return HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()) + "-PROBE";
  }
}
