package io.github.tunneldiagnostics.core.internal.ingress;

import io.github.tunneldiagnostics.api.RouteUrl;
import io.github.tunneldiagnostics.core.RuleMatch;
import io.github.tunneldiagnostics.api.ingress.IngressModel;

/**
 * cloudflared's {@code FindMatchingRule} as written: every rule in order, the first match wins, the last
 * rule when nothing matches. The reference for {@link IngressMatcher}. Thread-safe and immutable.
 *
 * <p>cloudflared's internal management rule ({@code management.argotunnel.com}, negative indices) is
 * not modelled: it only serves cloudflared's own management traffic. A rule whose path does not compile
 * never matches (cloudflared would refuse the whole configuration; {@link IngressValidator} reports it).
 */
public final class LinearIngressMatcher {
  private final RuleTable table;

  private LinearIngressMatcher(RuleTable table) {
    this.table = table;
  }

  /** A matcher for the model's rules. */
  public static LinearIngressMatcher of(IngressModel model) {
    return new LinearIngressMatcher(new RuleTable(model));
  }

  /**
   * The rule for a request's {@code Host} (a port is ignored) and {@code URL.Path}.
   *
   * @param host the host exactly as the request carries it; never lower-cased or trimmed
   * @param path the percent-decoded path without query
   */
  public RuleMatch match(String host, String path) {
    String h = RuleTable.stripPort(host);
    CompiledRule[] rules = table.rules;
    for (int i = 0; i < rules.length; i++) {
      if (rules[i].matches(h, path)) {
        return table.result(i);
      }
    }
    return table.result(-1);
  }

  /** The rule for a URL, as {@code cloudflared tunnel ingress rule <URL>} finds it: its hostname and path. */
  public RuleMatch match(RouteUrl url) {
    return match(url.hostname(), url.path());
  }
}
