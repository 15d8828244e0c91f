package io.github.tunneldiagnostics.core.internal.ingress;

import io.github.tunneldiagnostics.api.check.Finding;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One finding about one cause shared by several rules names them all in {@code evidence.rules}
 * ({@code "0, 2, 5"}), instead of repeating itself once per rule; a finding about one rule keeps
 * {@code evidence.rule}.
 */
public final class RuleList {
  /** Evidence key of the 0-based indexes of every rule a finding is about, comma-separated. */
  public static final String KEY = "rules";

  private RuleList() {}

  /** {@code "0, 2, 5"}. */
  public static String of(List<Integer> indexes) {
    return indexes.stream().map(String::valueOf).collect(Collectors.joining(", "));
  }

  /** Every rule the finding is about: {@code evidence.rule}, or each of {@code evidence.rules}. */
  public static List<Integer> rulesOf(Finding finding) {
    List<Integer> rules = new ArrayList<>();
    finding.ruleIndex().ifPresent(rules::add);
    String list = finding.evidence().get(KEY);
    if (list != null) {
      for (String part : list.split(",")) {
        try {
          rules.add(Integer.parseInt(part.strip()));
        } catch (NumberFormatException e) {
          // not a rule list: ignore
        }
      }
    }
    return rules;
  }
}
