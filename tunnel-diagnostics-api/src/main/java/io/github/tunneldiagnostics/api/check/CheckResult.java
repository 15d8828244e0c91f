package io.github.tunneldiagnostics.api.check;

import io.github.tunneldiagnostics.api.internal.Redaction;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What one check reported.
 *
 * @param checkId the check's id
 * @param outcome what happened
 * @param findings the findings, including the pipeline's own {@code CHECK_FAILED}/{@code CHECK_SKIPPED}
 * @param elapsed how long the check ran (zero when skipped)
 */
public record CheckResult(String checkId, Outcome outcome, List<Finding> findings, Duration elapsed) {

  public CheckResult {
    Objects.requireNonNull(checkId, "checkId");
    Objects.requireNonNull(outcome, "outcome");
    findings = List.copyOf(findings);
    Objects.requireNonNull(elapsed, "elapsed");
  }

  /** The outcome that a completed run with these findings has: FAILED, WARNED or PASSED. */
  public static Outcome outcomeOf(List<Finding> findings) {
    Outcome outcome = Outcome.PASSED;
    for (Finding finding : findings) {
      if (finding.severity() == Severity.ERROR) {
        return Outcome.FAILED;
      }
      if (finding.severity() == Severity.WARNING) {
        outcome = Outcome.WARNED;
      }
    }
    return outcome;
  }

  /** The record's fields, under the redaction policy. */
  @Override
  public String toString() {
    return Redaction.toString(this);
  }
}
