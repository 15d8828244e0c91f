package io.github.tunneldiagnostics.core.internal.logs;

import io.github.tunneldiagnostics.api.LogReport;
import io.github.tunneldiagnostics.api.check.Finding;
import java.util.List;
import java.util.Objects;

/**
 * The result of classifying cloudflared logs: one finding per (code, rule, origin service, hostname)
 * with count, first and last seen and a redacted sample line, and a summary of the reading.
 */
public record LogAnalysis(List<Finding> findings, LogReport summary) {
  public LogAnalysis {
    findings = List.copyOf(findings);
    Objects.requireNonNull(summary, "summary");
  }
}
