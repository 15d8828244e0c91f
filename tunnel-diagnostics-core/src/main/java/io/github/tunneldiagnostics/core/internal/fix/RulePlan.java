package io.github.tunneldiagnostics.core.internal.fix;

import io.github.tunneldiagnostics.api.check.Remedy;
import io.github.tunneldiagnostics.api.ingress.IngressModel;
import io.github.tunneldiagnostics.api.ingress.IngressRule;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What the rules should be after the remedies, worked out on the model instead of the text: the order
 * (moves and additions, in remedy order, as the text edits place them), each rule's hostname, path and
 * service, and which rules reach a new target. The patch is checked against it, so an editing mistake can
 * never be written.
 */
public final class RulePlan {
  /** One rule after the patch: the original index it came from (-1 for an added rule). */
  public record PlannedRule(int from, String hostname, String path, String service) {}

  private final List<PlannedRule> rules;
  private final Set<Integer> changed;

  private RulePlan(List<PlannedRule> rules, Set<Integer> changed) {
    this.rules = rules;
    this.changed = changed;
  }

  /** The plan for {@code remedies} (only config ones, in order) over {@code rules} (hostname, path, service of each). */
  public static RulePlan of(List<PlannedRule> original, List<Remedy> remedies) {
    List<PlannedRule> rules = new ArrayList<>(original);
    List<Integer> ids = new ArrayList<>();
    for (int i = 0; i < original.size(); i++) {
      ids.add(i);
    }
    Set<Integer> changedIds = new LinkedHashSet<>();
    int nextId = original.size();
    for (Remedy remedy : remedies) {
      if (remedy instanceof Remedy.SetService set && set.rule() < original.size()) {
        PlannedRule rule = rules.get(set.rule());
        rules.set(set.rule(), new PlannedRule(rule.from(), rule.hostname(), rule.path(), set.newService()));
        changedIds.add(set.rule());
      } else if (remedy instanceof Remedy.SetOriginRequest set && !YamlKeys.DURATION_FIELDS.contains(set.field())) {
        // how cloudflared reaches the origin changes (originServerName, caPool …): the target must answer;
        // a duration written as Go wants it, or a renamed key, leaves the target as it was
        if (set.rule() == Remedy.TOP_LEVEL) {
          for (int i = 0; i < original.size(); i++) {
            changedIds.add(i);
          }
        } else {
          changedIds.add(set.rule());
        }
      } else if (remedy instanceof Remedy.MoveRule move) {
        ids.remove(Integer.valueOf(move.rule()));
        ids.add(ids.indexOf(move.before()), move.rule());
      } else if (remedy instanceof Remedy.AddRule add) {
        int id = nextId++;
        rules.add(new PlannedRule(-1, add.hostname(), "", add.service()));
        ids.add(ids.indexOf(add.before()), id);
        changedIds.add(id);
      }
    }
    List<PlannedRule> ordered = new ArrayList<>();
    Set<Integer> changed = new LinkedHashSet<>();
    for (int i = 0; i < ids.size(); i++) {
      ordered.add(rules.get(ids.get(i)));
      if (changedIds.contains(ids.get(i))) {
        changed.add(i);
      }
    }
    return new RulePlan(List.copyOf(ordered), changed);
  }

  /** The rules of a model as a plan's input. */
  public static List<PlannedRule> rulesOf(IngressModel model) {
    List<PlannedRule> rules = new ArrayList<>();
    for (IngressRule rule : model.rules()) {
      rules.add(new PlannedRule(rule.index(), rule.hostname(), rule.path(), rule.rawService()));
    }
    return rules;
  }

  public List<PlannedRule> rules() {
    return rules;
  }

  /**
   * Indexes, after the patch, of the rules with a new target: a new service, a new way to reach it
   * (originRequest fields other than timeouts), or a new rule.
   */
  public Set<Integer> changedRules() {
    return changed;
  }

  /** The first difference between this plan and the patched model, or empty when they agree. */
  public java.util.Optional<String> mismatch(IngressModel patched) {
    if (patched.rules().size() != rules.size()) {
      return java.util.Optional.of("the patched file has " + patched.rules().size() + " rules, but " + rules.size() + " were planned");
    }
    for (int i = 0; i < rules.size(); i++) {
      PlannedRule want = rules.get(i);
      IngressRule got = patched.rules().get(i);
      if (!want.hostname().equals(got.hostname()) || !want.path().equals(got.path()) || !want.service().equals(got.rawService())) {
        return java.util.Optional.of("rule #" + i + " of the patched file is (" + got.hostname() + ", " + got.path() + ", "
            + got.rawService() + "), but (" + want.hostname() + ", " + want.path() + ", " + want.service() + ") was planned");
      }
    }
    return java.util.Optional.empty();
  }
}
