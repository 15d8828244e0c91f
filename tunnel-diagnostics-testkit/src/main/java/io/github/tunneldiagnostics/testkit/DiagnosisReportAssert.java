package io.github.tunneldiagnostics.testkit;

import io.github.tunneldiagnostics.api.DiagnosisReport;
import io.github.tunneldiagnostics.api.Verdict;
import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.check.Remedy;
import io.github.tunneldiagnostics.api.check.Severity;
import java.util.List;
import org.assertj.core.api.AbstractObjectAssert;
import org.jspecify.annotations.Nullable;

/** Assertions on a {@link DiagnosisReport}. Obtain through {@link TunnelAssertions#assertThat(DiagnosisReport)}. */
public class DiagnosisReportAssert extends AbstractObjectAssert<DiagnosisReportAssert, @Nullable DiagnosisReport> {

  public DiagnosisReportAssert(@Nullable DiagnosisReport actual) {
    super(actual, DiagnosisReportAssert.class);
  }

  /** The verdict is HEALTHY: no ERROR and no WARNING finding. */
  public DiagnosisReportAssert isHealthy() {
    return hasVerdict(Verdict.HEALTHY);
  }

  /** The report has this verdict. */
  public DiagnosisReportAssert hasVerdict(Verdict verdict) {
    DiagnosisReport report = present();
    if (report != null && report.verdict() != verdict) {
      failWithActualExpectedAndMessage(report.verdict(), verdict,
          "%nExpecting the diagnosis to be%n  %s%nbut it was %s", verdict, FindingDescription.of(report));
    }
    return myself;
  }

  /** No finding has severity ERROR (warnings are allowed). */
  public DiagnosisReportAssert hasNoErrors() {
    return hasNoFindingsAtLeast(Severity.ERROR);
  }

  /** No finding is at least as severe as {@code severity}. */
  public DiagnosisReportAssert hasNoFindingsAtLeast(Severity severity) {
    DiagnosisReport report = present();
    if (report != null) {
      List<Finding> found = report.findings(severity);
      if (!found.isEmpty()) {
        failWithMessage("%nExpecting no finding of severity %s or worse, but found %d:%n%s",
            severity, found.size(), FindingDescription.of(found));
      }
    }
    return myself;
  }

  /** At least one finding has this code. */
  public DiagnosisReportAssert hasFinding(String code) {
    DiagnosisReport report = present();
    if (report != null && report.findingsWithCode(code).isEmpty()) {
      failWithMessage("%nExpecting a finding with code%n  %s%nbut the report has %s", code, FindingDescription.of(report));
    }
    return myself;
  }

  /** No finding has this code. */
  public DiagnosisReportAssert hasNoFinding(String code) {
    DiagnosisReport report = present();
    if (report != null && !report.findingsWithCode(code).isEmpty()) {
      failWithMessage("%nExpecting no finding with code%n  %s%nbut found:%n%s", code, FindingDescription.of(report.findingsWithCode(code)));
    }
    return myself;
  }

  /** At least one finding has this code and this severity. */
  public DiagnosisReportAssert hasFinding(String code, Severity severity) {
    DiagnosisReport report = present();
    if (report != null && report.findingsWithCode(code).stream().noneMatch(f -> f.severity() == severity)) {
      failWithMessage("%nExpecting a finding with code %s and severity %s%nbut the report has %s", code, severity, FindingDescription.of(report));
    }
    return myself;
  }

  /** Some finding carries exactly this remedy ({@link DiagnosisReport#remedies()}). */
  public DiagnosisReportAssert hasRemedy(Remedy expected) {
    DiagnosisReport report = present();
    if (report != null && !report.remedies().contains(expected)) {
      failWithMessage("%nExpecting a finding to carry the remedy%n  %s (%s)%nbut the report has %s", expected.describe(), expected.kind(),
          FindingDescription.of(report));
    }
    return myself;
  }

  /** No finding carries a change to the config file. */
  public DiagnosisReportAssert hasNoConfigRemedies() {
    DiagnosisReport report = present();
    if (report != null && report.remedies().stream().anyMatch(Remedy::changesConfig)) {
      failWithMessage("%nExpecting no config change among the remedies%nbut the report has %s", FindingDescription.of(report));
    }
    return myself;
  }

  /** Navigates to the first finding with this code (fails when there is none). */
  public FindingAssert finding(String code) {
    hasFinding(code);
    DiagnosisReport report = actual;
    Finding first = report == null || report.findingsWithCode(code).isEmpty() ? null : report.findingsWithCode(code).get(0);
    return new FindingAssert(first);
  }

  private @Nullable DiagnosisReport present() {
    isNotNull();
    return actual;
  }
}
