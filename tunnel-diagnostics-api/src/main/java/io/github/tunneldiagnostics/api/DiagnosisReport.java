package io.github.tunneldiagnostics.api;

import io.github.tunneldiagnostics.api.check.CheckResult;
import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.check.Remedy;
import io.github.tunneldiagnostics.api.check.Severity;
import io.github.tunneldiagnostics.api.ingress.IngressModel;
import io.github.tunneldiagnostics.api.internal.Redaction;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What a diagnosis found: the verdict, the routes, every finding and every check's result. The JSON
 * document of the command line ({@code tunnel-diagnostics/report/v1}) is this record serialised.
 *
 * @param verdict BROKEN if any ERROR finding, else DEGRADED if any WARNING, else HEALTHY
 * @param startedAt when the diagnosis started
 * @param duration how long it took
 * @param ingress the model diagnosed, or null when there was none (e.g. a log-only report)
 * @param routes the routes diagnosed, each with its own verdict
 * @param findings every finding, most severe first, then in the order of the checks
 * @param results each check's result, in registration order
 * @param logs what reading the connector's logs amounted to, or null when no log was read
 */
public record DiagnosisReport(
    Verdict verdict,
    Instant startedAt,
    Duration duration,
    @Nullable IngressModel ingress,
    List<RouteReport> routes,
    List<Finding> findings,
    List<CheckResult> results,
    @Nullable LogReport logs) {

  /** The schema id of the JSON form. */
  public static final String SCHEMA = "tunnel-diagnostics/report/v1";

  public DiagnosisReport {
    Objects.requireNonNull(verdict, "verdict");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(duration, "duration");
    routes = List.copyOf(routes);
    findings = findings.stream().sorted(Comparator.comparingInt((Finding f) -> -f.severity().rank())).toList();
    results = List.copyOf(results);
  }

  /** A report that read no log. */
  public DiagnosisReport(
      Verdict verdict, Instant startedAt, Duration duration, @Nullable IngressModel ingress, List<RouteReport> routes,
      List<Finding> findings, List<CheckResult> results) {
    this(verdict, startedAt, duration, ingress, routes, findings, results, null);
  }

  /** This report with what reading the logs amounted to. */
  public DiagnosisReport withLogs(@Nullable LogReport logReport) {
    return new DiagnosisReport(verdict, startedAt, duration, ingress, routes, findings, results, logReport);
  }

  /** A report of the given findings, with the verdict derived from them and no check results. */
  public static DiagnosisReport of(
      Instant startedAt, Duration duration, @Nullable IngressModel ingress, List<RouteReport> routes, List<Finding> findings) {
    return new DiagnosisReport(Verdict.of(findings), startedAt, duration, ingress, routes, findings, List.of());
  }

  /** The findings at least as severe as {@code atLeast}. */
  public List<Finding> findings(Severity atLeast) {
    return findings.stream().filter(f -> f.severity().isAtLeast(atLeast)).toList();
  }

  /** The findings with the given code. */
  public List<Finding> findingsWithCode(String code) {
    return findings.stream().filter(f -> f.code().equals(code)).toList();
  }

  /** The findings about one rule (evidence {@code rule}). */
  public List<Finding> findingsForRule(int ruleIndex) {
    return findings.stream().filter(f -> f.ruleIndex().orElse(-1) == ruleIndex).toList();
  }

  /** Every finding's remedies, in the order of the findings (most severe first). */
  public List<Remedy> remedies() {
    return findings.stream().flatMap(f -> f.remedies().stream()).toList();
  }

  /** The result of the check with this id. */
  public Optional<CheckResult> result(String checkId) {
    return results.stream().filter(r -> r.checkId().equals(checkId)).findFirst();
  }

  /** True when the verdict is HEALTHY. */
  public boolean isHealthy() {
    return verdict == Verdict.HEALTHY;
  }

  /** A copy without evidence, for exposure on public endpoints. */
  public DiagnosisReport withoutEvidence() {
    return new DiagnosisReport(
        verdict, startedAt, duration, ingress, routes, findings.stream().map(Finding::withoutEvidence).toList(),
        results.stream()
            .map(r -> new CheckResult(r.checkId(), r.outcome(), r.findings().stream().map(Finding::withoutEvidence).toList(), r.elapsed()))
            .toList(),
        logs);
  }

  /** The record's fields, under the redaction policy. */
  @Override
  public String toString() {
    return Redaction.toString(this);
  }
}
