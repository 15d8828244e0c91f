package io.github.tunneldiagnostics.core.internal.report;

import io.github.tunneldiagnostics.core.report.MatchReport;
import io.github.tunneldiagnostics.core.report.UrlMatch;
import io.github.tunneldiagnostics.api.DiagnosisReport;
import io.github.tunneldiagnostics.api.Route;
import io.github.tunneldiagnostics.api.RouteUrl;
import io.github.tunneldiagnostics.api.RouteReport;
import io.github.tunneldiagnostics.api.Verdict;
import io.github.tunneldiagnostics.api.check.CheckResult;
import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.check.FindingCode;
import io.github.tunneldiagnostics.api.check.Outcome;
import io.github.tunneldiagnostics.api.ingress.ConfigSource;
import io.github.tunneldiagnostics.api.ingress.IngressModel;
import io.github.tunneldiagnostics.api.ingress.IngressRule;
import io.github.tunneldiagnostics.api.ingress.OriginRequest;
import io.github.tunneldiagnostics.api.ingress.OriginRequestOverrides;
import io.github.tunneldiagnostics.api.ingress.OriginService;
import io.github.tunneldiagnostics.api.ingress.WarpRouting;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Representative reports shared by the writer tests. */
final class ReportFixtures {
  static final Instant STARTED = Instant.parse("2026-11-25T12:00:00Z");

  private ReportFixtures() {}

  static IngressRule rule(int index, String hostname, String path, OriginService service) {
    return IngressRule.builder().index(index).hostname(hostname).path(path).service(service.toString()).build();
  }

  static IngressModel model() {
    return IngressModel.builder().source(ConfigSource.file(Path.of("/etc/cloudflared/config.yml"))).tunnel("6ff42ae2-765d-4adf-8112-31c55c1551ef").rules(List.of(
            rule(0, "app.example.com", "", new OriginService.Http("http", "127.0.0.1", 8080, "http://127.0.0.1:8080")),
            rule(1, "*.example.com", "^/api", new OriginService.Http("https", "localhost", 8443, "https://localhost:8443")),
            rule(2, "", "", new OriginService.HttpStatus(404)))).build();
  }

  static Finding refused() {
    return Finding.error(FindingCode.ORIGIN_CONNECTION_REFUSED)
        .check("origin.tcp")
        .subject("rule #0 http://127.0.0.1:8080")
        .message("Nothing listens on 127.0.0.1:8080; a process listens on 127.0.0.1:8081.")
        .remediation("Change rule #0's service to http://127.0.0.1:8081, or start the app on port 8080.")
        .rule(0)
        .evidence("source", "probe")
        .evidence("address.127.0.0.1:8080", "refused in 0.2 ms")
        .evidence("listening", "127.0.0.1:8081")
        .build();
  }

  static Finding tlsVerifyDisabled() {
    return Finding.warning(FindingCode.TLS_VERIFY_DISABLED)
        .check("ingress")
        .subject("rule #1 (*.example.com path ^/api)")
        .message("Rule #1 sets noTLSVerify: true, so cloudflared accepts any certificate from https://localhost:8443.")
        .remediation("Remove noTLSVerify and set caPool to the origin's CA, or originServerName to a name its certificate covers.")
        .rule(1)
        .evidence("source", "config")
        .build();
  }

  static Finding unanchored() {
    return Finding.info(FindingCode.PATH_REGEX_UNANCHORED)
        .check("ingress")
        .subject("rule #1 (*.example.com path ^/api)")
        .message("Path \"^/api\" also matches /apix \\ /api-old: cloudflared's match is unanchored.")
        .remediation("")
        .rule(1)
        .build();
  }

  /** A report with one broken route, one degraded route, and findings of every severity. */
  static DiagnosisReport broken() {
    List<Finding> findings = List.of(unanchored(), tlsVerifyDisabled(), refused());
    return new DiagnosisReport(
        Verdict.BROKEN,
        STARTED,
        Duration.ofMillis(412),
        model(),
        List.of(
            new RouteReport(Route.forUrl(RouteUrl.parse("https://app.example.com/"), 0, "http://127.0.0.1:8080"), Verdict.BROKEN),
            new RouteReport(Route.forUrl(RouteUrl.parse("https://api.example.com/api/users"), 1, "https://localhost:8443"), Verdict.DEGRADED)),
        findings,
        List.of(
            new CheckResult("ingress", Outcome.WARNED, List.of(tlsVerifyDisabled(), unanchored()), Duration.ofMillis(3)),
            new CheckResult("origin.tcp", Outcome.FAILED, List.of(refused()), Duration.ofMillis(1))));
  }

  /** A report with no model and no findings. */
  static DiagnosisReport empty() {
    return DiagnosisReport.of(STARTED, Duration.ZERO, null, List.of(), List.of());
  }

  /** A fixture file under src/test/resources/fixtures, e.g. an expected document. */
  static String text(String name) {
    try {
      return java.nio.file.Files.readString(Path.of("src/test/resources/fixtures", name));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static MatchReport matches() {
    IngressModel model = model();
    return new MatchReport(
        model.source(),
        List.of(
            new UrlMatch(RouteUrl.parse("https://app.example.com/"), model.rule(0), false),
            new UrlMatch(RouteUrl.parse("https://a.b.example.com:8443/api/v1?x=1"), model.rule(1), false),
            new UrlMatch(RouteUrl.parse("https://example.com/"), model.rule(2), true)));
  }
}
