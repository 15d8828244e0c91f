package io.github.tunneldiagnostics.core.internal.diagnosis;

import io.github.tunneldiagnostics.api.Diagnosis;
import io.github.tunneldiagnostics.api.DiagnosisReport;
import io.github.tunneldiagnostics.api.check.Check;
import io.github.tunneldiagnostics.api.ingress.IngressModel;
import io.github.tunneldiagnostics.core.ConfigException;
import io.github.tunneldiagnostics.core.internal.config.CheckSite;
import io.github.tunneldiagnostics.core.internal.probe.OriginCheck;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A run over the configured model only (no connector, no logs): {@link #validate} runs the static
 * checks and the custom ones; {@link #probeOrigins} probes the routes' origins. A config that cannot be
 * loaded becomes a report with its finding.
 */
public final class ModelDiagnosis {
  private ModelDiagnosis() {}

  /** The static checks as off the connector host (like cloudflared's ingress validate), then the custom ones; no network traffic. */
  public static DiagnosisReport validate(DiagnosisSettings settings) {
    List<Check> checks = new ArrayList<>(StandardChecks.staticChecks(CheckSite.OFF_CONNECTOR_HOST));
    checks.addAll(settings.checks());
    return run(settings, checks, settings.discoverChecks());
  }

  /** The {@code origin} check alone, over the routes of the URLs asked about (else of every rule). */
  public static DiagnosisReport probeOrigins(DiagnosisSettings settings) {
    return run(settings, List.of(OriginCheck.builder().build()), false);
  }

  private static DiagnosisReport run(DiagnosisSettings settings, List<Check> checks, boolean discover) {
    Instant started = settings.clock().instant();
    IngressModel loaded;
    try {
      loaded = settings.load();
    } catch (ConfigException e) {
      return DiagnosisReport.of(started, Duration.between(started, settings.clock().instant()), null, List.of(), List.of(e.finding()));
    }
    Diagnosis.Builder diagnosis = Diagnosis.builder()
        .ingress(loaded)
        .checks(checks)
        .routes(UrlRoutes.routes(settings.urls(), loaded))
        .timeout(settings.timeout())
        .resolver(settings.resolver())
        .listener(settings.listener())
        .clock(settings.clock());
    if (discover) {
      diagnosis.discoverChecks();
    }
    return diagnosis.build().run();
  }
}
