package io.github.tunneldiagnostics.core.fix;

import io.github.tunneldiagnostics.api.DiagnosisReport;
import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.check.FindingCode;
import io.github.tunneldiagnostics.api.check.Resolver;
import io.github.tunneldiagnostics.api.check.Severity;
import io.github.tunneldiagnostics.api.ingress.IngressModel;
import io.github.tunneldiagnostics.core.TunnelDiagnostics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The second part of the write gate: every changed rule's new target answers ("aligned before reload").
 */
@FunctionalInterface
public interface TargetVerifier {

  /**
   * One sentence per changed rule whose target does not answer as it must; empty when all do.
   *
   * @param patched the model of the patched file
   * @param changedRules indexes in {@code patched} of the rules whose service or originRequest changed, or
   *     that are new
   */
  List<String> problems(IngressModel patched, Set<Integer> changedRules);

  /**
   * Probes each changed rule's origin the way cloudflared reaches it (the {@code origin} check) and
   * accepts it only when the probe reports no ERROR for that rule and the origin answered (or is one
   * cloudflared answers itself, such as {@code http_status:404}).
   */
  static TargetVerifier probing(Resolver resolver, Duration timeout) {
    Objects.requireNonNull(resolver, "resolver");
    Objects.requireNonNull(timeout, "timeout");
    return (patched, changed) -> {
      if (changed.isEmpty()) {
        return List.of();
      }
      DiagnosisReport report = TunnelDiagnostics.forModel(patched).noConnector().resolver(resolver).timeout(timeout).diagnose();
      List<String> problems = new ArrayList<>();
      for (int rule : changed) {
        List<Finding> about = report.findingsForRule(rule).stream().filter(f -> f.check().startsWith("origin")).toList();
        List<Finding> errors = about.stream().filter(f -> f.severity() == Severity.ERROR).toList();
        String service = patched.rules().get(rule).rawService();
        if (!errors.isEmpty()) {
          Finding first = errors.get(0);
          problems.add("rule #" + rule + "'s new target " + service + " does not answer: " + first.code() + ": " + first.message());
        } else if (about.stream().noneMatch(f -> f.code().equals(FindingCode.ORIGIN_REACHABLE) || f.code().equals(FindingCode.CHECK_SKIPPED))) {
          problems.add("rule #" + rule + "'s new target " + service + " was not probed in time; nothing is written unprobed");
        }
      }
      return problems;
    };
  }
}
