package io.github.tunneldiagnostics.core.report;

import io.github.tunneldiagnostics.core.internal.report.JsonReportWriter;
import io.github.tunneldiagnostics.core.internal.report.MarkdownReportWriter;
import io.github.tunneldiagnostics.core.internal.report.TextReportWriter;

/** The formats a report can be written in, as the command line's {@code --format} names them. */
public enum ReportFormat {
  /** Readable on an 80-column terminal. */
  TEXT,
  /** The {@code tunnel-diagnostics/report/v1} JSON document. */
  JSON,
  /** GitHub-flavoured Markdown, e.g. for an issue or a pull request. */
  MARKDOWN;

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
    };
  }
}
