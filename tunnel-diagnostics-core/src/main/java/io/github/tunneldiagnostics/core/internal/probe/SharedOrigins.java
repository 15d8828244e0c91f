package io.github.tunneldiagnostics.core.internal.probe;

import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.core.internal.ingress.RuleList;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Several rules that share one broken origin are one cause: their identical findings (same code, same
 * service, same message) become one finding that names every rule ({@code evidence.rules}) and route,
 * instead of the same error once per rule.
 */
final class SharedOrigins {
  private SharedOrigins() {}

  static List<Finding> merge(List<Finding> findings) {
    Map<String, List<Finding>> byCause = new LinkedHashMap<>();
    List<Object> order = new ArrayList<>();
    for (Finding finding : findings) {
      String service = finding.evidence().get("service");
      if (service == null || finding.ruleIndex().isEmpty()) {
        order.add(finding);
        continue;
      }
      String cause = finding.code() + '\n' + service + '\n' + finding.message();
      List<Finding> same = byCause.get(cause);
      if (same == null) {
        same = new ArrayList<>();
        byCause.put(cause, same);
        order.add(cause);
      }
      same.add(finding);
    }
    List<Finding> merged = new ArrayList<>();
    for (Object entry : order) {
      if (entry instanceof Finding finding) {
        merged.add(finding);
      } else {
        List<Finding> same = byCause.getOrDefault((String) entry, List.of());
        merged.add(same.size() == 1 ? same.get(0) : one(same));
      }
    }
    return merged;
  }

  private static Finding one(List<Finding> same) {
    Finding first = same.get(0);
    List<Integer> rules = same.stream().map(f -> f.ruleIndex().getAsInt()).toList();
    String names = rules.stream().map(i -> "#" + i).collect(Collectors.joining(", "));
    String service = first.evidence().get("service");
    Set<String> routes = new LinkedHashSet<>();
    same.forEach(f -> {
      String route = f.evidence().get("route");
      if (route != null) {
        routes.add(route);
      }
    });
    Map<String, String> evidence = new LinkedHashMap<>(first.evidence());
    evidence.remove(Finding.RULE_KEY);
    evidence.put(RuleList.KEY, RuleList.of(rules));
    if (!routes.isEmpty()) {
      evidence.put("route", String.join(", ", routes));
    }
    String remediation = first.remediation()
        .replace("rule #" + rules.get(0) + "'s service", "the service of rules " + names)
        .replace("rule #" + rules.get(0) + " ", "rules " + names + " ");
    return Finding.builder(first.code(), first.severity()).check(first.check()).subject("rules " + names + " " + service)
        .message("Rules " + names + " share " + service + ": " + first.message()).remediation(remediation).evidence(evidence).build();
  }
}
