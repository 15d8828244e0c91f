package io.github.tunneldiagnostics.testkit;

import io.github.tunneldiagnostics.api.DiagnosisReport;
import io.github.tunneldiagnostics.api.check.Finding;
import org.jspecify.annotations.Nullable;

/**
 * The entry point of the testkit's AssertJ assertions.
 *
 * <pre>{@code
 * import static io.github.tunneldiagnostics.testkit.TunnelAssertions.assertThat;
 *
 * assertThat(report).hasNoErrors();
 * assertThat(report).finding("ORIGIN_CONNECTION_REFUSED").hasEvidence("rule", "0");
 * }</pre>
 *
 * It does not extend AssertJ's {@code Assertions}; import both where you need both.
 */
public final class TunnelAssertions {
  private TunnelAssertions() {}

  /** Assertions on a diagnosis report. */
  public static DiagnosisReportAssert assertThat(@Nullable DiagnosisReport actual) {
    return new DiagnosisReportAssert(actual);
  }

  /** Assertions on one finding. */
  public static FindingAssert assertThat(@Nullable Finding actual) {
    return new FindingAssert(actual);
  }

  /** BDD alias of {@link #assertThat(DiagnosisReport)}. */
  public static DiagnosisReportAssert then(@Nullable DiagnosisReport actual) {
    return assertThat(actual);
  }

  /** BDD alias of {@link #assertThat(Finding)}. */
  public static FindingAssert then(@Nullable Finding actual) {
    return assertThat(actual);
  }
}
