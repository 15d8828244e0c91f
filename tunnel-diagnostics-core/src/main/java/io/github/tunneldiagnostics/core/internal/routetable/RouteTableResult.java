package io.github.tunneldiagnostics.core.internal.routetable;

import io.github.tunneldiagnostics.api.ingress.IngressModel;
import io.github.tunneldiagnostics.api.ingress.IngressRule;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The outcome of a route table against a config: each case's result and which rules the cases cover (a
 * rule is covered when some case's URL lands on it).
 *
 * @param table the table
 * @param model the config the cases ran against
 * @param cases one result per case, in table order
 */
public record RouteTableResult(RouteTable table, IngressModel model, List<CaseResult> cases) {
  public RouteTableResult {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(model, "model");
    cases = List.copyOf(cases);
  }

  /** True when every case passed. */
  public boolean passed() {
    return cases.stream().allMatch(CaseResult::passed);
  }

  public List<CaseResult> failures() {
    return cases.stream().filter(c -> !c.passed()).toList();
  }

  /** The indexes of the rules some case's URL lands on. */
  public Set<Integer> coveredRules() {
    Set<Integer> covered = new TreeSet<>();
    for (CaseResult result : cases) {
      if (result.served() != null) {
        covered.add(result.served().index());
      }
    }
    return covered;
  }

  /** The rules no case lands on, in config order. */
  public List<IngressRule> uncoveredRules() {
    Set<Integer> covered = coveredRules();
    return model.rules().stream().filter(rule -> !covered.contains(rule.index())).toList();
  }

  /** The share of rules covered, 0–100; 100 for a config without rules. */
  public double coveragePercent() {
    int rules = model.rules().size();
    return rules == 0 ? 100.0 : 100.0 * coveredRules().size() / rules;
  }
}
