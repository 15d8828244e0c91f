package io.github.tunneldiagnostics.core.internal.report;

import io.github.tunneldiagnostics.core.report.MatchReport;
import io.github.tunneldiagnostics.core.report.ReportWriter;
import io.github.tunneldiagnostics.core.report.UrlMatch;
import io.github.tunneldiagnostics.api.DiagnosisReport;
import io.github.tunneldiagnostics.api.RouteReport;
import io.github.tunneldiagnostics.api.Verdict;
import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.check.Severity;
import io.github.tunneldiagnostics.api.ingress.IngressModel;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

/**
 * Writes a report as one self-contained HTML page: the verdict, each route's chain drawn as a picture
 * (inline SVG, see {@link ChainPicture}) with every link's state, then the findings by severity with
 * their fix and evidence. Styles are inline; the page loads nothing (its Content-Security-Policy forbids
 * it), so it renders offline, from a CI artifact or an e-mail attachment, and prints on white paper with
 * every finding and its evidence visible. Every value from the report is escaped.
 */
public final class HtmlReportWriter implements ReportWriter {

  @Override
  public String render(DiagnosisReport report) {
    StringBuilder out = new StringBuilder();
    String verdict = report.verdict().name();
    head("Tunnel diagnosis: " + verdict, out);
    List<Finding> findings = report.findings();
    out.append("<header class=\"verdict ").append(verdictClass(report.verdict())).append("\">\n")
        .append("<h1>Tunnel diagnosis: <span class=\"word\">").append(verdict).append("</span></h1>\n")
        .append("<p>").append(plural(count(findings, Severity.ERROR), "error")).append(", ")
        .append(plural(count(findings, Severity.WARNING), "warning")).append(", ")
        .append(count(findings, Severity.INFO)).append(" info</p>\n</header>\n");
    out.append("<dl class=\"meta\">\n");
    IngressModel model = report.ingress();
    if (model != null) {
      out.append("<dt>Config</dt><dd><code>").append(Xml.text(ConfigSources.describe(model.source()))).append("</code></dd>\n");
      if (model.tunnel() != null) {
        out.append("<dt>Tunnel</dt><dd><code>").append(Xml.text(model.tunnel())).append("</code></dd>\n");
      }
      out.append("<dt>Rules</dt><dd>").append(model.rules().size()).append("</dd>\n");
    }
    out.append("<dt>Checked</dt><dd>").append(report.startedAt().truncatedTo(ChronoUnit.SECONDS)).append(" in ")
        .append(report.duration().toMillis()).append(" ms</dd>\n</dl>\n");
    if (!report.routes().isEmpty()) {
      out.append("<section id=\"routes\">\n<h2>Routes</h2>\n");
      for (RouteReport route : report.routes()) {
        List<ChainLink> chain = RouteChain.of(route.route(), report);
        String url = route.route().label();
        out.append("<article class=\"route ").append(verdictClass(route.verdict())).append("\">\n<h3><span class=\"url\">")
            .append(Xml.text(url)).append("</span> <span class=\"badge\">").append(route.verdict().name()).append("</span></h3>\n")
            .append(ChainPicture.svg("The chain of " + url + ": " + describe(chain), chain)).append("\n</article>\n");
      }
      out.append("<p class=\"legend\">").append(legend()).append("</p>\n</section>\n");
    }
    out.append("<section id=\"findings\">\n<h2>Findings</h2>\n");
    if (findings.isEmpty()) {
      out.append("<p>No findings.</p>\n");
    }
    group("Errors", Severity.ERROR, findings, out);
    group("Warnings", Severity.WARNING, findings, out);
    group("Info", Severity.INFO, findings, out);
    out.append("</section>\n<footer>Written by tunnel-doctor from report schema ").append(DiagnosisReport.SCHEMA).append(".</footer>\n");
    return out.append("</body>\n</html>\n").toString();
  }

  private static void group(String title, Severity severity, List<Finding> findings, StringBuilder out) {
    List<Finding> group = findings.stream().filter(f -> f.severity() == severity).toList();
    if (group.isEmpty()) {
      return;
    }
    String css = severity.name().toLowerCase(Locale.ROOT);
    out.append("<h3 class=\"group ").append(css).append("\">").append(title).append(" (").append(group.size()).append(")</h3>\n");
    for (Finding finding : group) {
      out.append("<article class=\"finding ").append(css).append("\">\n<h4><span class=\"severity\">").append(severity.name())
          .append("</span> <code>").append(Xml.text(finding.code())).append("</code>");
      if (!finding.subject().isEmpty()) {
        out.append(" at ").append(Xml.text(finding.subject()));
      }
      out.append("</h4>\n");
      if (!finding.message().isEmpty()) {
        out.append("<p>").append(Xml.text(finding.message())).append("</p>\n");
      }
      if (!finding.remediation().isEmpty()) {
        out.append("<p class=\"fix\"><strong>Fix:</strong> ").append(Xml.text(finding.remediation())).append("</p>\n");
      }
      out.append("<p class=\"check\">Check: <code>").append(Xml.text(finding.check())).append("</code></p>\n");
      if (!finding.evidence().isEmpty()) {
        out.append("<table class=\"evidence\">\n<caption>Evidence</caption>\n");
        finding.evidence().forEach((key, value) -> out.append("<tr><th scope=\"row\"><code>").append(Xml.text(key))
            .append("</code></th><td><code>").append(Xml.text(value)).append("</code></td></tr>\n"));
        out.append("</table>\n");
      }
      out.append("</article>\n");
    }
  }

  @Override
  public String render(MatchReport matches) {
    StringBuilder out = new StringBuilder();
    head("Ingress rule matches", out);
    out.append("<h1>Ingress rule matches</h1>\n<p>Rules from <code>").append(Xml.text(matches.source().location())).append("</code></p>\n");
    out.append("<table class=\"matches\">\n<tr><th>URL</th><th>Rule</th><th>Hostname</th><th>Path</th><th>Service</th><th>Why</th></tr>\n");
    for (UrlMatch match : matches.matches()) {
      out.append("<tr><td>").append(Xml.text(match.url().text())).append("</td><td>#").append(match.rule().index())
          .append("</td><td><code>").append(Xml.text(match.rule().hostname())).append("</code></td><td><code>")
          .append(Xml.text(match.rule().path())).append("</code></td><td><code>").append(Xml.text(match.rule().service().toString()))
          .append("</code></td><td>").append(Xml.text(match.explanation())).append("</td></tr>\n");
    }
    return out.append("</table>\n</body>\n</html>\n").toString();
  }

  private static void head(String title, StringBuilder out) {
    out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>").append(Xml.text(title)).append("</title>\n<style>\n").append(HtmlStyle.CSS).append("</style>\n</head>\n<body>\n");
  }

  private static String describe(List<ChainLink> chain) {
    StringBuilder text = new StringBuilder();
    for (ChainLink link : chain) {
      if (text.length() > 0) {
        text.append(" \u2192 ");
      }
      text.append(link.label()).append(" (").append(ChainPicture.word(link.status())).append(')');
    }
    return text.toString();
  }

  private static String legend() {
    StringBuilder legend = new StringBuilder();
    for (LinkStatus status : LinkStatus.values()) {
      legend.append("<span class=\"key ").append(ChainPicture.stateClass(status)).append("\">").append(ChainPicture.word(status))
          .append("</span> ");
    }
    return legend.toString().trim();
  }

  private static String verdictClass(Verdict verdict) {
    return verdict.name().toLowerCase(Locale.ROOT);
  }

  private static long count(List<Finding> findings, Severity severity) {
    return findings.stream().filter(f -> f.severity() == severity).count();
  }

  private static String plural(long count, String noun) {
    return count + " " + noun + (count == 1 ? "" : "s");
  }
}
