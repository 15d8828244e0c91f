package io.github.tunneldiagnostics.core.internal.probe;

import io.github.tunneldiagnostics.api.Route;
import io.github.tunneldiagnostics.api.RouteUrl;
import io.github.tunneldiagnostics.api.ingress.IngressRule;
import io.github.tunneldiagnostics.api.internal.golang.GoNet;
import java.util.Optional;

/**
 * Supplies the public hostname a visitor uses for a route, which cloudflared forwards as the
 * {@code Host} header (and uses as SNI with {@code matchSNItoHost}).
 */
@FunctionalInterface
public interface HostnameSource {

  /** The public hostname for this route, if one is known. */
  Optional<String> hostnameFor(Route route, IngressRule rule);

  /**
   * The route's URL host (an IPv6 literal in brackets) when the route has a URL with a host; else the rule's hostname when it is a plain name (not
   * empty, {@code *} or a {@code *.} wildcard); else none, and the probe sends the service host.
   */
  static HostnameSource standard() {
    return (route, rule) -> {
      Optional<String> host = route.url().map(RouteUrl::hostname).filter(h -> !h.isEmpty());
      if (host.isPresent()) {
        return host.map(GoNet::authorityHost);
      }
      if (!rule.matchesAnyHost() && !rule.hostname().contains("*")) {
        return Optional.of(rule.hostname());
      }
      return Optional.empty();
    };
  }

  /** Always {@code hostname}, e.g. a sample name for a wildcard rule. */
  static HostnameSource fixed(String hostname) {
    return (route, rule) -> Optional.of(hostname);
  }
}
