package io.github.tunneldiagnostics.core.internal.probe;

import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.check.FindingCode;
import io.github.tunneldiagnostics.api.check.Severity;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Sends the cloudflared-shaped request over an open connection and turns the answer into findings:
 * ORIGIN_REACHABLE / ORIGIN_HTTP_ERROR, ORIGIN_REDIRECT_LOOP, ORIGIN_SLOW, ORIGIN_HOST_HEADER_REJECTED,
 * or ORIGIN_NO_RESPONSE / ORIGIN_SPEAKS_TLS when no HTTP answer comes.
 */
final class HttpPhase {
  private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
  private static final int BODY_EVIDENCE = 200;
  private static final java.time.Duration MIN_EXTRA = java.time.Duration.ofMillis(50);

  /** Opens a fresh connection to the same origin, set up like the first (TLS included); null when it cannot. */
  @FunctionalInterface
  interface Reopen {
    @Nullable ProbeConnection open();
  }

  private final RouteProbe probe;
  private final String where;
  private final boolean tls;
  private final Map<String, String> transportEvidence;
  private final String serviceAuthority;
  private final String changeToHttps;

  /**
   * @param where the address probed, for messages
   * @param tls whether the connection is TLS
   * @param transportEvidence TLS details for the evidence
   * @param serviceAuthority the Host Go would put for the service URL itself, e.g. {@code 127.0.0.1:8080}
   * @param changeToHttps the https form of the service, for remediations
   */
  HttpPhase(RouteProbe probe, String where, boolean tls, Map<String, String> transportEvidence, String serviceAuthority, String changeToHttps) {
    this.probe = probe;
    this.where = where;
    this.tls = tls;
    this.transportEvidence = transportEvidence;
    this.serviceAuthority = serviceAuthority;
    this.changeToHttps = changeToHttps;
  }

  /** What cloudflared sends as Host: httpHostHeader, else the public host, else the service's own host. */
  static OriginRequestShape shape(RouteProbe probe, String serviceAuthority) {
    String eyeball = probe.publicHost().orElse(serviceAuthority);
    String override = probe.settings().httpHostHeader();
    return new OriginRequestShape(
        RouteUrl.requestTarget(probe.route().url()),
        override.isEmpty() ? eyeball : override,
        override.isEmpty() ? null : eyeball,
        probe.run().settings().visitorIp(),
        probe.run().settings().userAgent());
  }

  /**
   * @param tlsSniff for a plain-text service: does the port speak TLS? (null when not applicable)
   */
  void run(ProbeConnection connection, Reopen reopen, @Nullable BooleanSupplier tlsSniff) {
    OriginRequestShape request = shape(probe, serviceAuthority);
    HttpOutcome outcome;
    try {
      outcome = probe.run().http().exchange(connection, request.bytes(), probe.deadline());
    } finally {
      connection.close();
    }
    if (outcome instanceof HttpOutcome.Response response) {
      probe.timings().firstByte(response.firstByte());
      evaluate(request, response, reopen);
    } else if (outcome instanceof HttpOutcome.Malformed malformed) {
      if (!tls && (malformed.looksLikeTls() || (tlsSniff != null && tlsSniff.getAsBoolean()))) {
        speaksTls("answered the plain-text request with TLS bytes " + malformed.quoted(),
            "net/http: HTTP/1.x transport connection broken: malformed HTTP response " + malformed.quoted());
        return;
      }
      probe.add(base(FindingCode.ORIGIN_NO_RESPONSE, Severity.ERROR, request)
          .message("The origin at " + where + " answered GET " + request.path() + " with bytes that are not an HTTP/1.x response ("
              + malformed.quoted() + "); cloudflared would log net/http: HTTP/1.x transport connection broken: malformed HTTP response "
              + malformed.quoted() + ".")
          .remediation("Point " + probe.findings().ruleService() + " at the app's HTTP port; " + where + " speaks another protocol.")
          .evidence("result", "malformed response")
          .evidence("firstBytes", malformed.quoted())
          .build());
    } else if (outcome instanceof HttpOutcome.NoResponse none) {
      noResponse(request, none, tlsSniff);
    }
  }

  private void noResponse(OriginRequestShape request, HttpOutcome.NoResponse none, @Nullable BooleanSupplier tlsSniff) {
    if (none.kind() == HttpOutcome.NoResponse.Kind.TIMEOUT) {
      probe.timings().firstByte(none.waited());
      probe.add(base(FindingCode.ORIGIN_NO_RESPONSE, Severity.ERROR, request)
          .message("The origin at " + where + " accepted the connection but sent no response to GET " + request.path() + " within "
              + none.waited().toMillis() + " ms" + (none.received().equals("\"\"") || none.received().isEmpty() ? "" : " (only " + none.received() + ")")
              + "; cloudflared sets no response timeout, so the visitor waits until Cloudflare's edge gives up after 100 s (error 524).")
          .remediation("Find out why the app behind " + where + " hangs (thread pool exhausted, deadlock, a slow upstream); restart it and check its logs.")
          .evidence("result", "no response in time")
          .evidence("waitedMs", none.waited().toMillis())
          .build());
      return;
    }
    if (!tls && tlsSniff != null && tlsSniff.getAsBoolean()) {
      speaksTls("closed the plain-text request without an HTTP answer, and completes a TLS handshake",
          "read tcp <cloudflared>->" + where + ": read: connection reset by peer");
      return;
    }
    String goError = none.kind() == HttpOutcome.NoResponse.Kind.RESET ? "read: connection reset by peer" : "EOF";
    probe.add(base(FindingCode.ORIGIN_NO_RESPONSE, Severity.ERROR, request)
        .message("The origin at " + where + " accepted the connection and closed it without answering GET " + request.path()
            + " (after " + none.waited().toMillis() + " ms); cloudflared would log " + goError + ".")
        .remediation("Check the app's logs for why it drops requests with Host: " + request.host()
            + " (crash, request size limits, a proxy that rejects unknown hosts); the port is open but nothing answers HTTP there.")
        .evidence("result", none.kind() == HttpOutcome.NoResponse.Kind.RESET ? "connection reset" : "closed without response")
        .build());
  }

  private void speaksTls(String what, String goError) {
    probe.add(probe.findings().start(FindingCode.ORIGIN_SPEAKS_TLS, Severity.ERROR)
        .message("The origin at " + where + " speaks TLS but " + probe.findings().subject().replaceFirst("^rule #\\d+ ", "") + " is plain HTTP: it "
            + what + "; cloudflared would log " + goError + ".")
        .remediation("Change " + probe.findings().ruleService() + " to " + changeToHttps
            + " (add originServerName or caPool if its certificate is not for that name or not publicly trusted).")
        .evidence("address", where)
        .evidence("result", "speaks TLS")
        .build());
  }

  private void evaluate(OriginRequestShape request, HttpOutcome.Response response, Reopen reopen) {
    String server = response.header("server").orElse("");
    if (response.status() >= 500) {
      probe.add(base(FindingCode.ORIGIN_HTTP_ERROR, Severity.ERROR, request, response)
          .message("The origin at " + where + " itself answers " + response.statusLine() + (server.isEmpty() ? "" : " (Server: " + server + ")")
              + " to GET " + request.path() + " with Host: " + request.host()
              + "; the visitor's " + response.status() + " comes from the app or its upstream, not from the tunnel.")
          .remediation("Fix the app behind " + where + " or the upstream it proxies to"
              + (server.isEmpty() ? "" : " (check " + server + "'s error log)") + "; the tunnel and cloudflared work.")
          .build());
    } else {
      probe.add(base(FindingCode.ORIGIN_REACHABLE, Severity.INFO, request, response)
          .message("The origin at " + where + " answered " + response.statusLine() + " to GET " + request.path() + " with Host: " + request.host()
              + " in " + response.firstByte().toMillis() + " ms" + (tls ? " over " + transportEvidence.getOrDefault("tlsProtocol", "TLS") : "") + ".")
          .build());
    }
    redirectLoop(request, response);
    slow(request, response);
    hostHeader(request, response, reopen);
  }

  private void redirectLoop(OriginRequestShape request, HttpOutcome.Response response) {
    if (!REDIRECTS.contains(response.status()) || response.header("location").isEmpty()) {
      return;
    }
    String location = response.header("location").get();
    try {
      URI target = new URI(location);
      String host = stripPort(request.host());
      String path = target.getRawPath() == null || target.getRawPath().isEmpty() ? "/" : target.getRawPath();
      String asked = request.path().contains("?") ? request.path().substring(0, request.path().indexOf('?')) : request.path();
      boolean sameUrl = "https".equalsIgnoreCase(target.getScheme())
          && target.getHost() != null
          && target.getHost().equalsIgnoreCase(host)
          && (target.getPort() == -1 || target.getPort() == 443)
          && path.equals(asked);
      if (!sameUrl) {
        return;
      }
      probe.add(base(FindingCode.ORIGIN_REDIRECT_LOOP, Severity.WARNING, request, response)
          .message("The origin at " + where + " answers " + response.statusLine() + " to " + location + " for GET " + request.path()
              + " although the request says X-Forwarded-Proto: https: the visitor already is on that URL, so browsers loop (ERR_TOO_MANY_REDIRECTS).")
          .remediation(tls
              ? "Make the app trust X-Forwarded-Proto from cloudflared (trusted proxies) so it stops forcing https."
              : "Make the app trust X-Forwarded-Proto from cloudflared (trusted proxies), or change " + probe.findings().ruleService() + " to "
                  + changeToHttps + " so the origin sees TLS.")
          .build());
    } catch (URISyntaxException e) {
      // not a URL we can compare
    }
  }

  private void slow(OriginRequestShape request, HttpOutcome.Response response) {
    if (response.firstByte().compareTo(probe.run().settings().slowThreshold()) < 0) {
      return;
    }
    probe.add(base(FindingCode.ORIGIN_SLOW, Severity.WARNING, request, response)
        .message("The origin at " + where + " took " + response.firstByte().toMillis() + " ms to send the first byte for GET " + request.path()
            + " (warning threshold " + probe.run().settings().slowThreshold().toMillis() + " ms); Cloudflare's edge gives up after 100 s and the visitor gets 524.")
        .remediation("Make the endpoint answer sooner: stream or send headers early, move the work to a background job, or cache the result.")
        .build());
  }

  private void hostHeader(OriginRequestShape request, HttpOutcome.Response first, Reopen reopen) {
    if (first.status() < 300 || serviceAuthority.isEmpty() || request.host().equalsIgnoreCase(serviceAuthority) || !probe.hasTimeFor(MIN_EXTRA)) {
      return;
    }
    ProbeConnection again = reopen.open();
    if (again == null) {
      return;
    }
    OriginRequestShape plain = request.withHost(serviceAuthority);
    HttpOutcome outcome;
    try {
      outcome = probe.run().http().exchange(again, plain.bytes(), probe.deadline());
    } finally {
      again.close();
    }
    if (!(outcome instanceof HttpOutcome.Response second)) {
      return;
    }
    int a = first.status() / 100;
    int b = second.status() / 100;
    boolean rejected = (a >= 4 && b < 4) || (a == 3 && b == 2);
    if (!rejected) {
      return;
    }
    probe.add(base(FindingCode.ORIGIN_HOST_HEADER_REJECTED, Severity.WARNING, request, first)
        .message("The origin at " + where + " answers " + first.statusLine() + " for Host: " + request.host() + " (what cloudflared sends) but "
            + second.statusLine() + " for Host: " + serviceAuthority + ".")
        .remediation("Set originRequest.httpHostHeader: \"" + serviceAuthority + "\" on rule #" + probe.rule().index() + ", or add "
            + request.host() + " to the app's virtual hosts / allowed hosts.")
        .evidence("statusWithServiceHost", second.statusLine())
        .build());
  }

  private Finding.Builder base(String code, Severity severity, OriginRequestShape request) {
    return probe.findings().start(code, severity)
        .evidence("address", where)
        .evidence("request", "GET " + request.path() + " Host: " + request.host()
            + (request.forwardedHost() == null ? "" : " X-Forwarded-Host: " + request.forwardedHost()))
        .evidence(transportEvidence);
  }

  private Finding.Builder base(String code, Severity severity, OriginRequestShape request, HttpOutcome.Response response) {
    Finding.Builder builder = base(code, severity, request)
        .evidence("status", response.statusLine())
        .evidence("protocol", response.version() + (tls ? " over " + transportEvidence.getOrDefault("tlsProtocol", "TLS") : ""));
    response.header("server").ifPresent(v -> builder.evidence("server", v));
    response.header("location").ifPresent(v -> builder.evidence("location", v));
    response.header("content-type").ifPresent(v -> builder.evidence("contentType", v));
    String body = response.bodyPrefix().replaceAll("[\\p{Cntrl}&&[^\n\t]]", "?");
    if (!body.isBlank()) {
      builder.evidence("bodyPrefix", body.length() > BODY_EVIDENCE ? body.substring(0, BODY_EVIDENCE) : body);
    }
    return builder.evidence("result", "HTTP " + response.status());
  }

  static String stripPort(String hostHeader) {
    if (hostHeader.startsWith("[")) {
      int end = hostHeader.indexOf(']');
      return end > 0 ? hostHeader.substring(1, end) : hostHeader;
    }
    int colon = hostHeader.lastIndexOf(':');
    return colon > 0 && hostHeader.indexOf(':') == colon ? hostHeader.substring(0, colon) : hostHeader;
  }
}
