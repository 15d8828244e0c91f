package io.github.tunneldiagnostics.testkit;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

import io.github.tunneldiagnostics.api.DiagnosisReport;
import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.check.FindingCode;
import io.github.tunneldiagnostics.api.check.Remedy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RemedyAssertTest {
  static final Remedy PORT = new Remedy.SetService(0, "http://127.0.0.1:8080", "http://127.0.0.1:8081", "the app listens on 8081");
  static final Remedy START = new Remedy.Manual("Start the app on port 8080.", "The app is down.");

  static Finding refused(Remedy... remedies) {
    Finding.Builder finding = Finding.error(FindingCode.ORIGIN_CONNECTION_REFUSED).check("origin").subject("rule #0 http://127.0.0.1:8080")
        .message("Nothing listens on 127.0.0.1:8080.").remediation("Start the app.").rule(0);
    for (Remedy remedy : remedies) {
      finding.remedy(remedy);
    }
    return finding.build();
  }

  static DiagnosisReport report(Finding... findings) {
    return DiagnosisReport.of(Instant.EPOCH, Duration.ofMillis(5), null, List.of(), List.of(findings));
  }

  @Test
  void hasRemedyPassesForTheRemedyAndFailsNamingWhatTheFindingCarries() {
    assertThatNoException().isThrownBy(() -> TunnelAssertions.assertThat(refused(PORT)).hasRemedy(PORT).hasConfigRemedy());
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> TunnelAssertions.assertThat(refused(START)).hasRemedy(PORT))
        .withMessage(String.join("\n",
            "",
            "Expecting the finding to carry the remedy",
            "  rule #0: service http://127.0.0.1:8080 → http://127.0.0.1:8081 (setService)",
            "but its remedies were",
            "  manual: Start the app on port 8080.",
            "finding:",
            "  ERROR ORIGIN_CONNECTION_REFUSED — rule #0 http://127.0.0.1:8080",
            "    Nothing listens on 127.0.0.1:8080.",
            "    fix: Start the app.",
            "    rule: 0",
            ""));
  }

  @Test
  void hasNoConfigRemedyProvesNoUnsafeChangeIsOffered() {
    assertThatNoException().isThrownBy(() -> TunnelAssertions.assertThat(refused(START)).hasNoConfigRemedy());
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> TunnelAssertions.assertThat(refused(PORT)).hasNoConfigRemedy())
        .withMessage(String.join("\n",
            "",
            "Expecting the finding to carry no config change",
            "but it carries",
            "  setService: rule #0: service http://127.0.0.1:8080 → http://127.0.0.1:8081",
            "finding:",
            "  ERROR ORIGIN_CONNECTION_REFUSED — rule #0 http://127.0.0.1:8080",
            "    Nothing listens on 127.0.0.1:8080.",
            "    fix: Start the app.",
            "    change: rule #0: service http://127.0.0.1:8080 → http://127.0.0.1:8081",
            "    rule: 0",
            ""));
  }

  @Test
  void reportLevelRemedyAssertions() {
    assertThatNoException().isThrownBy(() -> TunnelAssertions.assertThat(report(refused(PORT))).hasRemedy(PORT));
    assertThatNoException().isThrownBy(() -> TunnelAssertions.assertThat(report(refused(START))).hasNoConfigRemedies());
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> TunnelAssertions.assertThat(report(refused(PORT))).hasNoConfigRemedies())
        .withMessageStartingWith("\nExpecting no config change among the remedies\nbut the report has verdict BROKEN with findings:\n");
  }
}
