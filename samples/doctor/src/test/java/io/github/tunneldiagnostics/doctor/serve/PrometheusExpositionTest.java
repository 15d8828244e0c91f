package io.github.tunneldiagnostics.doctor.serve;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tunneldiagnostics.api.DiagnosisReport;
import io.github.tunneldiagnostics.api.Route;
import io.github.tunneldiagnostics.api.RouteReport;
import io.github.tunneldiagnostics.api.Verdict;
import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.check.FindingCode;
import io.github.tunneldiagnostics.api.ingress.ConfigSource;
import io.github.tunneldiagnostics.api.ingress.IngressModel;
import io.github.tunneldiagnostics.api.ingress.IngressRule;
import io.github.tunneldiagnostics.api.ingress.OriginService;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrometheusExpositionTest {
  private static final Instant STARTED = Instant.parse("2026-11-25T12:00:00Z");

  private static IngressRule rule(int index, String hostname, OriginService service) {
    return IngressRule.builder().index(index).hostname(hostname).service(service.toString()).build();
  }

  /** Two rules diagnosed from a connector's /config: #0 answers, #1 refuses. */
  static DiagnosisReport report() {
    IngressModel model = IngressModel.builder().source(ConfigSource.connector("127.0.0.1:20241", 7)).rules(List.of(rule(0, "app.example.com", new OriginService.Http("http", "127.0.0.1", 8080, "http://127.0.0.1:8080")),
            rule(1, "api.\"x\".example.com", new OriginService.Http("http", "127.0.0.1", 8081, "http://127.0.0.1:8081")),
            rule(2, "", new OriginService.HttpStatus(404)))).build();
    Finding reachable = Finding.info(FindingCode.ORIGIN_REACHABLE).check("origin").subject("rule #0 http://127.0.0.1:8080").rule(0)
        .evidence("resolveMs", "0").evidence("connectMs", "2").evidence("tlsMs", "-").evidence("firstByteMs", "15").build();
    Finding refused = Finding.error(FindingCode.ORIGIN_CONNECTION_REFUSED).check("origin").subject("rule #1 http://127.0.0.1:8081").rule(1)
        .evidence("resolveMs", "0").evidence("connectMs", "1").evidence("tlsMs", "-").evidence("firstByteMs", "-").build();
    Finding degraded = Finding.warning(FindingCode.CONNECTOR_DEGRADED).check("connector").subject("127.0.0.1:20241")
        .evidence("readyConnections", "2").build();
    return DiagnosisReport.of(STARTED, Duration.ofMillis(40), model,
        List.of(new RouteReport(Route.forRule(0, "http://127.0.0.1:8080"), Verdict.HEALTHY),
            new RouteReport(Route.forRule(1, "http://127.0.0.1:8081"), Verdict.BROKEN)),
        List.of(reachable, refused, degraded));
  }

  @Test
  void rendersEveryFamilyWithHelpTypeAndEscapedLabels() {
    // given
    Snapshot snapshot = Snapshot.initial()
        .succeeded(report(), Map.of("127.0.0.1:20241", 2), Duration.ofMillis(1500), Instant.parse("2026-11-25T12:00:01.5Z"))
        .failed(Duration.ofMillis(250), Instant.parse("2026-11-25T12:00:31Z"));

    // when
    String text = new PrometheusExposition(Duration.ofSeconds(30), Duration.ofSeconds(10)).render(snapshot);

    // then
    assertThat(text).isEqualTo("""
        # HELP tunnel_doctor_rule_up 1 when the route's verdict is not BROKEN (cloudflared's traffic would reach the origin), else 0.
        # TYPE tunnel_doctor_rule_up gauge
        tunnel_doctor_rule_up{rule="0",hostname="app.example.com",service="http://127.0.0.1:8080",url=""} 1
        tunnel_doctor_rule_up{rule="1",hostname="api.\\"x\\".example.com",service="http://127.0.0.1:8081",url=""} 0
        # HELP tunnel_doctor_rule_phase_seconds How long each phase of the latest origin probe took (resolve, connect, tls, first_byte).
        # TYPE tunnel_doctor_rule_phase_seconds gauge
        tunnel_doctor_rule_phase_seconds{rule="0",hostname="app.example.com",service="http://127.0.0.1:8080",url="",phase="resolve"} 0
        tunnel_doctor_rule_phase_seconds{rule="0",hostname="app.example.com",service="http://127.0.0.1:8080",url="",phase="connect"} 0.002
        tunnel_doctor_rule_phase_seconds{rule="0",hostname="app.example.com",service="http://127.0.0.1:8080",url="",phase="first_byte"} 0.015
        tunnel_doctor_rule_phase_seconds{rule="1",hostname="api.\\"x\\".example.com",service="http://127.0.0.1:8081",url="",phase="resolve"} 0
        tunnel_doctor_rule_phase_seconds{rule="1",hostname="api.\\"x\\".example.com",service="http://127.0.0.1:8081",url="",phase="connect"} 0.001
        # HELP tunnel_doctor_findings Active findings by code and severity (error, warning, info); rule is the 0-based ingress rule, empty when the finding is about no rule.
        # TYPE tunnel_doctor_findings gauge
        tunnel_doctor_findings{code="CONNECTOR_DEGRADED",severity="warning",rule=""} 1
        tunnel_doctor_findings{code="ORIGIN_CONNECTION_REFUSED",severity="error",rule="1"} 1
        tunnel_doctor_findings{code="ORIGIN_REACHABLE",severity="info",rule="0"} 1
        # HELP tunnel_doctor_verdict 1 for the verdict of the latest report (HEALTHY, DEGRADED or BROKEN), 0 for the others.
        # TYPE tunnel_doctor_verdict gauge
        tunnel_doctor_verdict{verdict="HEALTHY"} 0
        tunnel_doctor_verdict{verdict="DEGRADED"} 0
        tunnel_doctor_verdict{verdict="BROKEN"} 1
        # HELP tunnel_doctor_rules Ingress rules in the diagnosed config.
        # TYPE tunnel_doctor_rules gauge
        tunnel_doctor_rules 3
        # HELP tunnel_doctor_connector_ready_connections Edge connections the connector has registered (its /ready).
        # TYPE tunnel_doctor_connector_ready_connections gauge
        tunnel_doctor_connector_ready_connections{connector="127.0.0.1:20241"} 2
        # HELP tunnel_doctor_connector_config_version The connector's configuration version: -1 for a local config file, 0 or more for a remotely managed one.
        # TYPE tunnel_doctor_connector_config_version gauge
        tunnel_doctor_connector_config_version{connector="127.0.0.1:20241"} 7
        # HELP tunnel_doctor_runs_total Diagnosis runs since the exporter started.
        # TYPE tunnel_doctor_runs_total counter
        tunnel_doctor_runs_total 2
        # HELP tunnel_doctor_run_failures_total Diagnosis runs that failed to produce a report (the last report is kept).
        # TYPE tunnel_doctor_run_failures_total counter
        tunnel_doctor_run_failures_total 1
        # HELP tunnel_doctor_last_run_duration_seconds How long the latest diagnosis run took.
        # TYPE tunnel_doctor_last_run_duration_seconds gauge
        tunnel_doctor_last_run_duration_seconds 0.25
        # HELP tunnel_doctor_last_run_success 1 when the latest run produced a report, else 0.
        # TYPE tunnel_doctor_last_run_success gauge
        tunnel_doctor_last_run_success 0
        # HELP tunnel_doctor_last_run_timestamp_seconds When the latest run ended, in seconds since the epoch.
        # TYPE tunnel_doctor_last_run_timestamp_seconds gauge
        tunnel_doctor_last_run_timestamp_seconds 1795608031
        # HELP tunnel_doctor_interval_seconds Time between the starts of two runs (--interval).
        # TYPE tunnel_doctor_interval_seconds gauge
        tunnel_doctor_interval_seconds 30
        # HELP tunnel_doctor_run_deadline_seconds The deadline of each run (--timeout), shorter than the interval.
        # TYPE tunnel_doctor_run_deadline_seconds gauge
        tunnel_doctor_run_deadline_seconds 10
        """);
  }

  @Test
  void beforeTheFirstRunOnlyTheExportersOwnSeries() {
    // when
    String text = new PrometheusExposition(Duration.ofSeconds(5), Duration.ofSeconds(4)).render(Snapshot.initial());

    // then
    assertThat(text.lines().filter(line -> !line.startsWith("#"))).containsExactly(
        "tunnel_doctor_runs_total 0",
        "tunnel_doctor_run_failures_total 0",
        "tunnel_doctor_last_run_duration_seconds 0",
        "tunnel_doctor_last_run_success 0",
        "tunnel_doctor_interval_seconds 5",
        "tunnel_doctor_run_deadline_seconds 4");
  }
}
