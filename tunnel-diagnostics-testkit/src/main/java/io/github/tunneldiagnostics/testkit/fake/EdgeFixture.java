package io.github.tunneldiagnostics.testkit.fake;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The answers of Cloudflare's edge that {@link FakeEdge} serves, byte for byte as in public-route.md §2.6
 * (HTTP/1.1, {@code connection: close}, {@code content-length} computed). Bodies are trimmed to the
 * markers a classifier needs; ray ids are made up but well-formed.
 */
public enum EdgeFixture {
  /** 530, {@code error code: 1033}: no healthy connector (one-line text form). */
  TUNNEL_DOWN_TEXT(530, "", Headers.TEXT, "error code: 1033"),
  /** 530, error 1033 as RFC 9457 JSON. */
  TUNNEL_DOWN_JSON(530, "", Headers.JSON_120,
      "{\"type\":\"https://developers.cloudflare.com/support/troubleshooting/http-status-codes/cloudflare-1xxx-errors/error-1033/\","
          + "\"title\":\"Error 1033: Cloudflare Tunnel error\",\"status\":530,\"detail\":\"The host is configured as a Cloudflare Tunnel, "
          + "but Cloudflare is currently unable to reach it.\",\"instance\":\"8f0c6e1d2a3b4c5d\",\"error_code\":1033,"
          + "\"error_name\":\"tunnel_error\",\"error_category\":\"config\",\"ray_id\":\"8f0c6e1d2a3b4c5d\",\"timestamp\":\"2026-11-25T12:00:00Z\","
          + "\"zone\":\"app.example.com\",\"cloudflare_error\":true,\"retryable\":true,\"retry_after\":120,\"owner_action_required\":true}"),
  /** 530, error 1033 as Cloudflare's HTML page. */
  TUNNEL_DOWN_HTML(530, "", Headers.HTML,
      "<!DOCTYPE html><html lang=\"en-US\"><head><title>Cloudflare Tunnel error | app.example.com | Cloudflare</title></head><body>"
          + "<div id=\"cf-error-details\"><h1><span class=\"cf-error-type\">Error</span> <span class=\"cf-error-code\">1033</span></h1>"
          + "<small class=\"heading-ray-id\">Ray ID: 8f0c6e1d2a3b4c5d</small><h2 class=\"cf-subheadline\">Cloudflare Tunnel error</h2></div>"
          + "</body></html>"),
  /** 530, error 1033 as Markdown with front matter. */
  TUNNEL_DOWN_MARKDOWN(530, "", Headers.MARKDOWN,
      "---\nerror_code: 1033\nerror_name: tunnel_error\nerror_category: config\nstatus: 530\nray_id: 8f0c6e1d2a3b4c5d\n"
          + "zone: app.example.com\ncloudflare_error: true\nretryable: true\nretry_after: 120\nowner_action_required: true\n---\n\n"
          + "# Error 1033: Cloudflare Tunnel error\n"),
  /** 530, {@code error code: 1016}: the record's target does not resolve. */
  ORIGIN_DNS(530, "", Headers.TEXT, "error code: 1016"),
  /** 403, error 1014: CNAME Cross-User Banned. */
  CROSS_ACCOUNT(403, "Forbidden", Headers.HTML,
      "<title>CNAME Cross-User Banned | Cloudflare</title>…<span class=\"cf-error-code\">1014</span>"),
  /** 502, Cloudflare's bad-gateway page (HTML). */
  BAD_GATEWAY_HTML(502, "Bad Gateway", Headers.HTML,
      "<title>app.example.com | 502: Bad gateway</title>…<span class=\"code-label\">Error code 502</span>…"
          + "The web server reported a bad gateway error."),
  /** 502, Cloudflare's bad gateway as RFC 9457 JSON. */
  BAD_GATEWAY_JSON(502, "Bad Gateway", Headers.JSON_60,
      "{\"title\":\"Error 502: Bad gateway\",\"status\":502,\"error_code\":502,\"error_category\":\"origin\",\"cloudflare_error\":true,"
          + "\"ray_id\":\"8f0c6e1d2a3b4c5d\",\"retryable\":true,\"retry_after\":60}"),
  /** 524, {@code error code: 524}: the origin did not answer within the proxy read timeout. */
  TIMEOUT(524, "", Headers.TEXT, "error code: 524"),
  /** 403, error 1020: a WAF rule blocked the request. */
  WAF_BLOCK(403, "Forbidden", Headers.HTML,
      "<title>Access denied | app.example.com used Cloudflare to restrict access</title>…Error code: 1020"),
  /** 403 with {@code cf-mitigated: challenge}: a challenge page. */
  CHALLENGE(403, "Forbidden", Headers.CHALLENGE,
      "<!DOCTYPE html><html lang=\"en-US\"><head><title>Just a moment...</title></head><body><script "
          + "src=\"/cdn-cgi/challenge-platform/h/g/orchestrate/chl_page/v1?ray=8f0c6e1d2a3b4c5d\"></script></body></html>"),
  /** 302 to Cloudflare Access's login. */
  ACCESS_LOGIN(302, "Found", Headers.ACCESS, ""),
  /** 404 with an empty body: cloudflared's {@code http_status:404} catch-all. */
  CATCH_ALL_404(404, "Not Found", Headers.EMPTY, ""),
  /** 503 with an empty body: cloudflared without ingress rules. */
  NO_INGRESS_503(503, "Service Unavailable", Headers.EMPTY, ""),
  /** 200 through the tunnel. */
  HEALTHY(200, "OK", Headers.HEALTHY, "ok"),
  /** 200 from a server that is not Cloudflare. */
  NOT_CLOUDFLARE(200, "OK", Headers.NGINX, "<title>Welcome to nginx!</title>");

  /** The made-up ray id every fixture carries, as {@code cf-ray} (with colo) shows it. */
  public static final String CF_RAY = "8f0c6e1d2a3b4c5d-AMS";

  private final int status;
  private final String reason;
  @SuppressWarnings("ImmutableEnumChecker") // always a List.of(...): unmodifiable
  private final List<String> headers;
  private final String body;

  EdgeFixture(int status, String reason, List<String> headers, String body) {
    this.status = status;
    this.reason = reason;
    this.headers = headers;
    this.body = body;
  }

  /** The HTTP status. */
  public int status() {
    return status;
  }

  /** The body as sent. */
  public String body() {
    return body;
  }

  /** The whole response: status line, headers, {@code content-length}, {@code connection: close}, body. */
  public byte[] bytes() {
    byte[] content = body.getBytes(StandardCharsets.UTF_8);
    StringBuilder head = new StringBuilder("HTTP/1.1 ").append(status).append(' ').append(reason).append("\r\n");
    for (String header : headers) {
      head.append(header).append("\r\n");
    }
    head.append("content-length: ").append(content.length).append("\r\n");
    head.append("connection: close\r\n\r\n");
    byte[] start = head.toString().getBytes(StandardCharsets.ISO_8859_1);
    byte[] all = new byte[start.length + content.length];
    System.arraycopy(start, 0, all, 0, start.length);
    System.arraycopy(content, 0, all, start.length, content.length);
    return all;
  }

  private static final class Headers {
    static final String SERVER = "server: cloudflare";
    static final String RAY = "cf-ray: " + CF_RAY;
    static final List<String> TEXT = List.of(SERVER, RAY, "content-type: text/plain; charset=UTF-8");
    static final List<String> HTML = List.of(SERVER, RAY, "content-type: text/html; charset=UTF-8");
    static final List<String> MARKDOWN = List.of(SERVER, RAY, "content-type: text/markdown; charset=utf-8");
    static final List<String> JSON_120 = List.of(SERVER, RAY, "content-type: application/problem+json; charset=utf-8", "retry-after: 120");
    static final List<String> JSON_60 = List.of(SERVER, RAY, "content-type: application/problem+json; charset=utf-8", "retry-after: 60");
    static final List<String> CHALLENGE = List.of(SERVER, RAY, "content-type: text/html; charset=UTF-8", "cf-mitigated: challenge",
        "cache-control: private, max-age=0, no-store, no-cache, must-revalidate, post-check=0, pre-check=0");
    static final List<String> ACCESS = List.of(SERVER, RAY, "location: https://team.cloudflareaccess.com/cdn-cgi/access/login/"
        + "app.example.com?kid=0123456789abcdef&redirect_url=%2F&meta=eyJ0eXAiOiJKV1Qi");
    static final List<String> EMPTY = List.of(SERVER, RAY, "cf-cache-status: DYNAMIC");
    static final List<String> HEALTHY = List.of(SERVER, RAY, "cf-cache-status: DYNAMIC", "content-type: text/plain");
    static final List<String> NGINX = List.of("server: nginx", "content-type: text/html");

    private Headers() {}
  }
}
