package io.github.tunneldiagnostics.core.report;

import io.github.tunneldiagnostics.core.internal.report.HtmlReportWriter;
import io.github.tunneldiagnostics.core.internal.report.JsonReportWriter;
import io.github.tunneldiagnostics.core.internal.report.JunitReportWriter;
import io.github.tunneldiagnostics.core.internal.report.MarkdownReportWriter;
import io.github.tunneldiagnostics.core.internal.report.SarifReportWriter;
import io.github.tunneldiagnostics.core.internal.report.TextReportWriter;

/** The formats a report can be written in, as the command line's {@code --format} names them. */
public enum ReportFormat {
  /** Readable on an 80-column terminal. */
  TEXT,
  /** The {@code tunnel-diagnostics/report/v1} JSON document. */
  JSON,
  /** GitHub-flavoured Markdown, e.g. for an issue or a pull request. */
  MARKDOWN,
  /** A SARIF 2.1.0 log for code scanning: rules are finding codes, results sit on the config's lines; diagnosis reports only. */
  SARIF,
  /** JUnit XML for CI test reports: one test case per route and per check; an ERROR is a failure. */
  JUNIT,
  /** One self-contained HTML page: the verdict, each route's chain drawn, findings with fix and evidence. */
  HTML;

  /** True when this format can render a {@link MatchReport} (every format but SARIF). */
  public boolean rendersMatches() {
    return this != SARIF;
  }

  /** The writer of this format; text without colour. */
  public ReportWriter writer() {
    return writer(false);
  }

  /** The writer of this format; {@code color} applies to {@link #TEXT} only. */
  public ReportWriter writer(boolean color) {
    return switch (this) {
      case TEXT -> color ? TextReportWriter.colored() : TextReportWriter.plain();
      case JSON -> new JsonReportWriter();
      case MARKDOWN -> new MarkdownReportWriter();
      case SARIF -> new SarifReportWriter();
      case JUNIT -> new JunitReportWriter();
      case HTML -> new HtmlReportWriter();
    };
  }
}
