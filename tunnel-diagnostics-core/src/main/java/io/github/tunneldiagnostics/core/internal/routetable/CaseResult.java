package io.github.tunneldiagnostics.core.internal.routetable;

import io.github.tunneldiagnostics.api.ingress.IngressRule;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How one case went.
 *
 * @param routeCase the case
 * @param served the rule that serves its URL, or null when cloudflared refuses the URL
 * @param catchAll true when no specific rule took the URL
 * @param failures one sentence per expectation that did not hold (with what happened instead); empty when it passed
 */
public record CaseResult(RouteCase routeCase, @Nullable IngressRule served, boolean catchAll, List<String> failures) {
  public CaseResult {
    Objects.requireNonNull(routeCase, "routeCase");
    failures = List.copyOf(failures);
  }

  public boolean passed() {
    return failures.isEmpty();
  }
}
