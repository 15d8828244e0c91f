package io.github.tunneldiagnostics.core.internal.probe;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/**
 * The one HTTP/1.1 request the probe sends, shaped like the request cloudflared forwards to an origin
 * (failure-modes.md §2.3, cloudflared {@code proxy/proxy.go}, {@code ingress/origin_proxy.go}).
 *
 * @param path the request target: path and query
 * @param host the {@code Host} header value
 * @param forwardedHost the {@code X-Forwarded-Host} value when {@code httpHostHeader} replaced the host
 * @param visitorIp the value for {@code X-Forwarded-For} and {@code Cf-Connecting-Ip}
 * @param userAgent the {@code User-Agent} value
 */
record OriginRequestShape(String path, String host, @Nullable String forwardedHost, String visitorIp, String userAgent) {
  /** The headers in the order they are written. */
  Map<String, String> headers(String ray) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Host", host);
    headers.put("User-Agent", userAgent);
    headers.put("Accept", "*/*");
    headers.put("Cdn-Loop", "cloudflare");
    headers.put("Cf-Connecting-Ip", visitorIp);
    headers.put("Cf-Ray", ray);
    headers.put("Cf-Visitor", "{\"scheme\":\"https\"}");
    headers.put("Connection", "keep-alive");
    headers.put("X-Forwarded-For", visitorIp);
    if (forwardedHost != null) {
      headers.put("X-Forwarded-Host", forwardedHost);
    }
    headers.put("X-Forwarded-Proto", "https");
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
    return new OriginRequestShape(path, otherHost, null, visitorIp, userAgent);
  }

  private static String newRay() {
    return HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()) + "-PROBE";
  }
}
