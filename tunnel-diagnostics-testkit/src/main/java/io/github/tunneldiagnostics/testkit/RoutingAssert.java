package io.github.tunneldiagnostics.testkit;

import io.github.tunneldiagnostics.api.ingress.IngressRule;
import io.github.tunneldiagnostics.core.RuleMatch;
import org.assertj.core.api.AbstractObjectAssert;
import org.jspecify.annotations.Nullable;

/** Where a URL is routed: {@code assertThat(model).routes("https://api.example.com/v1").toService("http://localhost:8080")}. */
public class RoutingAssert extends AbstractObjectAssert<RoutingAssert, @Nullable TunnelRoute> {

  public RoutingAssert(@Nullable TunnelRoute actual) {
    super(actual, RoutingAssert.class);
  }

  /** The serving rule's service is exactly this (as written in the config). */
  public RoutingAssert toService(String service) {
    RuleMatch match = match();
    if (match != null && !match.rule().rawService().equals(service)) {
      failWithActualExpectedAndMessage(match.rule().rawService(), service, "%nExpecting%n  %s%nto be routed to service%n  %s%nbut %s routes it to%n  %s",
          actual, service, describe(match.rule()), match.rule().rawService());
    }
    return myself;
  }

  /** The serving rule has this 0-based index. */
  public RoutingAssert toRule(int index) {
    RuleMatch match = match();
    if (match != null && match.index() != index) {
      failWithActualExpectedAndMessage(match.index(), index, "%nExpecting%n  %s%nto be routed to rule #%d but it is routed to %s",
          actual, index, describe(match.rule()));
    }
    return myself;
  }

  private static String describe(IngressRule rule) {
    return rule.label() + (rule.isCatchAll() ? " (the catch-all)" : "");
  }

  private @Nullable RuleMatch match() {
    isNotNull();
    TunnelRoute route = actual;
    if (route == null) {
      return null;
    }
    try {
      return route.match();
    } catch (IllegalArgumentException e) {
      failWithMessage("%nExpecting%n  %s%nto be routed, but cloudflared cannot match it: %s", route.url(), e.getMessage());
      return null;
    }
  }
}
