package io.github.tunneldiagnostics.core.internal.config;

import static io.github.tunneldiagnostics.core.internal.config.ConfigNodes.column;
import static io.github.tunneldiagnostics.core.internal.config.ConfigNodes.line;

import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.check.FindingCode;
import io.github.tunneldiagnostics.core.internal.config.ConfigDecoder.Dialect;
import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * The {@code CONFIG_UNKNOWN_KEY} warnings, where cloudflared's strict re-decode warns (and at the top
 * level, where a key is neither a section nor a flag): each names the closest valid key for a typo.
 * The JSON dialect (a connector's {@code /config}) gets none: unknown keys are fine there.
 */
final class UnknownKeyWarnings {
  private final ProblemCollector problems;

  UnknownKeyWarnings(ProblemCollector problems) {
    this.problems = problems;
  }

  /** An unknown key in a struct: {@code where} names the part, {@code valid} its keys, {@code rule} the rule or -1. */
  void inSection(Node keyNode, String key, String where, String goType, List<String> valid, int rule) {
    if (problems.dialect() != Dialect.YAML) {
      return;
    }
    Optional<String> suggestion = KnownKeys.closest(key, valid);
    String message = "cloudflared ignores the key " + key + " in " + where + " at " + problems.file() + " line " + line(keyNode)
        + ": it is not a field there" + suggestion.map(s -> "; did you mean " + s + "?").orElse(".");
    String remediation = suggestion
        .map(s -> "rename " + key + " to " + s + " (keys are case-sensitive)")
        .orElse("remove " + key + "; valid keys there are " + String.join(", ", valid));
    warn(keyNode, key, message, remediation, suggestion, "line " + line(keyNode) + ": field " + key + " not found in type " + goType, rule);
  }

  /** An unknown key under {@code warp-routing:}; {@code enabled} was a real key until cloudflared 2023.10.0. */
  void inWarpRouting(Node keyNode, String key) {
    if (problems.dialect() != Dialect.YAML) {
      return;
    }
    if (key.equals("enabled")) {
      warn(keyNode, key,
          "cloudflared ignores warp-routing enabled at " + problems.file() + " line " + line(keyNode)
              + ": the key was removed in cloudflared 2023.10.0 (WARP routing is now turned on in the dashboard)",
          "remove warp-routing enabled; turn WARP routing on for the tunnel in the Cloudflare dashboard",
          Optional.empty(), "line " + line(keyNode) + ": field enabled not found in type config.WarpRoutingConfig", -1);
      return;
    }
    inSection(keyNode, key, "warp-routing", "config.WarpRoutingConfig", KnownKeys.WARP_ROUTING, -1);
  }

  /** A top-level key that is neither a config section nor a cloudflared flag. */
  void atTopLevel(Node keyNode, String key) {
    if (problems.dialect() != Dialect.YAML || KnownKeys.isKnownTopLevel(key)) {
      return;
    }
    Optional<String> suggestion = KnownKeys.closestTopLevel(key);
    String message = "the top-level key " + key + " at " + problems.file() + " line " + line(keyNode)
        + " is neither a config section nor a cloudflared flag, so cloudflared silently ignores it"
        + suggestion.map(s -> "; did you mean " + s + "?").orElse(".");
    String remediation = suggestion
        .map(s -> "rename " + key + " to " + s + " (keys are case-sensitive)")
        .orElse("remove " + key + ", or use one of tunnel, ingress, originRequest, warp-routing or a cloudflared flag name such as credentials-file");
    warn(keyNode, key, message, remediation, suggestion, "", -1);
  }

  private void warn(Node keyNode, String key, String message, String remediation, Optional<String> suggestion, String goLine, int rule) {
    Finding.Builder finding = Finding.warning(FindingCode.CONFIG_UNKNOWN_KEY)
        .check(ConfigFindings.CHECK)
        .subject(problems.subject(keyNode))
        .message(message)
        .remediation(remediation)
        .evidence("source", "config")
        .evidence("key", key);
    suggestion.ifPresent(s -> finding.evidence("suggestion", s));
    finding.evidence("line", line(keyNode)).evidence("column", column(keyNode));
    if (!goLine.isEmpty()) {
      finding.evidence("cloudflaredMessage", "yaml: unmarshal errors:\n  " + goLine);
    }
    if (rule >= 0) {
      finding.rule(rule);
    }
    problems.warn(finding.build());
  }
}
