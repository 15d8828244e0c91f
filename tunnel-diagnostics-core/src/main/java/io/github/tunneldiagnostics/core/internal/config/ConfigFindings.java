package io.github.tunneldiagnostics.core.internal.config;

import io.github.tunneldiagnostics.core.ConfigException;
import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.check.FindingCode;
import java.util.List;
import java.util.stream.Collectors;

/** Builds the config loader's findings and exceptions, so every one has a subject, message and fix. */
final class ConfigFindings {
  /** Check id of configuration findings. */
  static final String CHECK = "config";

  /** Check id of credentials findings. */
  static final String CREDENTIALS = "credentials";

  private ConfigFindings() {}

  static ConfigException notFound(String subject, String message, String remediation) {
    return new ConfigException(
        Finding.error(FindingCode.CONFIG_NOT_FOUND)
            .check(CHECK)
            .subject(subject)
            .message(message)
            .remediation(remediation)
            .evidence("source", "config")
            .build());
  }

  /** The file cannot be used as YAML at all (syntax, encoding, size, limits). */
  static ConfigException syntax(String file, YamlReader.SyntaxException e) {
    String where = e.line() > 0 ? " at line " + e.line() + ", column " + e.column() : "";
    Finding.Builder finding =
        Finding.error(FindingCode.CONFIG_YAML_INVALID)
            .check(CHECK)
            .subject(e.line() > 0 ? file + ":" + e.line() + ":" + e.column() : file)
            .message(file + " is not valid YAML" + where + ": " + e.getMessage())
            .remediation(
                e.line() > 0
                    ? "fix line " + e.line() + " of " + file
                        + " (indent with spaces, not tabs; quote values that contain \": \" or start with *, &, !, [ or {)"
                    : "fix " + file + " so that it is a small UTF-8 YAML file")
            .evidence("source", "config")
            .evidence("parserMessage", e.getMessage());
    if (e.line() > 0) {
      finding.evidence("line", e.line()).evidence("column", e.column());
    }
    return new ConfigException(finding.build());
  }

  /** Values of the wrong type: one exception naming the first, with yaml.v3's full error text. */
  static ConfigException typeErrors(String file, List<ConfigDecoder.Problem> problems) {
    ConfigDecoder.Problem first = problems.get(0);
    String yamlMessage =
        "yaml: unmarshal errors:\n"
            + problems.stream().map(p -> "  " + p.goLine()).collect(Collectors.joining("\n"));
    String more = problems.size() > 1 ? " (and " + (problems.size() - 1) + " more wrong value" + (problems.size() > 2 ? "s" : "") + ")" : "";
    Finding.Builder finding =
        Finding.error(FindingCode.CONFIG_YAML_INVALID)
            .check(CHECK)
            .subject(file + ":" + first.line() + ":" + first.column())
            .message(file + " line " + first.line() + ", column " + first.column() + ": " + first.message() + more)
            .remediation(first.remediation())
            .evidence("source", "config")
            .evidence("line", first.line())
            .evidence("column", first.column())
            .evidence("value", first.value())
            .evidence("cloudflaredMessage", yamlMessage)
            .evidence("cloudflaredLog", "error parsing YAML in config file at " + file + ": " + yamlMessage);
    for (int i = 1; i < problems.size() && i < 20; i++) {
      ConfigDecoder.Problem p = problems.get(i);
      finding.evidence("problem." + i, "line " + p.line() + ", column " + p.column() + ": " + p.message());
    }
    return new ConfigException(finding.build());
  }
}
