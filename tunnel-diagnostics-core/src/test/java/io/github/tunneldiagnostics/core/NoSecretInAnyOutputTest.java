package io.github.tunneldiagnostics.core;

import io.github.tunneldiagnostics.api.InvalidRouteUrlException;
import static io.github.tunneldiagnostics.core.SecretMarkers.ALL;
import static io.github.tunneldiagnostics.core.SecretMarkers.FORMS;
import static io.github.tunneldiagnostics.core.SecretMarkers.assertNoMarker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.tunneldiagnostics.api.DiagnosisReport;
import io.github.tunneldiagnostics.api.LogReport;
import io.github.tunneldiagnostics.api.Route;
import io.github.tunneldiagnostics.api.RouteUrl;
import io.github.tunneldiagnostics.api.RouteReport;
import io.github.tunneldiagnostics.api.Verdict;
import io.github.tunneldiagnostics.api.check.CheckResult;
import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.check.FindingCode;
import io.github.tunneldiagnostics.api.check.Outcome;
import io.github.tunneldiagnostics.api.check.Remedy;
import io.github.tunneldiagnostics.api.check.Severity;
import io.github.tunneldiagnostics.api.ingress.IngressModel;
import io.github.tunneldiagnostics.core.report.MatchReport;
import io.github.tunneldiagnostics.core.report.ReportFormat;
import io.github.tunneldiagnostics.core.report.UrlMatch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secrets in every form (SecretMarkers) pushed through every output: each report format (text, JSON,
 * Markdown, SARIF, JUnit, HTML) for diagnosis and match reports, the remedies' strings, the exceptions that
 * carry input (ConfigException, InvalidRouteUrlException) and a log classified from lines full of them.
 * No marker may come out anywhere.
 */
class NoSecretInAnyOutputTest {
  @TempDir Path temp;

  static final String SERVICE = "http://alice:pwMARK8@127.0.0.1:8080";
  static final String URL = "https://app.example.com/cb?access_token=atMARK10x&sig=sgMARK11x&X-Amz-Signature=amzMARK12x";

  private IngressModel model() throws Exception {
    Path config = Files.writeString(temp.resolve("config.yml"), "ingress:\n  - hostname: app.example.com\n    service: " + SERVICE
        + "\n  - service: http_status:404\n");
    return TunnelDiagnostics.forConfig(config).load();
  }

  static List<Remedy> remedies() {
    return List.of(
        new Remedy.SetService(0, SERVICE, "http://bob:pwMARK8@127.0.0.1:8081", ALL),
        new Remedy.SetOriginRequest(0, "httpHostHeader", "token=tokMARK4value", "Bearer bearerMARK1x9", ALL),
        new Remedy.MoveRule(1, 0, ALL),
        new Remedy.AddRule(0, "app.example.com", "https://user:pwMARK8@127.0.0.1:8443", 0, ALL),
        new Remedy.RenameKey(0, "originRequest", "noTlsVerify", "noTLSVerify", ALL),
        new Remedy.Manual(ALL, ALL));
  }

  private DiagnosisReport report() throws Exception {
    List<Finding> findings = new ArrayList<>();
    for (String form : FORMS) {
      Finding.Builder finding = Finding.builder(FindingCode.ORIGIN_HTTP_ERROR, Severity.ERROR)
          .check("custom.leaky")
          .subject(form)
          .message("The origin answered: " + form)
          .remediation("Remove " + form)
          .rule(0)
          .evidence("sample", form)
          .evidence("url", URL)
          .evidence(form, "a secret as a key");
      findings.add(finding.build());
    }
    Finding.Builder withRemedies = Finding.builder(FindingCode.ORIGIN_CONNECTION_REFUSED, Severity.ERROR).check("origin").subject(URL)
        .message(ALL).remediation(ALL).rule(0).evidence(Map.of("all", ALL, "service", SERVICE));
    remedies().forEach(withRemedies::remedy);
    findings.add(withRemedies.build());
    Route route = Route.forUrl(RouteUrl.parse(URL), 0, SERVICE);
    LogReport logs = new LogReport(List.of("/var/log/cloudflared.log?token=tokMARK4value"), 10, 2, 1, Map.of(), Map.of("otherProgram", 1L),
        1, 1, 1, ALL, false, true);
    return new DiagnosisReport(Verdict.BROKEN, Instant.parse("2026-11-30T12:00:00Z"), Duration.ofMillis(5), model(),
        List.of(new RouteReport(route, Verdict.BROKEN)), findings,
        List.of(new CheckResult("custom.leaky", Outcome.ERRORED, findings, Duration.ZERO))).withLogs(logs);
  }

  @Test
  void noFormatShowsASecretOfADiagnosisReport() throws Exception {
    // given
    DiagnosisReport report = report();

    // when / then
    for (ReportFormat format : ReportFormat.values()) {
      assertNoMarker(format + " report", format.writer().render(report));
      assertNoMarker(format + " report in colour", format.writer(true).render(report));
    }
    assertNoMarker("DiagnosisReport.toString()", report.toString());
  }

  @Test
  void noFormatShowsASecretOfAMatchReport() throws Exception {
    // given
    IngressModel model = model();
    MatchReport matches = new MatchReport(model.source(), List.of(new UrlMatch(RouteUrl.parse(URL), model.rule(0), false, null)));

    // when / then
    for (ReportFormat format : ReportFormat.values()) {
      if (format.rendersMatches()) {
        assertNoMarker(format + " match report", format.writer().render(matches));
      }
    }
    assertNoMarker("MatchReport.toString()", matches.toString());
  }

  @Test
  void aRemedyShowsNoSecretInItsStringsThoughItKeepsItsValuesToApply() {
    for (Remedy remedy : remedies()) {
      assertNoMarker(remedy.kind() + ".describe()", remedy.describe());
      assertNoMarker(remedy.kind() + ".toString()", remedy.toString());
    }
    assertThat(((Remedy.SetService) remedies().get(0)).newService()).isEqualTo("http://bob:pwMARK8@127.0.0.1:8081"); // what the fix writes
  }

  @Test
  void aConfigErrorShowsNoSecretOfTheConfig() throws Exception {
    // given: configs that fail on a line full of secrets, in YAML, in a value, in a URL
    List<String> broken = List.of(
        "ingress:\n  - hostname: app.example.com\n    service: " + SERVICE + "\n    originRequest: {httpHostHeader: [" + FORMS.get(0) + "\n",
        "tunnel: " + FORMS.get(2) + "\ningress:\n  - service: http_status:404\n  - service: " + SERVICE + "\n",
        "ingress:\n  - hostname: \"" + URL + "\"\n    service: " + SERVICE + "\n    path: \"token=tokMARK4value(\"\n  - service: http_status:404\n",
        "credentials-file: " + FORMS.get(6) + "\ningress:\n  - service: " + SERVICE + "/path?token=tokMARK4value\n",
        ALL + "\n");

    for (String text : broken) {
      Path config = Files.writeString(temp.resolve("broken.yml"), text);

      // when
      Throwable thrown = catchThrowable(() -> TunnelDiagnostics.forConfig(config).load());
      DiagnosisReport validation = TunnelDiagnostics.forConfig(config).validate();

      // then
      if (thrown != null) {
        assertNoMarker("exception of " + text, thrown.toString());
        if (thrown instanceof ConfigException e) {
          assertNoMarker("finding of " + text, e.finding().toString());
        }
      }
      for (ReportFormat format : ReportFormat.values()) {
        assertNoMarker(format + " validation of " + text, format.writer().render(validation));
      }
    }
  }

  @Test
  void aRefusedUrlShowsNoSecret() throws Exception {
    // given
    TunnelDiagnostics diagnostics = TunnelDiagnostics.forModel(model());

    // when
    List<Throwable> thrown = new ArrayList<>();
    for (String url : List.of("https://app.example.com:99999/?access_token=atMARK10x", "https://alice:pwMARK8@app example.com/",
        "ftp://app.example.com/?sig=sgMARK11x", "https://app.example.com/%zz?X-Amz-Signature=amzMARK12x")) {
      thrown.add(catchThrowable(() -> diagnostics.match(url)));
      thrown.add(catchThrowable(() -> diagnostics.url(url).validate()));
    }

    // then
    assertThat(thrown).anySatisfy(t -> assertThat(t).isInstanceOf(InvalidRouteUrlException.class));
    for (Throwable t : thrown) {
      if (t != null) {
        assertNoMarker("refused URL", t.toString());
      }
    }
  }

  @Test
  void aLogFullOfSecretsIsClassifiedWithoutShowingOne() throws Exception {
    // given: cloudflared's error lines and unrelated lines, each carrying the secrets
    StringBuilder log = new StringBuilder();
    for (String form : FORMS) {
      String flat = form.replace("\n", " ");
      log.append("2024-12-10T10:00:00Z ERR  error=\"Unable to reach the origin service. The service may be down or it may not be responding to traffic from cloudflared: ")
          .append(flat.replace("\"", "'")).append("\" cfRay=8f1e2d3c4b5a6978-FRA event=1 ingressRule=0 originService=").append(SERVICE).append('\n');
      log.append("2024-12-10T10:00:01Z ERR  Request failed error=\"").append(flat.replace("\"", "'")).append("\" dest=").append(URL).append('\n');
      log.append(flat).append('\n');
    }
    Path file = Files.writeString(temp.resolve("cloudflared.log"), log);

    // when
    DiagnosisReport report = TunnelDiagnostics.forModel(model()).logs(file).analyzeLogs();

    // then
    assertThat(report.findings()).isNotEmpty();
    for (ReportFormat format : ReportFormat.values()) {
      assertNoMarker(format + " logs report", format.writer().render(report));
    }
  }
}
