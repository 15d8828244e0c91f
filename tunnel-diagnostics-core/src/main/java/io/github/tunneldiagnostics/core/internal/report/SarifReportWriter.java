package io.github.tunneldiagnostics.core.internal.report;

import io.github.tunneldiagnostics.core.report.MatchReport;
import io.github.tunneldiagnostics.core.report.ReportWriter;
import io.github.tunneldiagnostics.core.report.UrlMatch;
import io.github.tunneldiagnostics.api.DiagnosisReport;
import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.check.Severity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Writes a report as a SARIF 2.1.0 log for code scanning (GitHub, GitLab, Azure DevOps): one run of the
 * tool {@code tunnel-doctor}; its rules are the finding codes of the report, each with the contract's
 * description as help and this run's fixes; each finding is a result at the config file's line and column
 * (the finding's own position, else the start of its rule), so code scanning annotates that line. A
 * finding with no place in a file (a report built from the connector's {@code /config}, or a log-only
 * report) is a result without a location. Verdict, check, subject and evidence go into property bags.
 */
public final class SarifReportWriter implements ReportWriter {
  /** The schema URI code scanning tools recognise. */
  static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

  /** Where the project lives; the tool's {@code informationUri}. */
  static final String INFORMATION_URI = "https://github.com/tunneldiagnostics/tunnel-diagnostics";

  private static final String FINGERPRINT = "tunnelDoctorFinding/v1";
  private static final int MAX_FIXES_IN_HELP = 5;
  private static final Set<String> ACRONYMS = Set.of("TLS", "DNS", "CA", "URL", "ID", "HTTP", "HTTPS", "API", "IP", "IPV6", "IPV4", "QUIC", "SNI", "YAML");

  private final FindingCatalog catalog;
  private final String toolVersion;

  SarifReportWriter(FindingCatalog catalog, String toolVersion) {
    this.catalog = catalog;
    this.toolVersion = toolVersion;
  }

  /** A writer with the findings contract in the jar and this build's version. */
  public SarifReportWriter() {
    this(FindingCatalog.standard(), versionOfThisBuild());
  }

  @Override
  public String render(DiagnosisReport report) {
    Map<String, List<Finding>> byCode = new LinkedHashMap<>();
    for (Finding finding : report.findings()) {
      byCode.computeIfAbsent(finding.code(), code -> new ArrayList<>()).add(finding);
    }
    List<String> codes = new ArrayList<>(byCode.keySet());

    JsonOutput json = new JsonOutput().beginObject();
    json.name("$schema").value(SCHEMA);
    json.name("version").value("2.1.0");
    json.name("runs").beginArray().beginObject();
    json.name("tool").beginObject().name("driver").beginObject()
        .name("name").value("tunnel-doctor")
        .name("informationUri").value(INFORMATION_URI)
        .name("version").value(toolVersion)
        .name("rules").beginArray();
    for (String code : codes) {
      writeRule(code, byCode.getOrDefault(code, List.of()), json);
    }
    json.endArray().endObject().endObject();

    json.name("invocations").beginArray().beginObject()
        .name("executionSuccessful").value(true)
        .name("startTimeUtc").value(report.startedAt().toString())
        .name("endTimeUtc").value(report.startedAt().plus(report.duration()).toString())
        .endObject().endArray();

    boolean relative = report.findings().stream()
        .map(f -> FindingLocation.of(f, report)).flatMap(Optional::stream).anyMatch(FindingLocation::relative);
    if (relative) {
      json.name("originalUriBaseIds").beginObject()
          .name("%SRCROOT%").beginObject()
          .name("description").beginObject().name("text").value("The directory tunnel-doctor ran in, where the config path starts.").endObject()
          .endObject().endObject();
    }

    json.name("results").beginArray();
    for (Finding finding : report.findings()) {
      writeResult(finding, codes.indexOf(finding.code()), report, json);
    }
    json.endArray();

    json.name("properties").beginObject().name("verdict").value(report.verdict().name()).endObject();
    return json.endObject().endArray().endObject().finish();
  }

  private void writeRule(String code, List<Finding> findings, JsonOutput json) {
    Optional<FindingCatalog.Entry> entry = catalog.entry(code);
    Severity severity = findings.get(0).severity();
    String when = entry.map(e -> sentence(FindingCatalog.plain(e.when()), !e.when().startsWith("`"))).orElse("Reported by the custom check " + findings.get(0).check() + ".");
    Set<String> fixes = new LinkedHashSet<>();
    for (Finding finding : findings) {
      if (!finding.remediation().isEmpty() && fixes.size() < MAX_FIXES_IN_HELP) {
        fixes.add(finding.remediation());
      }
    }
    StringBuilder helpText = new StringBuilder("Reported when: ").append(when);
    StringBuilder helpMarkdown = new StringBuilder("**").append(code).append("** is reported when: ")
        .append(entry.map(e -> sentence(e.when(), !e.when().startsWith("`"))).orElse(when));
    if (!fixes.isEmpty()) {
      helpText.append("\nFix:");
      helpMarkdown.append("\n\n**Fix**");
      for (String fix : fixes) {
        helpText.append("\n- ").append(fix);
        helpMarkdown.append("\n- ").append(MarkdownReportWriter.text(fix));
      }
    }
    json.beginObject()
        .name("id").value(code)
        .name("name").value(pascalCase(code))
        .name("shortDescription").beginObject().name("text").value(words(code)).endObject()
        .name("fullDescription").beginObject().name("text").value(when).endObject()
        .name("help").beginObject()
        .name("text").value(helpText.toString())
        .name("markdown").value(helpMarkdown.toString())
        .endObject()
        .name("defaultConfiguration").beginObject().name("level").value(level(entry.map(FindingCatalog.Entry::severity).orElse(severity.name()))).endObject()
        .name("properties").beginObject()
        .name("tags").beginArray().value("cloudflared").value(entry.map(FindingCatalog.Entry::area).orElse("Custom checks")).endArray()
        .endObject()
        .endObject();
  }

  private static void writeResult(Finding finding, int ruleIndex, DiagnosisReport report, JsonOutput json) {
    String text = finding.message().isEmpty() ? words(finding.code()) + "." : finding.message();
    if (!finding.remediation().isEmpty()) {
      text += (text.matches("(?s).*[.!?:;]$") ? " " : ". ") + "Fix: " + finding.remediation();
    }
    json.beginObject()
        .name("ruleId").value(finding.code())
        .name("ruleIndex").value(ruleIndex)
        .name("level").value(level(finding.severity().name()))
        .name("message").beginObject().name("text").value(text).endObject();
    Optional<FindingLocation> location = FindingLocation.of(finding, report);
    if (location.isPresent()) {
      FindingLocation place = location.get();
      json.name("locations").beginArray().beginObject()
          .name("physicalLocation").beginObject()
          .name("artifactLocation").beginObject().name("uri").value(place.uri());
      if (place.relative()) {
        json.name("uriBaseId").value("%SRCROOT%");
      }
      json.endObject()
          .name("region").beginObject().name("startLine").value(place.line()).name("startColumn").value(place.column()).endObject()
          .endObject();
      if (!finding.subject().isEmpty()) {
        json.name("message").beginObject().name("text").value(finding.subject()).endObject();
      }
      json.endObject().endArray();
    }
    json.name("partialFingerprints").beginObject()
        .name(FINGERPRINT).value(finding.code() + ":" + finding.check() + ":" + finding.subject())
        .endObject();
    json.name("properties").beginObject()
        .name("severity").value(finding.severity().name())
        .name("check").value(finding.check())
        .name("subject").value(finding.subject())
        .name("remediation").value(finding.remediation())
        .name("evidence").beginObject();
    finding.evidence().forEach((key, value) -> json.name(key).value(value));
    json.endObject().endObject().endObject();
  }

  /** SARIF's level for a severity; a contract entry such as {@code ERROR / WARNING} takes its first. */
  static String level(String severity) {
    String first = severity.split("/")[0].trim().toUpperCase(Locale.ROOT);
    return switch (first) {
      case "ERROR" -> "error";
      case "WARNING" -> "warning";
      default -> "note";
    };
  }

  /** {@code ORIGIN_CONNECTION_REFUSED} → {@code OriginConnectionRefused}. */
  static String pascalCase(String code) {
    StringBuilder out = new StringBuilder();
    for (String word : code.toLowerCase(Locale.ROOT).split("_")) {
      if (!word.isEmpty()) {
        out.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
      }
    }
    return out.toString();
  }

  /** {@code ORIGIN_CONNECTION_REFUSED} → {@code Origin connection refused}; acronyms stay capitals ({@code TLS verify disabled}). */
  static String words(String code) {
    StringBuilder out = new StringBuilder();
    for (String word : code.split("_")) {
      if (word.isEmpty()) {
        continue;
      }
      if (out.length() > 0) {
        out.append(' ');
      }
      if (ACRONYMS.contains(word)) {
        out.append(word);
      } else if (out.length() == 0) {
        out.append(word.charAt(0)).append(word.substring(1).toLowerCase(Locale.ROOT));
      } else {
        out.append(word.toLowerCase(Locale.ROOT));
      }
    }
    return out.toString();
  }

  private static String sentence(String text, boolean capitalize) {
    String trimmed = text.trim();
    if (trimmed.isEmpty()) {
      return trimmed;
    }
    String capital = capitalize ? Character.toUpperCase(trimmed.charAt(0)) + trimmed.substring(1) : trimmed;
    return capital.endsWith(".") ? capital : capital + ".";
  }

  private static String versionOfThisBuild() {
    String version = SarifReportWriter.class.getPackage().getImplementationVersion();
    return version != null ? version : "development";
  }

  /** SARIF describes findings; a match report has none, so it is refused. */
  @Override
  public String render(MatchReport matches) {
    throw new UnsupportedOperationException("SARIF describes findings; 'match' prints text, json or markdown");
  }
}
