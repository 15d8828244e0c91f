package io.github.tunneldiagnostics.core.internal.report;

import io.github.tunneldiagnostics.api.internal.Redaction;
import io.github.tunneldiagnostics.core.report.ReportWriter;
import io.github.tunneldiagnostics.core.report.MatchReport;
import io.github.tunneldiagnostics.core.report.UrlMatch;
import io.github.tunneldiagnostics.api.DiagnosisReport;
import io.github.tunneldiagnostics.api.LogReport;
import io.github.tunneldiagnostics.api.RouteReport;
import io.github.tunneldiagnostics.api.Verdict;
import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.check.Remedy;
import io.github.tunneldiagnostics.api.check.Severity;
import io.github.tunneldiagnostics.api.ingress.IngressModel;
import io.github.tunneldiagnostics.api.ingress.IngressRule;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Writes a report for a person on an 80-column terminal: the verdict first, then each route drawn as
 * the chain hostname → rule → service → addresses with every link marked, then the findings grouped by
 * severity with message and fix. ANSI colour only when built with {@link #colored()}; deciding whether
 * the output is a terminal is the caller's business.
 */
public final class TextReportWriter implements ReportWriter {
  /** The column limit text is wrapped to. */
  public static final int WIDTH = 80;

  private static final String RESET = "\u001b[0m";
  private static final String BOLD = "\u001b[1m";
  private static final String RED = "\u001b[31m";
  private static final String GREEN = "\u001b[32m";
  private static final String YELLOW = "\u001b[33m";
  private static final String DIM = "\u001b[2m";

  private final boolean color;

  private TextReportWriter(boolean color) {
    this.color = color;
  }

  /** A writer without escape sequences. */
  public static TextReportWriter plain() {
    return new TextReportWriter(false);
  }

  /** A writer that colours verdicts and link states with ANSI escape sequences. */
  public static TextReportWriter colored() {
    return new TextReportWriter(true);
  }

  /** True when this writer emits ANSI colour. */
  public boolean color() {
    return color;
  }

  @Override
  public String render(DiagnosisReport report) {
    StringBuilder out = new StringBuilder();
    List<Finding> findings = report.findings();
    long errors = count(findings, Severity.ERROR);
    long warnings = count(findings, Severity.WARNING);
    long infos = count(findings, Severity.INFO);
    out.append("Verdict: ").append(paint(report.verdict().name(), BOLD + colorOf(report.verdict())))
        .append(" (").append(plural(errors, "error")).append(", ").append(plural(warnings, "warning"))
        .append(", ").append(infos).append(" info)\n");
    IngressModel model = report.ingress();
    if (model != null) {
      String config = ConfigSources.describe(model.source()) + (model.tunnel() != null ? ", tunnel " + model.tunnel() : "")
          + ", " + plural(model.rules().size(), "rule");
      Wrapping.wrap(config, WIDTH, "Config:  ", "         ").forEach(line -> out.append(line).append('\n'));
    }
    out.append("Checked: ").append(report.startedAt().truncatedTo(ChronoUnit.SECONDS)).append(" in ").append(report.duration().toMillis()).append(" ms\n");
    LogReport logs = report.logs();
    if (logs != null) {
      String read = logs.describe() + (logs.unexplainedSample().isEmpty() ? "" : " First unexplained error line: " + logs.unexplainedSample());
      Wrapping.wrap(read, WIDTH, "Logs:    ", "         ").forEach(line -> out.append(line).append('\n'));
    }
    if (!report.routes().isEmpty()) {
      out.append("\nRoutes\n");
      boolean unchecked = false;
      for (RouteReport route : report.routes()) {
        unchecked |= appendRoute(route, report, out);
      }
      if (unchecked) {
        out.append("    ").append(paint("[--]", colorOf(LinkStatus.NOT_CHECKED))).append(" = not checked by this run\n");
      }
    }
    if (findings.isEmpty()) {
      out.append("\nNo findings.\n");
    }
    appendGroup("Errors", Severity.ERROR, findings, out);
    appendGroup("Warnings", Severity.WARNING, findings, out);
    appendGroup("Info", Severity.INFO, findings, out);
    return Redaction.redact(out.toString());
  }

  /** Appends one route's chain; true when a link of it was not checked. */
  private boolean appendRoute(RouteReport route, DiagnosisReport report, StringBuilder out) {
    boolean unchecked = false;
    out.append("  ").append(route.route().label()).append("  ").append(paint(route.verdict().name(), colorOf(route.verdict()))).append('\n');
    for (ChainLink link : RouteChain.of(route.route(), report)) {
      unchecked |= link.status() == LinkStatus.NOT_CHECKED;
      String mark = "[" + link.status().mark() + "]";
      String pad = " ".repeat(Math.max(1, 11 - mark.length()));
      String arrow = link.depth() == 0 ? "" : "  ".repeat(link.depth() - 1) + "-> ";
      String text = arrow + link.label() + (link.note().isEmpty() ? "" : ": " + link.note());
      String indent = "    " + " ".repeat(mark.length() + pad.length()) + "  ".repeat(link.depth());
      List<String> lines = Wrapping.wrap(text, WIDTH, "    " + mark + pad, indent);
      String first = lines.get(0);
      out.append("    ").append(paint(mark, colorOf(link.status()))).append(first.substring(4 + mark.length())).append('\n');
      lines.subList(1, lines.size()).forEach(line -> out.append(line).append('\n'));
    }
    return unchecked;
  }

  private void appendGroup(String title, Severity severity, List<Finding> findings, StringBuilder out) {
    List<Finding> group = findings.stream().filter(f -> f.severity() == severity).toList();
    if (group.isEmpty()) {
      return;
    }
    out.append('\n').append(paint(title + " (" + group.size() + ")", BOLD + colorOf(severity))).append('\n');
    for (Finding finding : group) {
      String head = finding.code() + (finding.subject().isEmpty() ? "" : " at " + finding.subject()) + " [" + finding.check() + "]";
      List<String> headLines = Wrapping.wrap(head, WIDTH, "  ", "    ");
      out.append("  ").append(paint(finding.code(), colorOf(severity))).append(headLines.get(0).substring(2 + finding.code().length())).append('\n');
      headLines.subList(1, headLines.size()).forEach(line -> out.append(line).append('\n'));
      if (!finding.message().isEmpty()) {
        Wrapping.wrap(finding.message(), WIDTH, "    ", "    ").forEach(line -> out.append(line).append('\n'));
      }
      if (!finding.remediation().isEmpty()) {
        List<String> fix = Wrapping.wrap(finding.remediation(), WIDTH, "    Fix: ", "         ");
        out.append("    ").append(paint("Fix:", BOLD)).append(fix.get(0).substring(8)).append('\n');
        fix.subList(1, fix.size()).forEach(line -> out.append(line).append('\n'));
      }
      for (Remedy remedy : finding.configRemedies()) {
        List<String> change = Wrapping.wrap(remedy.describe(), WIDTH, "    Change: ", "            ");
        out.append("    ").append(paint("Change:", BOLD)).append(change.get(0).substring(11)).append('\n');
        change.subList(1, change.size()).forEach(line -> out.append(line).append('\n'));
      }
    }
  }

  @Override
  public String render(MatchReport matches) {
    StringBuilder out = new StringBuilder();
    out.append("Using rules from ").append(matches.source().location()).append('\n');
    for (UrlMatch match : matches.matches()) {
      IngressRule rule = match.rule();
      out.append('\n').append(paint(match.url().text(), BOLD)).append('\n');
      out.append("Matched rule #").append(rule.index()).append('\n');
      if (!rule.hostname().isEmpty()) {
        out.append("\thostname: ").append(rule.hostname()).append('\n');
      }
      if (!rule.path().isEmpty()) {
        out.append("\tpath: ").append(rule.path()).append('\n');
      }
      out.append("\tservice: ").append(rule.service()).append('\n');
      List<String> why = Wrapping.wrap(match.explanation(), WIDTH, "Why: ", "     ");
      out.append(paint("Why:", DIM)).append(why.get(0).substring(4)).append('\n');
      why.subList(1, why.size()).forEach(line -> out.append(line).append('\n'));
    }
    return Redaction.redact(out.toString());
  }

  private String paint(String text, String style) {
    return color && !style.isEmpty() ? style + text + RESET : text;
  }

  private static String colorOf(Verdict verdict) {
    return switch (verdict) {
      case HEALTHY -> GREEN;
      case DEGRADED -> YELLOW;
      case BROKEN -> RED;
    };
  }

  private static String colorOf(Severity severity) {
    return switch (severity) {
      case ERROR -> RED;
      case WARNING -> YELLOW;
      case INFO -> "";
    };
  }

  private static String colorOf(LinkStatus status) {
    return switch (status) {
      case OK -> GREEN;
      case WARNING -> YELLOW;
      case BROKEN -> RED;
      case NOT_CHECKED -> DIM;
    };
  }

  private static long count(List<Finding> findings, Severity severity) {
    return findings.stream().filter(f -> f.severity() == severity).count();
  }

  private static String plural(long count, String noun) {
    return count + " " + noun + (count == 1 ? "" : "s");
  }
}
