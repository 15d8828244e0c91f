package io.github.tunneldiagnostics.core.internal.routetable;

import io.github.tunneldiagnostics.api.DiagnosisReport;
import io.github.tunneldiagnostics.api.RouteReport;
import io.github.tunneldiagnostics.api.RouteUrl;
import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.check.Severity;
import io.github.tunneldiagnostics.api.ingress.IngressModel;
import io.github.tunneldiagnostics.api.ingress.IngressRule;
import io.github.tunneldiagnostics.core.TunnelDiagnostics;
import io.github.tunneldiagnostics.core.internal.ingress.IngressMatcher;
import io.github.tunneldiagnostics.api.InvalidRouteUrlException;
import io.github.tunneldiagnostics.core.RuleMatch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Runs a route table against a config: each URL is matched exactly as cloudflared does ({@code match});
 * the cases that ask whether the origin answers are probed together, in one diagnosis bounded by a
 * timeout, the way cloudflared reaches each origin.
 */
public final class RouteTableRun {
  private RouteTableRun() {}

  /** Runs {@code table} against {@code model}; origin cases are probed with {@link TunnelDiagnostics} within {@code timeout}. */
  public static RouteTableResult run(RouteTable table, IngressModel model, Duration timeout) {
    return run(table, model, urls -> TunnelDiagnostics.forModel(model).url(urls.toArray(String[]::new)).timeout(timeout).probeOrigins());
  }

  /** Runs {@code table} against {@code model}; {@code probe} diagnoses the URLs of the origin cases (one route per URL, in order). */
  public static RouteTableResult run(RouteTable table, IngressModel model, Function<List<String>, DiagnosisReport> probe) {
    IngressMatcher matcher = IngressMatcher.of(model);
    List<String> probed = new ArrayList<>();
    for (RouteCase routeCase : table.cases()) {
      if (routeCase.originAnswers() && !probed.contains(routeCase.url())) {
        try {
          RouteUrl.parse(routeCase.url());
          probed.add(routeCase.url());
        } catch (InvalidRouteUrlException e) {
          // reported with the case
        }
      }
    }
    Map<String, List<Finding>> originErrors = probed.isEmpty() ? Map.of() : originErrors(probe.apply(probed), probed);
    List<CaseResult> results = new ArrayList<>();
    for (RouteCase routeCase : table.cases()) {
      results.add(check(routeCase, matcher, originErrors));
    }
    return new RouteTableResult(table, model, results);
  }

  private static CaseResult check(RouteCase routeCase, IngressMatcher matcher, Map<String, List<Finding>> originErrors) {
    RuleMatch match;
    try {
      match = matcher.match(RouteUrl.parse(routeCase.url()));
    } catch (InvalidRouteUrlException e) {
      return new CaseResult(routeCase, null, false, List.of("cloudflared refuses this URL: " + e.getMessage()));
    }
    IngressRule rule = match.rule();
    List<String> failures = new ArrayList<>();
    String got = "got " + rule.label() + " (" + rule.service() + ")" + (match.catchAllFallback() ? ", the catch-all" : "");
    if (routeCase.rule() != null && routeCase.rule() != rule.index()) {
      failures.add("expected rule #" + routeCase.rule() + ", " + got);
    }
    if (routeCase.hostname() != null && !routeCase.hostname().equals(rule.hostname())) {
      failures.add("expected hostname " + quote(routeCase.hostname()) + ", " + got);
    }
    if (routeCase.service() != null && !routeCase.service().equals(rule.service().toString())) {
      failures.add("expected service " + routeCase.service() + ", " + got);
    }
    if (routeCase.catchAll() != null && routeCase.catchAll() != match.catchAllFallback()) {
      failures.add(routeCase.catchAll() ? "expected the catch-all, " + got : "expected a specific rule, " + got);
    }
    if (routeCase.originAnswers()) {
      List<Finding> errors = originErrors.get(routeCase.url());
      if (errors == null) {
        failures.add("the origin of " + rule.label() + " was not probed");
      } else if (!errors.isEmpty()) {
        Finding first = errors.get(0);
        failures.add("expected the origin to answer, but " + first.code() + ": " + first.message()
            + (first.remediation().isEmpty() ? "" : " Fix: " + first.remediation()));
      }
    }
    return new CaseResult(routeCase, rule, match.catchAllFallback(), failures);
  }

  /** The ERROR findings of the origin checks for each probed URL (empty: the origin answered). */
  private static Map<String, List<Finding>> originErrors(DiagnosisReport report, List<String> urls) {
    Map<String, List<Finding>> errors = new LinkedHashMap<>();
    List<RouteReport> routes = report.routes();
    for (int i = 0; i < urls.size() && i < routes.size(); i++) {
      RouteReport route = routes.get(i);
      List<Finding> found = new ArrayList<>();
      for (Finding finding : report.findingsForRule(route.route().rule())) {
        @Nullable String about = finding.evidence().get("route");
        if (finding.severity() == Severity.ERROR && finding.check().startsWith("origin") && (about == null || about.equals(route.route().label()))) {
          found.add(finding);
        }
      }
      errors.put(urls.get(i), found);
    }
    return errors;
  }

  private static String quote(String value) {
    return "'" + value + "'";
  }
}
