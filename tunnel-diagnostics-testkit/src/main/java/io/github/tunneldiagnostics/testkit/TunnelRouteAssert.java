package io.github.tunneldiagnostics.testkit;

import io.github.tunneldiagnostics.api.DiagnosisReport;
import io.github.tunneldiagnostics.api.RouteUrl;
import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.check.Severity;
import io.github.tunneldiagnostics.api.ingress.IngressRule;
import io.github.tunneldiagnostics.core.internal.ingress.RouteExplainer;
import io.github.tunneldiagnostics.core.RuleMatch;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.assertj.core.api.AbstractObjectAssert;
import org.jspecify.annotations.Nullable;

/**
 * Assertions on a {@link TunnelRoute}: which rule serves it, and whether its origin is live the way
 * cloudflared reaches it. Obtain through {@link TunnelAssertions#assertThat(TunnelRoute)}.
 */
public class TunnelRouteAssert extends AbstractObjectAssert<TunnelRouteAssert, @Nullable TunnelRoute> {
  private @Nullable Duration within;

  public TunnelRouteAssert(@Nullable TunnelRoute actual) {
    super(actual, TunnelRouteAssert.class);
  }

  /** Bounds the next {@link #resolvesToLiveOrigin()}; default the tunnel's timeout (10 s). */
  public TunnelRouteAssert within(Duration timeout) {
    this.within = Objects.requireNonNull(timeout, "timeout");
    return myself;
  }

  /**
   * The URL is served by a rule whose origin answers the request cloudflared would send: it resolves,
   * accepts a connection, completes TLS with cloudflared's settings, and answers without a 5xx of its
   * own. On failure the message shows the chain URL → rule → service → address → result, each finding
   * with its code, evidence and fix, and any service override in force.
   */
  public TunnelRouteAssert resolvesToLiveOrigin() {
    isNotNull();
    TunnelRoute route = actual;
    if (route == null) {
      return myself;
    }
    RuleMatch match;
    try {
      match = route.match();
    } catch (IllegalArgumentException e) {
      failWithMessage("%nExpecting route%n  %s%nto resolve to a live origin, but cloudflared cannot match it: %s", route.url(), e.getMessage());
      return myself;
    }
    IngressRule rule = match.rule();
    if (!rule.service().isDialed()) {
      List<Finding> explanation = RouteExplainer.explainRoute(route.tunnel().model(), RouteUrl.parse(route.url()), match);
      failWithMessage("%nExpecting route%n  %s%nto resolve to a live origin, but %s serves it with %s: there is no origin to reach.%n%s%s",
          route.url(), rule.label(), rule.service(), overridesNote(route), FindingDescription.of(explanation));
      return myself;
    }
    DiagnosisReport report = within == null ? route.diagnose() : route.diagnose(within);
    List<Finding> broken = report.findingsForRule(match.index()).stream().filter(f -> f.severity() == Severity.ERROR).toList();
    List<Finding> pipeline = report.findings().stream().filter(f -> f.ruleIndex().isEmpty() && f.severity().isAtLeast(Severity.WARNING)).toList();
    if (!broken.isEmpty() || !pipeline.isEmpty()) {
      failWithMessage("%nExpecting route%n  %s%nto resolve to a live origin, but it does not:%n%s%s%nfindings:%n%s",
          route.url(), chain(route, rule, broken.isEmpty() ? pipeline : broken), overridesNote(route),
          FindingDescription.of(broken.isEmpty() ? pipeline : broken));
    }
    return myself;
  }

  /** The URL is served by the rule at this 0-based index. */
  public TunnelRouteAssert isServedByRule(int index) {
    isNotNull();
    TunnelRoute route = actual;
    if (route != null) {
      RuleMatch match = route.match();
      if (match.index() != index) {
        failWithActualExpectedAndMessage(match.index(), index, "%nExpecting%n  %s%nto be served by rule #%d but it is served by %s (%s)%n%s",
            route.url(), index, match.rule().label(), match.rule().service(), overridesNote(route));
      }
    }
    return myself;
  }

  private static String chain(TunnelRoute route, IngressRule rule, List<Finding> findings) {
    StringBuilder out = new StringBuilder();
    out.append("  ").append(route.url()).append('\n');
    out.append("    → ").append(rule.label()).append('\n');
    out.append("    → service ").append(rule.service()).append('\n');
    for (Finding finding : findings) {
      for (Map.Entry<String, String> e : finding.evidence().entrySet()) {
        if (e.getKey().startsWith("address.")) {
          out.append("    → ").append(e.getKey().substring("address.".length())).append(": ").append(e.getValue()).append('\n');
        }
      }
      out.append("    ✗ ").append(finding.code()).append(": ").append(finding.message()).append('\n');
    }
    return out.toString();
  }

  private static String overridesNote(TunnelRoute route) {
    List<ServiceOverride> overrides = route.tunnel().overrides();
    if (overrides.isEmpty()) {
      return "";
    }
    StringBuilder out = new StringBuilder("service overrides in force:\n");
    overrides.forEach(o -> out.append("  ").append(o).append('\n'));
    return out.toString();
  }
}
