package io.github.tunneldiagnostics.core.internal.ingress;

import io.github.tunneldiagnostics.core.RuleMatch;
import io.github.tunneldiagnostics.api.Route;
import io.github.tunneldiagnostics.api.RouteUrl;
import io.github.tunneldiagnostics.api.check.Check;
import io.github.tunneldiagnostics.api.check.CheckContext;
import io.github.tunneldiagnostics.api.check.Finding;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Check {@code ingress.route}: re-matches every URL under diagnosis (routes that carry a URL, not those
 * that stand for a whole rule) the way cloudflared does, and explains the ones that fall through to the
 * catch-all ({@link RouteExplainer}). A URL that a specific rule serves gives no finding; the origin
 * checks report on it. A URL cloudflared refuses never becomes a route: {@link RouteUrl#parse(String)}
 * refuses it with cloudflared's message.
 */
public final class RouteCheck implements Check {
  static final String CHECK_ID = "ingress.route";

  @Override
  public String id() {
    return CHECK_ID;
  }

  @Override
  public String description() {
    return "each URL asked about reaches a specific ingress rule";
  }

  @Override
  public Set<String> requires() {
    return Set.of(IngressValidator.CHECK_ID);
  }

  @Override
  public List<Finding> run(CheckContext context) {
    IngressMatcher matcher = IngressMatcher.of(context.ingress());
    List<Finding> findings = new ArrayList<>();
    for (Route route : context.routes()) {
      Optional<RouteUrl> url = route.url();
      if (url.isEmpty()) {
        continue; // a route that stands for its whole rule
      }
      RuleMatch match = matcher.match(url.get());
      for (Finding finding : RouteExplainer.explainRoute(context.ingress(), url.get(), match)) {
        if (!alreadyReported(context, finding)) {
          findings.add(finding);
        }
      }
    }
    return findings;
  }

  /** The static analysis (check {@code ingress}) may have said the same thing already; say it once. */
  private static boolean alreadyReported(CheckContext context, Finding finding) {
    return context.resultOf(IngressValidator.CHECK_ID).stream()
        .flatMap(result -> result.findings().stream())
        .anyMatch(f -> f.code().equals(finding.code()) && f.message().equals(finding.message()));
  }
}
