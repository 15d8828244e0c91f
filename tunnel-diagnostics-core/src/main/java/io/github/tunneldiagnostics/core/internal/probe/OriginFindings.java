package io.github.tunneldiagnostics.core.internal.probe;

import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.check.Severity;
import io.github.tunneldiagnostics.api.ingress.IngressRule;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Starts findings for one route with what every origin finding carries: check id, subject
 * {@code rule #N <service>}, the rule index, {@code source=probe}, the route and the phase timings.
 */
final class OriginFindings {
  private final IngressRule rule;
  private final String routeUrl;
  private final PhaseTimings timings;

  OriginFindings(IngressRule rule, String routeUrl, PhaseTimings timings) {
    this.rule = rule;
    this.routeUrl = routeUrl;
    this.timings = timings;
  }

  Finding.Builder start(String code, Severity severity) {
    Map<String, String> base = new LinkedHashMap<>();
    base.put("source", "probe");
    base.put("route", routeUrl);
    base.put("service", rule.service().toString());
    return Finding.builder(code, severity)
        .check(OriginCheck.ID)
        .subject(subject())
        .rule(rule.index())
        .evidence(base)
        .evidence(timings.evidence());
  }

  String subject() {
    return "rule #" + rule.index() + " " + rule.service();
  }

  /** {@code rule #2 (app.example.com)} for sentences. */
  String ruleLabel() {
    return rule.label();
  }

  /** {@code rule #2's service} for remediation sentences. */
  String ruleService() {
    return "rule #" + rule.index() + "'s service";
  }
}
