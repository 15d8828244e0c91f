package io.github.tunneldiagnostics.core.internal.probe;

import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.check.Severity;
import java.util.Map;

/**
 * Where the HTTP step talks to and how findings about it are shaped: the route's probe, the address, the
 * transport, and the evidence every HTTP finding carries (the request sent, the TLS details, the status).
 *
 * @param probe the route's probe
 * @param where the address probed, for messages ({@code 127.0.0.1:8080}, {@code unix:/run/app.sock})
 * @param tls whether the connection is TLS
 * @param transport TLS details and dial attempts, for the evidence
 * @param serviceAuthority the Host Go would put for the service URL itself, e.g. {@code 127.0.0.1:8080}; empty for unix sockets
 * @param changeToHttps the TLS form of the service, for remediations
 * @param source the address the probe connected from (cloudflared's source address, seen by the origin), or empty
 */
record HttpTarget(RouteProbe probe, String where, boolean tls, Map<String, String> transport, String serviceAuthority, String changeToHttps, String source) {
  private static final int BODY_EVIDENCE = 200;

  HttpTarget {
    transport = Map.copyOf(transport);
  }

  /** {@code HTTP/1.1} or {@code HTTP/1.1 over TLSv1.3}. */
  String protocol(HttpOutcome.Response response) {
    return response.version() + (tls ? " over " + transport.getOrDefault("tlsProtocol", "TLS") : "");
  }

  Finding.Builder base(String code, Severity severity, OriginRequestShape request) {
    return probe.findings().start(code, severity)
        .evidence("address", where)
        .evidence("request", request.what() + " Host: " + request.host()
            + (request.forwardedHost() == null ? "" : " X-Forwarded-Host: " + request.forwardedHost()))
        .evidence(transport);
  }

  Finding.Builder base(String code, Severity severity, OriginRequestShape request, HttpOutcome.Response response) {
    Finding.Builder builder = base(code, severity, request)
        .evidence("status", response.statusLine())
        .evidence("protocol", protocol(response));
    response.header("server").ifPresent(v -> builder.evidence("server", v));
    response.header("location").ifPresent(v -> builder.evidence("location", v));
    response.header("content-type").ifPresent(v -> builder.evidence("contentType", v));
    String body = bodyText(response);
    if (!body.isBlank()) {
      builder.evidence("bodyPrefix", body);
    }
    return builder.evidence("result", "HTTP " + response.status());
  }

  /** The body prefix with control characters replaced, at most {@value #BODY_EVIDENCE} characters. */
  static String bodyText(HttpOutcome.Response response) {
    String body = response.bodyPrefix().replaceAll("[\\p{Cntrl}&&[^\n\t]]", "?");
    return body.length() > BODY_EVIDENCE ? body.substring(0, BODY_EVIDENCE) : body;
  }
}
