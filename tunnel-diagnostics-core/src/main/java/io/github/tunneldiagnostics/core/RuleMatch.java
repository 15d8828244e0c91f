package io.github.tunneldiagnostics.core;

import io.github.tunneldiagnostics.api.ingress.IngressRule;
import java.util.Objects;

/**
 * The rule cloudflared picks for a request.
 *
 * @param index the 0-based rule index, as in cloudflared's {@code ingressRule=} log field
 * @param rule the rule
 * @param catchAllFallback true when no specific rule took the request: either nothing matched and
 *     cloudflared used the last rule, or the last rule matched and it is a catch-all (no hostname or
 *     {@code *}, no path)
 */
public record RuleMatch(int index, IngressRule rule, boolean catchAllFallback) {
  public RuleMatch {
    Objects.requireNonNull(rule, "rule");
  }
}
