package io.github.tunneldiagnostics.doctor.serve;

import io.github.tunneldiagnostics.api.DiagnosisReport;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What the exporter knows after its latest run: the last report (kept when a later run fails), how the
 * latest run went, and the exporter's own counters.
 *
 * @param report the last report a run produced, or null before the first one
 * @param readyConnections ready edge connections per connector address, read with the last report
 * @param lastRunDuration how long the latest run took
 * @param lastRunEnded when the latest run ended
 * @param lastRunSucceeded false when the latest run failed (threw) instead of producing a report
 * @param runs runs since start
 * @param failures runs that produced no report
 */
public record Snapshot(
    @Nullable DiagnosisReport report,
    Map<String, Integer> readyConnections,
    Duration lastRunDuration,
    @Nullable Instant lastRunEnded,
    boolean lastRunSucceeded,
    long runs,
    long failures) {

  public Snapshot {
    readyConnections = Map.copyOf(readyConnections);
    Objects.requireNonNull(lastRunDuration, "lastRunDuration");
  }

  /** Before the first run. */
  public static Snapshot initial() {
    return new Snapshot(null, Map.of(), Duration.ZERO, null, false, 0, 0);
  }

  /** After a run that produced {@code newReport}. */
  Snapshot succeeded(DiagnosisReport newReport, Map<String, Integer> connections, Duration took, Instant ended) {
    return new Snapshot(newReport, connections, took, ended, true, runs + 1, failures);
  }

  /** After a run that failed; the previous report stays. */
  Snapshot failed(Duration took, Instant ended) {
    return new Snapshot(report, readyConnections, took, ended, false, runs + 1, failures + 1);
  }
}
