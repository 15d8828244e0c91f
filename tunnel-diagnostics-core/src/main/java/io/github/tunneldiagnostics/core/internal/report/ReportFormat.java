package io.github.tunneldiagnostics.core.internal.report;

/** The formats a report can be written in, as the command line's {@code --format} names them. */
public enum ReportFormat {
  /** Readable on an 80-column terminal ({@link TextReportWriter}). */
  TEXT,
  /** The {@code tunnel-diagnostics/report/v1} document ({@link JsonReportWriter}). */
  JSON,
  /** GitHub-flavoured Markdown, e.g. for an issue or a pull request ({@link MarkdownReportWriter}). */
  MARKDOWN,
  /** A SARIF 2.1.0 log for code scanning ({@link SarifReportWriter}); diagnosis reports only. */
  SARIF,
  /** JUnit XML for CI test reports ({@link JunitReportWriter}). */
  JUNIT,
  /** One self-contained HTML page ({@link HtmlReportWriter}). */
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
