package io.github.tunneldiagnostics.core.internal.ingress;

import io.github.tunneldiagnostics.api.ingress.ConfigSource;
import io.github.tunneldiagnostics.api.ingress.IngressModel;
import io.github.tunneldiagnostics.api.ingress.IngressRule;
import io.github.tunneldiagnostics.api.ingress.OriginRequest;
import io.github.tunneldiagnostics.api.ingress.OriginRequestOverrides;
import io.github.tunneldiagnostics.api.ingress.SourceLocation;
import io.github.tunneldiagnostics.api.ingress.WarpRouting;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds {@link IngressModel}s the way the config loader does: each rule's originRequest is the defaults,
 * then the top level, then the rule's own fields; the service is parsed with {@link ServiceParser} and the
 * rule's effective bastionMode. Rule {@code i} stands at {@code config.yml:(10 + 3i):5}.
 */
final class Rules {
  private final List<String[]> rules = new ArrayList<>();
  private final List<OriginRequestOverrides> overrides = new ArrayList<>();
  private OriginRequestOverrides topLevel = OriginRequestOverrides.NONE;
  private final Map<String, String> settings = new LinkedHashMap<>();

  /** A model from (hostname, service) pairs. */
  static IngressModel of(String... hostnameServicePairs) {
    Rules rules = new Rules();
    for (int i = 0; i < hostnameServicePairs.length; i += 2) {
      rules.rule(hostnameServicePairs[i], "", hostnameServicePairs[i + 1]);
    }
    return rules.build();
  }

  static Rules builder() {
    return new Rules();
  }

  Rules rule(String hostname, String service) {
    return rule(hostname, "", service);
  }

  Rules rule(String hostname, String path, String service) {
    return rule(hostname, path, service, OriginRequestOverrides.NONE);
  }

  Rules rule(String hostname, String path, String service, OriginRequestOverrides own) {
    rules.add(new String[] {hostname, path, service});
    overrides.add(own);
    return this;
  }

  Rules topLevel(OriginRequestOverrides value) {
    this.topLevel = value;
    return this;
  }

  Rules setting(String key, String value) {
    settings.put(key, value);
    return this;
  }

  IngressModel build() {
    OriginRequest top = OriginRequest.DEFAULTS.merge(topLevel);
    List<IngressRule> built = new ArrayList<>();
    for (int i = 0; i < rules.size(); i++) {
      String[] r = rules.get(i);
      OriginRequest effective = top.merge(overrides.get(i));
      built.add(
          IngressRule.builder().index(i).hostname(r[0]).path(r[1]).service(r[2]).originRequest(effective).overrides(overrides.get(i)).location(new SourceLocation("config.yml", 10 + 3 * i, 5)).build());
    }
    return IngressModel.builder().source(ConfigSource.inline("config.yml")).originRequest(top).rules(built).settings(settings).build();
  }
}
