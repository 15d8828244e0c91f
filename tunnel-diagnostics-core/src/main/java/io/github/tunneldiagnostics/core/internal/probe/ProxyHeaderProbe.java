package io.github.tunneldiagnostics.core.internal.probe;

import io.github.tunneldiagnostics.api.check.FindingCode;
import io.github.tunneldiagnostics.api.check.Severity;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * ORIGIN_PROXY_HEADERS_REJECTED: when cloudflared's request shape gets a 4xx, the same request is sent
 * once more without the headers a proxy adds ({@link OriginRequestShape#PROXY_HEADERS}); when that one
 * succeeds (2xx or 3xx, 101 for a WebSocket), the app refuses requests forwarded by a proxy it does not
 * trust (e.g. Home Assistant's 400 for X-Forwarded-For from an untrusted proxy).
 */
final class ProxyHeaderProbe {
  private static final Duration MIN_EXTRA = Duration.ofMillis(50);

  private final HttpTarget target;
  private final RouteProbe probe;

  ProxyHeaderProbe(HttpTarget target) {
    this.target = target;
    this.probe = target.probe();
  }

  /** Whether the 4xx {@code first} is caused by the proxy headers; reports it when it is. */
  boolean rejects(OriginRequestShape request, HttpOutcome.Response first, HttpPhase.Reopen reopen) {
    if (!probe.hasTimeFor(MIN_EXTRA)) {
      return false;
    }
    ProbeConnection again = reopen.open();
    if (again == null) {
      return false;
    }
    OriginRequestShape bare = request.withoutProxyHeaders();
    HttpOutcome outcome;
    try {
      outcome = probe.run().http().exchange(again, bare.bytes(), probe.deadline());
    } finally {
      again.close();
    }
    if (!(outcome instanceof HttpOutcome.Response second) || !succeeded(request, second)) {
      return false;
    }
    String header = likelyHeader(first);
    List<String> sent = request.headers("").keySet().stream().filter(OriginRequestShape.PROXY_HEADERS::contains).toList();
    probe.add(target.base(FindingCode.ORIGIN_PROXY_HEADERS_REJECTED, Severity.ERROR, request, first)
        .message("The origin at " + target.where() + " answers " + first.statusLine() + " to cloudflared's request (" + request.what() + " with "
            + String.join(", ", sent) + ") but " + second.statusLine() + " to the same request without those headers: the app refuses requests"
            + " forwarded by a proxy it does not trust, most likely because of " + header + ".")
        .remediation(remedy(first, header))
        .evidence("statusWithoutProxyHeaders", second.statusLine())
        .evidence("header", header)
        .evidence("proxyHeadersSent", String.join(", ", sent))
        .build());
    return true;
  }

  private static boolean succeeded(OriginRequestShape request, HttpOutcome.Response second) {
    return request.websocket() ? second.status() == 101 : second.status() >= 200 && second.status() < 400;
  }

  /** The proxy header the answer names, else X-Forwarded-For (the one apps check against their trusted proxies). */
  static String likelyHeader(HttpOutcome.Response first) {
    String body = first.bodyPrefix().toLowerCase(Locale.ROOT);
    for (String header : List.of("X-Forwarded-Host", "X-Forwarded-Proto", "Cf-Connecting-Ip", "Cf-Visitor", "Cdn-Loop", "X-Forwarded-For")) {
      if (body.contains(header.toLowerCase(Locale.ROOT))) {
        return header;
      }
    }
    return "X-Forwarded-For";
  }

  private String remedy(HttpOutcome.Response first, String header) {
    String from = target.source().isEmpty() ? "cloudflared's address" : target.source();
    String lead = "Make the app trust cloudflared, which connects from " + from + ", as a reverse proxy so that it accepts " + header + ": ";
    String server = first.header("server").orElse("").toLowerCase(Locale.ROOT);
    if (server.contains("aiohttp") || HttpTarget.bodyText(first).startsWith("400: Bad Request")) {
      return lead + "in Home Assistant's configuration.yaml set http: use_x_forwarded_for: true and trusted_proxies: [" + from + "], then restart it.";
    }
    return lead + List.of(
            "Home Assistant: http: use_x_forwarded_for: true, trusted_proxies: [" + from + "]",
            "Express: app.set('trust proxy', '" + from + "')",
            "Spring Boot: server.forward-headers-strategy: native",
            "ASP.NET Core: ForwardedHeadersOptions.KnownProxies.Add(" + from + ")",
            "Gunicorn: --forwarded-allow-ips " + from,
            "Traefik/nginx in front: add " + from + " to the trusted IPs (forwardedHeaders.trustedIPs / set_real_ip_from)")
        .stream().collect(Collectors.joining("; ")) + ".";
  }
}
