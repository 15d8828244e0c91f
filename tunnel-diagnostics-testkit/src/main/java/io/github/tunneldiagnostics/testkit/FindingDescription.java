package io.github.tunneldiagnostics.testkit;

import io.github.tunneldiagnostics.api.DiagnosisReport;
import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.check.Remedy;
import java.util.List;
import java.util.Map;

/** Renders findings as the indented multiline text that testkit failure messages show. */
final class FindingDescription {
  private FindingDescription() {}

  static String of(Finding finding) {
    StringBuilder out = new StringBuilder();
    out.append("  ").append(finding.severity()).append(' ').append(finding.code());
    if (!finding.subject().isEmpty()) {
      out.append(" — ").append(finding.subject());
    }
    out.append('\n');
    if (!finding.message().isEmpty()) {
      out.append("    ").append(finding.message()).append('\n');
    }
    if (!finding.remediation().isEmpty()) {
      out.append("    fix: ").append(finding.remediation()).append('\n');
    }
    for (Remedy remedy : finding.configRemedies()) {
      out.append("    change: ").append(remedy.describe()).append('\n');
    }
    for (Map.Entry<String, String> entry : finding.evidence().entrySet()) {
      out.append("    ").append(entry.getKey()).append(": ").append(entry.getValue()).append('\n');
    }
    return out.toString();
  }

  static String of(List<Finding> findings) {
    if (findings.isEmpty()) {
      return "  (no findings)\n";
    }
    StringBuilder out = new StringBuilder();
    findings.forEach(f -> out.append(of(f)));
    return out.toString();
  }

  static String of(DiagnosisReport report) {
    return "verdict " + report.verdict() + " with findings:\n" + of(report.findings());
  }
}
