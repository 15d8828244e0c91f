package io.github.tunneldiagnostics.core.internal.ingress;

import io.github.tunneldiagnostics.api.internal.golang.GoNet;
import io.github.tunneldiagnostics.core.RuleMatch;
import io.github.tunneldiagnostics.api.ingress.IngressModel;
import io.github.tunneldiagnostics.api.ingress.IngressRule;
import io.github.tunneldiagnostics.api.ingress.OriginRequestOverrides;
import io.github.tunneldiagnostics.api.ingress.OriginService;
import java.util.ArrayList;
import java.util.List;

/**
 * The compiled rules of a model, shared by both matchers. A model without rules gets cloudflared's
 * default rule ({@code GetDefaultIngressRules}: {@code http_status:503} at index 0).
 */
final class RuleTable {
  final CompiledRule[] rules;
  private final RuleMatch[] results;
  private final RuleMatch fallback;

  RuleTable(IngressModel model) {
    List<IngressRule> source = model.rules();
    if (source.isEmpty()) {
      source = List.of(
          IngressRule.builder().index(0).service("http_status:503").originRequest(model.originRequest()).build());
    }
    List<CompiledRule> compiled = new ArrayList<>(source.size());
    for (IngressRule rule : source) {
      compiled.add(new CompiledRule(rule));
    }
    this.rules = compiled.toArray(new CompiledRule[0]);
    this.results = new RuleMatch[rules.length];
    int last = rules.length - 1;
    for (int i = 0; i < rules.length; i++) {
      IngressRule rule = rules[i].rule;
      results[i] = new RuleMatch(i, rule, i == last && rule.isCatchAll());
    }
    this.fallback = new RuleMatch(last, rules[last].rule, true);
  }

  /** cloudflared's port stripping: {@code net.SplitHostPort}, keeping the input when it fails. */
  static String stripPort(String host) {
    if (host.indexOf(':') < 0) {
      return host;
    }
    String stripped = GoNet.splitHostPortHost(host);
    return stripped == null ? host : stripped;
  }

  /** The match for a rule index, or cloudflared's fallback to the last rule for -1. */
  RuleMatch result(int index) {
    return index < 0 ? fallback : results[index];
  }
}
