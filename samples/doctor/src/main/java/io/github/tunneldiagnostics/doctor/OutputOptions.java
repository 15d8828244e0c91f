package io.github.tunneldiagnostics.doctor;

import io.github.tunneldiagnostics.api.DiagnosisReport;
import io.github.tunneldiagnostics.core.report.MatchReport;
import io.github.tunneldiagnostics.core.report.ReportFormat;
import io.github.tunneldiagnostics.core.report.ReportWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** {@code --format}, {@code --output} and {@code --no-color}, shared by every command that prints a report. */
final class OutputOptions {

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
      description = "text, json or markdown (default: ${DEFAULT-VALUE}).")
  ReportFormat format = ReportFormat.TEXT;

  @Option(names = "--output", paramLabel = "FILE", description = "Write the report to FILE instead of standard output.")
  @Nullable Path output;

  @Option(names = "--no-color", description = "Never colour the text report (also when NO_COLOR is set).")
  boolean noColor;

  /** Colour only for text on a terminal, never into a file, never with --no-color or NO_COLOR. */
  boolean color(DoctorContext context) {
    return format == ReportFormat.TEXT && output == null && context.console() && !noColor && !context.noColorRequested();
  }

  void print(DiagnosisReport report, DoctorContext context, PrintWriter out) {
    emit(writer(context).render(report), out);
  }

  void print(MatchReport matches, DoctorContext context, PrintWriter out) {
    emit(writer(context).render(matches), out);
  }

  private ReportWriter writer(DoctorContext context) {
    return format.writer(color(context));
  }

  private void emit(String rendered, PrintWriter out) {
    Path file = output;
    if (file == null) {
      out.print(rendered);
      out.flush();
      return;
    }
    try {
      Files.writeString(file, rendered, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UsageException("cannot write the report to '" + file + "': " + ConfigFiles.reason(e));
    }
  }
}
