package io.github.tunneldiagnostics.core.internal.logs;

import io.github.tunneldiagnostics.api.LogReport;
import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.check.FindingCode;
import io.github.tunneldiagnostics.api.check.Severity;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * {@code LOG_INPUT_SKIPPED}: says how much of the input was not cloudflared's log, when a compressed
 * file ends early, and when a file that starts like gzip has a broken header (not a gzip file at all). A WARNING when a file ends early, when nothing at all was cloudflared's, or when more
 * than half of the lines were skipped; else INFO.
 */
final class InputFinding {
  private static final String FIX =
      "Pass the file cloudflared writes (--logfile), or save its output as it is: journalctl -u cloudflared > cloudflared.log, docker logs cloudflared > cloudflared.log 2>&1, or kubectl logs POD > cloudflared.log.";

  private InputFinding() {}

  static @Nullable Finding of(LogReport report, List<String> truncatedFiles, Map<String, String> invalidGzipFiles) {
    long skipped = report.skippedLines();
    if (skipped == 0 && truncatedFiles.isEmpty()) {
      return null;
    }
    String what = report.files().size() == 1 ? report.files().get(0) : report.files().size() + " files";
    StringBuilder message = new StringBuilder();
    boolean nothing = report.cloudflaredLines() == 0 && report.lines() > 0;
    if (nothing) {
      message.append("Nothing in ").append(what).append(" was a cloudflared log: none of its ").append(report.lines())
          .append(report.lines() == 1 ? " line" : " lines").append(" (").append(report.bytes()).append(" bytes) is a cloudflared console or JSON log line (")
          .append(reasons(report.skipped())).append("), so the verdict says nothing about the tunnel.");
    } else if (skipped > 0) {
      message.append(skipped).append(" of the ").append(report.lines()).append(" lines of ").append(what)
          .append(skipped == 1 ? " was" : " were").append(" not cloudflared's and ").append(skipped == 1 ? "was" : "were")
          .append(" skipped (").append(reasons(report.skipped())).append(").");
    }
    for (String file : truncatedFiles) {
      String header = invalidGzipFiles.get(file);
      message.append(message.length() > 0 ? " " : "").append(file);
      if (header != null) {
        message.append(" is not a valid gzip file: it starts with gzip's magic bytes (1f 8b), but ").append(header)
            .append(", so nothing in it was read.");
      } else {
        message.append(" ends early: the gzip data is truncated or corrupt, so only the lines before the break were classified.");
      }
    }
    Severity severity = nothing || !truncatedFiles.isEmpty() || skipped * 2 > report.lines() ? Severity.WARNING : Severity.INFO;
    Finding.Builder finding = Finding.builder(FindingCode.LOG_INPUT_SKIPPED, severity)
        .check(Tally.CHECK_ID)
        .subject(what)
        .message(message.toString())
        .remediation(truncatedFiles.isEmpty() ? FIX
            : invalidGzipFiles.keySet().containsAll(truncatedFiles)
                ? "Check the file with gzip -t; pass a complete copy of the .gz, or the uncompressed log. " + FIX
                : "Read the complete file (a log rotated while it was copied ends early), or the uncompressed log. " + FIX)
        .evidence("source", "log")
        .evidence("lines", report.lines())
        .evidence("cloudflaredLines", report.cloudflaredLines())
        .evidence("skippedLines", skipped);
    report.skipped().forEach((reason, count) -> finding.evidence("skipped." + reason, count));
    if (!truncatedFiles.isEmpty()) {
      finding.evidence("truncated", String.join(", ", truncatedFiles));
    }
    if (!invalidGzipFiles.isEmpty()) {
      StringBuilder invalid = new StringBuilder();
      invalidGzipFiles.forEach((file, header) -> invalid.append(invalid.length() > 0 ? "; " : "").append(file).append(": ").append(header));
      finding.evidence("invalidGzip", invalid.toString());
    }
    return finding.build();
  }

  private static String reasons(Map<String, Long> skipped) {
    StringBuilder s = new StringBuilder();
    skipped.forEach((reason, count) -> s.append(s.length() > 0 ? ", " : "").append(count).append(' ').append(describe(reason)));
    return s.toString();
  }

  private static String describe(String reason) {
    return switch (reason) {
      case "tooLong" -> "too long";
      case "binary" -> "binary";
      case "invalidUtf8" -> "not UTF-8";
      case "otherProgram" -> "another program's";
      default -> "without cloudflared's shape";
    };
  }
}
