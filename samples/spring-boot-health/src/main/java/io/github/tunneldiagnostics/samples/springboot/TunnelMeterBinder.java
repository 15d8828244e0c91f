package io.github.tunneldiagnostics.samples.springboot;

import io.github.tunneldiagnostics.api.DiagnosisReport;
import io.github.tunneldiagnostics.api.RouteReport;
import io.github.tunneldiagnostics.api.Verdict;
import io.github.tunneldiagnostics.api.check.Severity;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * The tunnel as Micrometer gauges, read from the last cached report (a scrape never waits for a
 * diagnosis; a stale report starts a refresh): {@code tunnel.route.up} per route (tags {@code rule},
 * {@code url}, {@code service}; 1 unless BROKEN), {@code tunnel.findings} per severity and
 * {@code tunnel.verdict.broken} / {@code tunnel.verdict.degraded}. Route gauges are registered as the
 * reports name routes; a gauge is NaN while there is no report.
 */
public final class TunnelMeterBinder implements MeterBinder {
  private final CachedDiagnosis diagnosis;

  public TunnelMeterBinder(CachedDiagnosis diagnosis) {
    this.diagnosis = diagnosis;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    diagnosis.onReport(snapshot -> registerRoutes(snapshot.report(), registry));
    diagnosis.latest().ifPresent(snapshot -> registerRoutes(snapshot.report(), registry));
    diagnosis.refreshIfStale();
    for (Severity severity : Severity.values()) {
      Gauge.builder("tunnel.findings", this, binder -> binder.value(report -> report.findings().stream().filter(f -> f.severity() == severity).count()))
          .description("Findings of the last tunnel diagnosis, by severity")
          .tag("severity", severity.name().toLowerCase(Locale.ROOT))
          .register(registry);
    }
    Gauge.builder("tunnel.verdict.broken", this, binder -> binder.value(report -> report.verdict() == Verdict.BROKEN ? 1 : 0))
        .description("1 when the last tunnel diagnosis was BROKEN").register(registry);
    Gauge.builder("tunnel.verdict.degraded", this, binder -> binder.value(report -> report.verdict() == Verdict.DEGRADED ? 1 : 0))
        .description("1 when the last tunnel diagnosis was DEGRADED").register(registry);
  }

  /** One {@code tunnel.route.up} gauge per route (registering an existing one again is a no-op). */
  private void registerRoutes(DiagnosisReport report, MeterRegistry registry) {
    for (RouteReport route : report.routes()) {
      String url = route.route().label();
      Gauge.builder("tunnel.route.up", this, binder -> binder.value(last -> last.routes().stream()
              .filter(r -> r.route().label().equals(url)).findFirst().map(r -> r.verdict() == Verdict.BROKEN ? 0.0 : 1.0).orElse(Double.NaN)))
          .description("1 when cloudflared's traffic for this route would reach its origin, else 0")
          .tags(Tags.of("rule", Integer.toString(route.route().rule()), "url", url, "service", route.route().service()))
          .register(registry);
    }
  }

  private double value(ToDoubleFunction<DiagnosisReport> of) {
    diagnosis.refreshIfStale();
    return diagnosis.latest().map(snapshot -> of.applyAsDouble(snapshot.report())).orElse(Double.NaN);
  }
}
