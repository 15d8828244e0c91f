package io.github.tunneldiagnostics.core.internal.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tunneldiagnostics.api.Diagnosis;
import io.github.tunneldiagnostics.api.DiagnosisReport;
import io.github.tunneldiagnostics.api.Route;
import io.github.tunneldiagnostics.api.RouteUrl;
import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.check.FindingCode;
import io.github.tunneldiagnostics.api.check.Outcome;
import io.github.tunneldiagnostics.api.ingress.IngressModel;
import org.junit.jupiter.api.Test;

/** Both checks in the real pipeline. */
class IngressChecksTest {

  private static DiagnosisReport diagnose(IngressModel model, Route... routes) {
    Diagnosis.Builder builder = Diagnosis.builder().ingress(model).check(new IngressCheck()).check(new RouteCheck());
    for (Route route : routes) {
      builder.route(route);
    }
    return builder.build().run();
  }

  @Test
  void explainsOnlyTheUrlsThatFallThroughToTheCatchAll() {
    // given
    IngressModel model = Rules.of("app.example.com", "http://127.0.0.1:8080", "", "http_status:404");

    // when
    DiagnosisReport report = diagnose(
        model,
        Route.forUrl(RouteUrl.parse("https://app.example.com/"), 0, "http://127.0.0.1:8080"),
        Route.forUrl(RouteUrl.parse("https://ap.example.com/"), 1, "http_status:404"),
        Route.forRule(0, "http://127.0.0.1:8080"));

    // then
    assertThat(report.result("ingress")).hasValueSatisfying(r -> assertThat(r.outcome()).isEqualTo(Outcome.PASSED));
    assertThat(report.findingsWithCode(FindingCode.HOSTNAME_NOT_ROUTED))
        .singleElement()
        .satisfies(f -> {
          assertThat(f.subject()).isEqualTo("https://ap.example.com/");
          assertThat(f.check()).isEqualTo("ingress.route");
        });
    assertThat(report.findings()).extracting(Finding::check).containsOnly("ingress.route");
  }

  @Test
  void saysTheWildcardApexCaveatOnceWhenBothChecksSeeIt() {
    // given: only a wildcard covers example.com, and the apex is asked about
    IngressModel model = Rules.of("*.example.com", "http://127.0.0.1:8080", "", "http_status:404");

    // when
    DiagnosisReport report = diagnose(model, Route.forUrl(RouteUrl.parse("https://example.com/"), 1, "http_status:404"));

    // then
    assertThat(report.findingsWithCode(FindingCode.WILDCARD_APEX_UNMATCHED))
        .extracting(Finding::message)
        .doesNotHaveDuplicates();
    assertThat(report.findingsWithCode(FindingCode.HOSTNAME_NOT_ROUTED)).hasSize(1);
  }

  @Test
  void skipsRouteExplanationsWhenCloudflaredRefusesTheRules() {
    // given
    IngressModel model = Rules.of("app.example.com:443", "http://127.0.0.1:8080", "", "http_status:404");

    // when
    DiagnosisReport report = diagnose(model, Route.forUrl(RouteUrl.parse("https://x.example.com/"), 1, "http_status:404"));

    // then
    assertThat(report.findingsWithCode(FindingCode.INGRESS_INVALID)).singleElement()
        .satisfies(f -> assertThat(f.evidence()).containsEntry("cloudflaredMessage", "Hostname cannot contain a port"));
    assertThat(report.result("ingress.route")).hasValueSatisfying(r -> assertThat(r.outcome()).isEqualTo(Outcome.SKIPPED));
  }
}
