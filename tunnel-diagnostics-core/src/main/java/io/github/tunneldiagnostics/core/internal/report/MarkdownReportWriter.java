package io.github.tunneldiagnostics.core.internal.report;

import io.github.tunneldiagnostics.api.internal.Redaction;
import io.github.tunneldiagnostics.core.report.ReportWriter;
import io.github.tunneldiagnostics.core.report.MatchReport;
import io.github.tunneldiagnostics.core.report.UrlMatch;
import io.github.tunneldiagnostics.api.DiagnosisReport;
import io.github.tunneldiagnostics.api.LogReport;
import io.github.tunneldiagnostics.api.RouteReport;
import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.check.Severity;
import io.github.tunneldiagnostics.api.ingress.ConfigSource;
import io.github.tunneldiagnostics.api.ingress.IngressModel;
import io.github.tunneldiagnostics.api.ingress.IngressRule;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * Writes a report as GitHub-flavoured Markdown, to paste into an issue or a pull request: verdict,
 * routes as a table, findings by severity with their fix and evidence. Every value taken from the report
 * is escaped, so a hostname or message can never break the layout.
 */
public final class MarkdownReportWriter implements ReportWriter {

  @Override
  public String render(DiagnosisReport report) {
    StringBuilder out = new StringBuilder();
    out.append("# Tunnel diagnosis: ").append(report.verdict().name()).append("\n\n");
    IngressModel model = report.ingress();
    if (model != null) {
      out.append("- Config: ").append(model.source().kind() == ConfigSource.Kind.FILE ? code(model.source().location()) : ConfigSources.describe(model.source()));
      if (model.tunnel() != null) {
        out.append(", tunnel ").append(code(model.tunnel()));
      }
      out.append(", ").append(model.rules().size()).append(model.rules().size() == 1 ? " rule" : " rules").append('\n');
    }
    out.append("- Checked: ").append(report.startedAt().truncatedTo(ChronoUnit.SECONDS)).append(" in ").append(report.duration().toMillis()).append(" ms\n");
    LogReport logs = report.logs();
    if (logs != null) {
      out.append("- Logs: ").append(text(logs.describe()));
      if (!logs.unexplainedSample().isEmpty()) {
        out.append(" First unexplained error line: ").append(code(logs.unexplainedSample()));
      }
      out.append('\n');
    }
    if (!report.routes().isEmpty()) {
      out.append("\n## Routes\n\n| URL | Rule | Service | Verdict |\n|---|---|---|---|\n");
      for (RouteReport route : report.routes()) {
        out.append("| ").append(cell(route.route().label()))
            .append(" | #").append(route.route().rule())
            .append(" | ").append(code(route.route().service()))
            .append(" | ").append(route.verdict().name())
            .append(" |\n");
      }
    }
    out.append("\n## Findings\n");
    if (report.findings().isEmpty()) {
      out.append("\nNo findings.\n");
    }
    appendGroup("Errors", Severity.ERROR, report.findings(), out);
    appendGroup("Warnings", Severity.WARNING, report.findings(), out);
    appendGroup("Info", Severity.INFO, report.findings(), out);
    return Redaction.redact(out.toString());
  }

  private static void appendGroup(String title, Severity severity, List<Finding> findings, StringBuilder out) {
    List<Finding> group = findings.stream().filter(f -> f.severity() == severity).toList();
    if (group.isEmpty()) {
      return;
    }
    out.append("\n### ").append(title).append(" (").append(group.size()).append(")\n");
    for (Finding finding : group) {
      out.append("\n#### ").append(code(finding.code()));
      if (!finding.subject().isEmpty()) {
        out.append(" at ").append(text(finding.subject()));
      }
      out.append("\n\n");
      if (!finding.message().isEmpty()) {
        out.append(text(finding.message())).append("\n\n");
      }
      if (!finding.remediation().isEmpty()) {
        out.append("**Fix:** ").append(text(finding.remediation())).append("\n\n");
      }
      for (io.github.tunneldiagnostics.api.check.Remedy remedy : finding.configRemedies()) {
        out.append("**Change:** ").append(text(remedy.describe())).append("\n\n");
      }
      out.append("Check: ").append(code(finding.check())).append('\n');
      if (!finding.evidence().isEmpty()) {
        out.append("\n| Evidence | Value |\n|---|---|\n");
        for (Map.Entry<String, String> entry : finding.evidence().entrySet()) {
          out.append("| ").append(code(entry.getKey())).append(" | ").append(code(entry.getValue())).append(" |\n");
        }
      }
    }
  }

  @Override
  public String render(MatchReport matches) {
    StringBuilder out = new StringBuilder();
    out.append("# Ingress rule matches\n\nRules from ").append(code(matches.source().location())).append("\n\n");
    out.append("| URL | Rule | Hostname | Path | Service | Why |\n|---|---|---|---|---|---|\n");
    for (UrlMatch match : matches.matches()) {
      IngressRule rule = match.rule();
      out.append("| ").append(cell(match.url().text()))
          .append(" | #").append(rule.index())
          .append(" | ").append(rule.hostname().isEmpty() ? "" : code(rule.hostname()))
          .append(" | ").append(rule.path().isEmpty() ? "" : code(rule.path()))
          .append(" | ").append(code(rule.service().toString()))
          .append(" | ").append(cell(match.explanation()))
          .append(" |\n");
    }
    return Redaction.redact(out.toString());
  }

  /**
   * Escapes the Markdown syntax that could change running text (emphasis, links, HTML, code, table
   * pipes, and a leading heading or list marker); line breaks become spaces.
   */
  static String text(String raw) {
    String value = Redaction.redact(raw);
    StringBuilder out = new StringBuilder(value.length() + 8);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\n' || c == '\r') {
        out.append(' ');
      } else if ("\\`*_[]<>|~".indexOf(c) >= 0 || (i == 0 && "#+-".indexOf(c) >= 0)) {
        out.append('\\').append(c);
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** Escaped text that may stand in a table cell. */
  static String cell(String value) {
    return text(value);
  }

  /**
   * A code span that shows {@code value} literally: fenced with one more backtick than the longest run
   * inside it, pipes escaped (GFM tables split on them even in code spans), line breaks as spaces.
   */
  static String code(String value) {
    String flat = Redaction.redact(value).replace('\n', ' ').replace('\r', ' ').replace("|", "\\|");
    if (flat.isEmpty()) {
      return "` `";
    }
    int longest = 0;
    int run = 0;
    for (int i = 0; i < flat.length(); i++) {
      run = flat.charAt(i) == '`' ? run + 1 : 0;
      longest = Math.max(longest, run);
    }
    String fence = "`".repeat(longest + 1);
    boolean pad = flat.startsWith("`") || flat.endsWith("`");
    return fence + (pad ? " " : "") + flat + (pad ? " " : "") + fence;
  }
}
