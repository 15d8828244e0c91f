package io.github.tunneldiagnostics.samples.springboot;

import io.github.tunneldiagnostics.api.DiagnosisReport;
import io.github.tunneldiagnostics.api.RouteReport;
import io.github.tunneldiagnostics.api.Verdict;
import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.check.Severity;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * The tunnel as an Actuator health contributor: BROKEN is DOWN, HEALTHY and DEGRADED are UP (the details
 * say which, with each warning), and before the first diagnosis has finished the status is UNKNOWN. The
 * details are the verdict, when it was checked, each route's verdict, and each ERROR and WARNING finding
 * with its fix, never evidence. Never waits longer than the {@link CachedDiagnosis}'s wait.
 */
public final class TunnelHealthIndicator implements HealthIndicator {
  private static final int MAX_FINDINGS = 20;

  private final CachedDiagnosis diagnosis;

  public TunnelHealthIndicator(CachedDiagnosis diagnosis) {
    this.diagnosis = diagnosis;
  }

  @Override
  public Health health() {
    Optional<CachedDiagnosis.Snapshot> snapshot;
    try {
      snapshot = diagnosis.current();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Health.unknown().withDetail("reason", "interrupted while waiting for the diagnosis").build();
    }
    if (snapshot.isEmpty()) {
      return Health.unknown().withDetail("reason", "the first tunnel diagnosis has not finished yet").build();
    }
    DiagnosisReport report = snapshot.get().report();
    Health.Builder health = report.verdict() == Verdict.BROKEN ? Health.down() : Health.up();
    health.withDetail("verdict", report.verdict().name()).withDetail("checkedAt", snapshot.get().takenAt().toString())
        .withDetail("durationMillis", report.duration().toMillis());
    Map<String, String> routes = new LinkedHashMap<>();
    for (RouteReport route : report.routes()) {
      routes.put(route.route().label() + " (rule #" + route.route().rule() + " " + route.route().service() + ")", route.verdict().name());
    }
    if (!routes.isEmpty()) {
      health.withDetail("routes", routes);
    }
    List<Map<String, String>> findings = report.findings(Severity.WARNING).stream().limit(MAX_FINDINGS).map(TunnelHealthIndicator::describe).toList();
    if (!findings.isEmpty()) {
      health.withDetail("findings", findings);
    }
    return health.build();
  }

  private static Map<String, String> describe(Finding finding) {
    Map<String, String> described = new LinkedHashMap<>();
    described.put("code", finding.code());
    described.put("severity", finding.severity().name());
    described.put("subject", finding.subject());
    described.put("message", finding.message());
    described.put("fix", finding.remediation());
    return described;
  }
}
