package io.github.tunneldiagnostics.doctor.serve;

import io.github.tunneldiagnostics.api.DiagnosisReport;
import io.github.tunneldiagnostics.api.Route;
import io.github.tunneldiagnostics.api.RouteReport;
import io.github.tunneldiagnostics.api.RouteUrl;
import io.github.tunneldiagnostics.api.Verdict;
import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.ingress.ConfigSource;
import io.github.tunneldiagnostics.api.ingress.IngressModel;
import io.github.tunneldiagnostics.api.ingress.IngressRule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders a {@link Snapshot} in the Prometheus text exposition format (version 0.0.4): names prefixed
 * {@code tunnel_doctor_}, base units ({@code _seconds}), counters ending {@code _total}, every family
 * with HELP and TYPE, label values escaped. Series per route (up, phase timings), per active finding
 * code, per connector, and the exporter's own runs.
 */
public final class PrometheusExposition {
  /** The content type of this format. */
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private static final Map<String, String> PHASES = phases();

  private final Duration interval;
  private final Duration deadline;

  public PrometheusExposition(Duration interval, Duration deadline) {
    this.interval = interval;
    this.deadline = deadline;
  }

  private static Map<String, String> phases() {
    Map<String, String> phases = new LinkedHashMap<>();
    phases.put("resolveMs", "resolve");
    phases.put("connectMs", "connect");
    phases.put("tlsMs", "tls");
    phases.put("firstByteMs", "first_byte");
    return phases;
  }

  public String render(Snapshot snapshot) {
    StringBuilder out = new StringBuilder();
    DiagnosisReport report = snapshot.report();
    if (report != null) {
      routes(report, out);
      findings(report, out);
      verdict(report, out);
      connectors(report, snapshot.readyConnections(), out);
    }
    family(out, "tunnel_doctor_runs_total", "counter", "Diagnosis runs since the exporter started.");
    sample(out, "tunnel_doctor_runs_total", Map.of(), (double) snapshot.runs());
    family(out, "tunnel_doctor_run_failures_total", "counter", "Diagnosis runs that failed to produce a report (the last report is kept).");
    sample(out, "tunnel_doctor_run_failures_total", Map.of(), (double) snapshot.failures());
    family(out, "tunnel_doctor_last_run_duration_seconds", "gauge", "How long the latest diagnosis run took.");
    sample(out, "tunnel_doctor_last_run_duration_seconds", Map.of(), seconds(snapshot.lastRunDuration()));
    family(out, "tunnel_doctor_last_run_success", "gauge", "1 when the latest run produced a report, else 0.");
    sample(out, "tunnel_doctor_last_run_success", Map.of(), snapshot.lastRunSucceeded() ? 1 : 0);
    if (snapshot.lastRunEnded() != null) {
      family(out, "tunnel_doctor_last_run_timestamp_seconds", "gauge", "When the latest run ended, in seconds since the epoch.");
      sample(out, "tunnel_doctor_last_run_timestamp_seconds", Map.of(), snapshot.lastRunEnded().toEpochMilli() / 1000.0);
    }
    family(out, "tunnel_doctor_interval_seconds", "gauge", "Time between the starts of two runs (--interval).");
    sample(out, "tunnel_doctor_interval_seconds", Map.of(), seconds(interval));
    family(out, "tunnel_doctor_run_deadline_seconds", "gauge", "The deadline of each run (--timeout), shorter than the interval.");
    sample(out, "tunnel_doctor_run_deadline_seconds", Map.of(), seconds(deadline));
    return out.toString();
  }

  private static void routes(DiagnosisReport report, StringBuilder out) {
    family(out, "tunnel_doctor_rule_up", "gauge", "1 when the route's verdict is not BROKEN (cloudflared's traffic would reach the origin), else 0.");
    for (RouteReport route : report.routes()) {
      sample(out, "tunnel_doctor_rule_up", routeLabels(route.route(), report), route.verdict() == Verdict.BROKEN ? 0 : 1);
    }
    family(out, "tunnel_doctor_rule_phase_seconds", "gauge", "How long each phase of the latest origin probe took (resolve, connect, tls, first_byte).");
    for (RouteReport route : report.routes()) {
      Map<String, String> timings = timings(route.route(), report);
      PHASES.forEach((key, phase) -> {
        String millis = timings.get(key);
        if (millis != null && millis.matches("\\d+")) {
          Map<String, String> labels = routeLabels(route.route(), report);
          labels.put("phase", phase);
          sample(out, "tunnel_doctor_rule_phase_seconds", labels, Long.parseLong(millis) / 1000.0);
        }
      });
    }
  }

  private static void findings(DiagnosisReport report, StringBuilder out) {
    family(out, "tunnel_doctor_findings", "gauge",
        "Active findings by code and severity (error, warning, info); rule is the 0-based ingress rule, empty when the finding is about no rule.");
    Map<List<String>, Integer> counts = new TreeMap<>((a, b) -> String.join("\u0000", a).compareTo(String.join("\u0000", b)));
    for (Finding finding : report.findings()) {
      String rule = finding.ruleIndex().isPresent() ? Integer.toString(finding.ruleIndex().getAsInt()) : "";
      counts.merge(List.of(finding.code(), finding.severity().name().toLowerCase(Locale.ROOT), rule), 1, Integer::sum);
    }
    counts.forEach((key, count) -> {
      Map<String, String> labels = new LinkedHashMap<>();
      labels.put("code", key.get(0));
      labels.put("severity", key.get(1));
      labels.put("rule", key.get(2));
      sample(out, "tunnel_doctor_findings", labels, count);
    });
  }

  private static void verdict(DiagnosisReport report, StringBuilder out) {
    family(out, "tunnel_doctor_verdict", "gauge", "1 for the verdict of the latest report (HEALTHY, DEGRADED or BROKEN), 0 for the others.");
    for (Verdict verdict : Verdict.values()) {
      sample(out, "tunnel_doctor_verdict", Map.of("verdict", verdict.name()), report.verdict() == verdict ? 1 : 0);
    }
    IngressModel model = report.ingress();
    if (model != null) {
      family(out, "tunnel_doctor_rules", "gauge", "Ingress rules in the diagnosed config.");
      sample(out, "tunnel_doctor_rules", Map.of(), model.rules().size());
    }
  }

  private static void connectors(DiagnosisReport report, Map<String, Integer> ready, StringBuilder out) {
    family(out, "tunnel_doctor_connector_ready_connections", "gauge", "Edge connections the connector has registered (its /ready).");
    new TreeMap<>(ready).forEach((address, count) -> sample(out, "tunnel_doctor_connector_ready_connections", Map.of("connector", address), count));
    IngressModel model = report.ingress();
    if (model != null && model.source().kind() == ConfigSource.Kind.CONNECTOR) {
      family(out, "tunnel_doctor_connector_config_version", "gauge",
          "The connector's configuration version: -1 for a local config file, 0 or more for a remotely managed one.");
      sample(out, "tunnel_doctor_connector_config_version", Map.of("connector", model.source().location()), (double) model.source().version());
    }
  }

  private static Map<String, String> routeLabels(Route route, DiagnosisReport report) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("rule", Integer.toString(route.rule()));
    IngressModel model = report.ingress();
    String hostname = "";
    if (model != null && route.rule() < model.rules().size()) {
      IngressRule rule = model.rule(route.rule());
      hostname = rule.hostname();
    }
    labels.put("hostname", hostname);
    labels.put("service", route.service());
    labels.put("url", route.url().map(RouteUrl::text).orElse(""));
    return labels;
  }

  /** The phase timings of the route's origin probe: from its first origin finding that has them. */
  private static Map<String, String> timings(Route route, DiagnosisReport report) {
    for (Finding finding : report.findingsForRule(route.rule())) {
      if (finding.check().startsWith("origin") && finding.evidence().containsKey("connectMs")
          && (!finding.evidence().containsKey("route") || finding.evidence().get("route").equals(route.label()))) {
        return finding.evidence();
      }
    }
    return Map.of();
  }

  private static void family(StringBuilder out, String name, String type, String help) {
    out.append("# HELP ").append(name).append(' ').append(help.replace("\\", "\\\\").replace("\n", "\\n")).append('\n');
    out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
  }

  private static void sample(StringBuilder out, String name, Map<String, String> labels, double value) {
    out.append(name);
    if (!labels.isEmpty()) {
      List<String> pairs = new ArrayList<>();
      labels.forEach((key, labelValue) -> pairs.add(key + "=\"" + escape(labelValue) + "\""));
      out.append('{').append(String.join(",", pairs)).append('}');
    }
    out.append(' ').append(format(value)).append('\n');
  }

  static String escape(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }

  private static String format(double value) {
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return Long.toString((long) value);
    }
    return Double.toString(value);
  }

  private static double seconds(Duration duration) {
    return duration.toNanos() / 1e9;
  }
}
