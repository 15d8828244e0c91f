package io.github.tunneldiagnostics.core.internal.report;

import io.github.tunneldiagnostics.api.DiagnosisReport;
import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.ingress.ConfigSource;
import io.github.tunneldiagnostics.api.ingress.IngressModel;
import io.github.tunneldiagnostics.api.ingress.SourceLocation;
import java.io.File;
import java.nio.file.Path;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Where in the config file a finding points: its own {@code line}/{@code column} evidence (the config
 * loader's findings), else a subject of the form {@code file:line:column}, else the start of the rule it
 * is about (or, for WILDCARD_APEX_UNMATCHED, the wildcard rule in {@code evidence.wildcardRule}), else the
 * top of the file. Only for a
 * report whose rules came from a file; a connector's {@code /config} has no lines a person edits.
 *
 * @param file the config file as given (relative paths stay relative, so code scanning can match them)
 * @param line 1-based
 * @param column 1-based
 * @param exact false when the finding names no place and the top of the file stands in for it
 */
record FindingLocation(Path file, int line, int column, boolean exact) {

  static Optional<FindingLocation> of(Finding finding, DiagnosisReport report) {
    IngressModel model = report.ingress();
    Path file = model == null ? null : model.source().file();
    if (model == null || model.source().kind() != ConfigSource.Kind.FILE || file == null) {
      return Optional.empty();
    }
    int line = positive(finding.evidence().get("line"));
    if (line > 0) {
      return Optional.of(new FindingLocation(file, line, Math.max(1, positive(finding.evidence().get("column"))), true));
    }
    String prefix = file + ":";
    if (finding.subject().startsWith(prefix)) { // a subject such as config.yml:12:5
      String[] place = finding.subject().substring(prefix.length()).split(":");
      if (place.length == 2 && positive(place[0]) > 0) {
        return Optional.of(new FindingLocation(file, positive(place[0]), Math.max(1, positive(place[1])), true));
      }
    }
    // the rule it is about, else the rule its fix touches (the wildcard rule of WILDCARD_APEX_UNMATCHED)
    int ruleIndex = finding.ruleIndex().orElse(index(finding.evidence().get("wildcardRule")));
    if (ruleIndex >= 0 && ruleIndex < model.rules().size()) {
      SourceLocation rule = model.rule(ruleIndex).location();
      if (rule != null) {
        return Optional.of(new FindingLocation(file, rule.line(), rule.column(), true));
      }
    }
    return Optional.of(new FindingLocation(file, 1, 1, false));
  }

  /**
   * The file as a URI reference: a relative path with forward slashes (resolved against the checkout's
   * root, {@code %SRCROOT%}), or a {@code file://} URI for an absolute path.
   */
  String uri() {
    if (file.isAbsolute()) {
      return file.toUri().toString();
    }
    StringBuilder uri = new StringBuilder();
    for (String segment : file.normalize().toString().split(File.separator.equals("\\") ? "\\\\" : File.separator)) {
      if (segment.isEmpty() || segment.equals(".")) {
        continue;
      }
      if (uri.length() > 0) {
        uri.append('/');
      }
      uri.append(percentEncode(segment));
    }
    return uri.toString();
  }

  boolean relative() {
    return !file.isAbsolute();
  }

  private static String percentEncode(String segment) {
    StringBuilder out = new StringBuilder();
    for (byte b : segment.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
        out.append((char) c);
      } else {
        out.append('%').append(String.format("%02X", c));
      }
    }
    return out.toString();
  }

  /** A 0-based rule index, or -1 when {@code value} is none. */
  private static int index(@Nullable String value) {
    try {
      return value == null ? -1 : Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static int positive(@Nullable String value) {
    if (value == null) {
      return 0;
    }
    try {
      return Math.max(0, Integer.parseInt(value.trim()));
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
