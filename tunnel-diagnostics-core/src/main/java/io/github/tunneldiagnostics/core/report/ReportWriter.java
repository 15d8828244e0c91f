package io.github.tunneldiagnostics.core.report;

import io.github.tunneldiagnostics.api.DiagnosisReport;
import java.io.IOException;

/**
 * Renders a {@link DiagnosisReport} or a {@link MatchReport} in one format. Implementations are
 * immutable and thread-safe.
 */
public interface ReportWriter {

  /** Renders a diagnosis report. */
  String render(DiagnosisReport report);

  /** Renders the answer to "which rule serves these URLs". */
  String render(MatchReport matches);

  /** Writes a diagnosis report to {@code out}. */
  default void write(DiagnosisReport report, Appendable out) throws IOException {
    out.append(render(report));
  }

  /** Writes a match report to {@code out}. */
  default void write(MatchReport matches, Appendable out) throws IOException {
    out.append(render(matches));
  }
}
