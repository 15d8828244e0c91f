package io.github.tunneldiagnostics.testkit;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

import io.github.tunneldiagnostics.api.DiagnosisReport;
import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.check.FindingCode;
import io.github.tunneldiagnostics.api.check.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DiagnosisReportAssertTest {

  static final Finding REFUSED = Finding.error(FindingCode.ORIGIN_CONNECTION_REFUSED)
      .check("origin").subject("rule #0 http://127.0.0.1:8080")
      .message("Nothing listens on 127.0.0.1:8080; a process listens on 127.0.0.1:8081.")
      .remediation("Change rule #0's service to http://127.0.0.1:8081, or start the app on port 8080.")
      .rule(0).evidence("address.127.0.0.1:8080", "refused in 0.2 ms").build();

  static DiagnosisReport report(Finding... findings) {
    return DiagnosisReport.of(Instant.EPOCH, Duration.ofMillis(5), null, List.of(), List.of(findings));
  }

  @Test
  void isHealthyFailsWithEveryFindingSpelledOut() {
    // given
    DiagnosisReport broken = report(REFUSED);
    // when / then
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> TunnelAssertions.assertThat(broken).isHealthy())
        .withMessage(String.join("\n",
            "",
            "Expecting the diagnosis to be",
            "  HEALTHY",
            "but it was verdict BROKEN with findings:",
            "  ERROR ORIGIN_CONNECTION_REFUSED — rule #0 http://127.0.0.1:8080",
            "    Nothing listens on 127.0.0.1:8080; a process listens on 127.0.0.1:8081.",
            "    fix: Change rule #0's service to http://127.0.0.1:8081, or start the app on port 8080.",
            "    rule: 0",
            "    address.127.0.0.1:8080: refused in 0.2 ms",
            ""));
  }

  @Test
  void hasNoErrorsAcceptsWarningsButNotErrors() {
    Finding warning = Finding.warning(FindingCode.TLS_VERIFY_DISABLED).check("ingress").subject("rule #0").message("m").build();

    assertThatNoException().isThrownBy(() -> TunnelAssertions.assertThat(report(warning)).hasNoErrors());
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> TunnelAssertions.assertThat(report(warning, REFUSED)).hasNoErrors())
        .withMessageStartingWith("\nExpecting no finding of severity ERROR or worse, but found 1:\n  ERROR ORIGIN_CONNECTION_REFUSED");
  }

  @Test
  void hasFindingAndNavigationCheckCodeSeverityAndEvidence() {
    DiagnosisReport broken = report(REFUSED);

    assertThatNoException().isThrownBy(() -> TunnelAssertions.then(broken)
        .hasFinding(FindingCode.ORIGIN_CONNECTION_REFUSED, Severity.ERROR)
        .hasNoFinding(FindingCode.ORIGIN_CERT_EXPIRED)
        .finding(FindingCode.ORIGIN_CONNECTION_REFUSED)
        .hasSeverity(Severity.ERROR)
        .hasEvidence("rule", "0")
        .hasRemediationContaining("http://127.0.0.1:8081"));
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> TunnelAssertions.assertThat(REFUSED).hasEvidence("rule", "1"))
        .withMessageStartingWith("\nExpecting evidence\n  rule = 1\nbut it was 0\nfinding:\n");
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> TunnelAssertions.assertThat(broken).hasFinding(FindingCode.ORIGIN_CERT_EXPIRED))
        .withMessageStartingWith("\nExpecting a finding with code\n  ORIGIN_CERT_EXPIRED\nbut the report has verdict BROKEN");
  }

  @Test
  void softAssertionsCollectEveryFailure() {
    SoftTunnelAssertions softly = new SoftTunnelAssertions();

    softly.assertThat(report(REFUSED)).isHealthy();
    softly.assertThat(REFUSED).hasSeverity(Severity.INFO);
    softly.assertThat((DiagnosisReport) null).isHealthy();

    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(softly::assertAll)
        .withMessageContaining("Multiple Failures (3 failures)");
  }
}
