package io.github.tunneldiagnostics.core.internal.ingress;

import io.github.tunneldiagnostics.core.InvalidRequestUrlException;
import io.github.tunneldiagnostics.core.RuleMatch;
import io.github.tunneldiagnostics.api.Route;
import io.github.tunneldiagnostics.api.check.Check;
import io.github.tunneldiagnostics.api.check.CheckContext;
import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.check.FindingCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Check {@code ingress.route}: re-matches every URL under diagnosis (routes whose {@code url} is a real
 * URL, not {@code rule #N}) the way cloudflared does, and explains the ones that fall through to the
 * catch-all ({@link RouteExplainer}). A URL that a specific rule serves gives no finding; the origin
 * checks report on it. A URL cloudflared would refuse gives a {@code CHECK_SKIPPED} with cloudflared's
 * message.
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
      if (route.url().startsWith("rule #")) {
        continue;
      }
      try {
        RuleMatch match = matcher.matchUrl(route.url());
        for (Finding finding : RouteExplainer.explainRoute(context.ingress(), route.url(), match)) {
          if (!alreadyReported(context, finding)) {
            findings.add(finding);
          }
        }
      } catch (InvalidRequestUrlException e) {
        findings.add(
            Finding.info(FindingCode.CHECK_SKIPPED)
                .check(CHECK_ID)
                .subject(route.url())
                .message("cannot match " + route.url() + " against the ingress rules: " + e.getMessage())
                .remediation("give a full URL such as https://app.example.com/path")
                .build());
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
