package io.github.tunneldiagnostics.core.internal.report;

import io.github.tunneldiagnostics.core.report.ReportWriter;
import io.github.tunneldiagnostics.core.report.MatchReport;
import io.github.tunneldiagnostics.core.report.UrlMatch;
import io.github.tunneldiagnostics.api.DiagnosisReport;
import io.github.tunneldiagnostics.api.LogReport;
import io.github.tunneldiagnostics.api.RouteReport;
import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.ingress.ConfigSource;
import io.github.tunneldiagnostics.api.ingress.IngressModel;
import java.util.Locale;
import java.util.Map;

/**
 * Writes the {@code tunnel-diagnostics/report/v1} JSON document (cli-and-report.md): schema, verdict,
 * startedAt, durationMillis, config, routes and findings with their evidence. {@code config} is null
 * when the report has no model (e.g. the config could not be parsed). The match document is
 * {@code {"matches":[{url, rule, hostname, path, service}]}}.
 */
public final class JsonReportWriter implements ReportWriter {

  @Override
  public String render(DiagnosisReport report) {
    JsonOutput json = new JsonOutput().beginObject();
    json.name("schema").value(DiagnosisReport.SCHEMA);
    json.name("verdict").value(report.verdict().name());
    json.name("startedAt").value(report.startedAt().toString());
    json.name("durationMillis").value(report.duration().toMillis());
    json.name("config");
    IngressModel model = report.ingress();
    if (model == null) {
      json.nullValue();
    } else {
      json.beginObject()
          .name("path").value(model.source().location())
          .name("tunnel").value(model.tunnel())
          .name("rules").value(model.rules().size());
      if (model.source().kind() != ConfigSource.Kind.FILE) { // e.g. the running connector's effective ingress
        json.name("source").value(model.source().kind().name().toLowerCase(Locale.ROOT))
            .name("version").value(model.source().version());
      }
      json.endObject();
    }
    LogReport logs = report.logs();
    if (logs != null) {
      json.name("logs").beginObject().name("files").beginArray();
      logs.files().forEach(json::value);
      json.endArray()
          .name("bytes").value(logs.bytes())
          .name("lines").value(logs.lines())
          .name("cloudflaredLines").value(logs.cloudflaredLines());
      json.name("wrappers").beginObject();
      logs.wrappers().forEach((k, v) -> json.name(k).value(v));
      json.endObject().name("skippedLines").value(logs.skippedLines()).name("skipped").beginObject();
      logs.skipped().forEach((k, v) -> json.name(k).value(v));
      json.endObject()
          .name("failedRequests").value(logs.failedRequests())
          .name("unexplainedRequests").value(logs.unexplainedRequests())
          .name("unexplainedErrorLines").value(logs.unexplainedErrorLines())
          .name("unexplainedSample").value(logs.unexplainedSample())
          .name("truncated").value(logs.truncated())
          .name("complete").value(logs.complete())
          .endObject();
    }
    json.name("routes").beginArray();
    for (RouteReport route : report.routes()) {
      json.beginObject()
          .name("url").value(route.route().label())
          .name("rule").value(route.route().rule())
          .name("service").value(route.route().service())
          .name("verdict").value(route.verdict().name())
          .endObject();
    }
    json.endArray();
    json.name("findings").beginArray();
    for (Finding finding : report.findings()) {
      json.beginObject()
          .name("code").value(finding.code())
          .name("severity").value(finding.severity().name())
          .name("check").value(finding.check())
          .name("subject").value(finding.subject())
          .name("message").value(finding.message())
          .name("remediation").value(finding.remediation())
          .name("evidence").beginObject();
      for (Map.Entry<String, String> entry : finding.evidence().entrySet()) {
        json.name(entry.getKey()).value(entry.getValue());
      }
      json.endObject();
      if (!finding.remedies().isEmpty()) {
        json.name("remedies");
        RemedyJson.write(finding.remedies(), json);
      }
      json.endObject();
    }
    return json.endArray().endObject().finish();
  }

  @Override
  public String render(MatchReport matches) {
    JsonOutput json = new JsonOutput().beginObject().name("matches").beginArray();
    for (UrlMatch match : matches.matches()) {
      json.beginObject()
          .name("url").value(match.url().text())
          .name("rule").value(match.rule().index())
          .name("hostname").value(match.rule().hostname())
          .name("path").value(match.rule().path())
          .name("service").value(match.rule().service().toString())
          .endObject();
    }
    return json.endArray().endObject().finish();
  }
}
