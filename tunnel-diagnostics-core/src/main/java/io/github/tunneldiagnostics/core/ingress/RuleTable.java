package io.github.tunneldiagnostics.core.ingress;

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

  RuleTable(IngressModel model) {
    List<IngressRule> source = model.rules();
    if (source.isEmpty()) {
      source = List.of(
          new IngressRule(0, "", "", "http_status:503", new OriginService.HttpStatus(503), model.originRequest(), OriginRequestOverrides.NONE, null));
    }
    List<CompiledRule> compiled = new ArrayList<>(source.size());
    for (IngressRule rule : source) {
      compiled.add(new CompiledRule(rule));
    }
    this.rules = compiled.toArray(new CompiledRule[0]);
  }

  /** cloudflared's port stripping: {@code net.SplitHostPort}, keeping the input when it fails. */
  static String stripPort(String host) {
    if (host.indexOf(':') < 0) {
      return host;
    }
    String stripped = GoNet.splitHostPortHost(host);
    return stripped == null ? host : stripped;
  }

  RuleMatch result(int index) {
    int last = rules.length - 1;
    if (index < 0) {
      return new RuleMatch(last, rules[last].rule, true);
    }
    IngressRule rule = rules[index].rule;
    return new RuleMatch(index, rule, index == last && rule.isCatchAll());
  }
}
