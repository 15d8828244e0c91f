package io.github.tunneldiagnostics.core.internal.diagnosis;

import io.github.tunneldiagnostics.api.Route;
import io.github.tunneldiagnostics.api.RouteUrl;
import io.github.tunneldiagnostics.api.ingress.IngressModel;
import io.github.tunneldiagnostics.core.RuleMatch;
import io.github.tunneldiagnostics.core.internal.ingress.IngressMatcher;
import java.util.ArrayList;
import java.util.List;

/** The routes of the URLs asked about, each in the form a browser sends it, to the rule that serves it. */
final class UrlRoutes {
  private UrlRoutes() {}

  /**
   * The route of each URL, as a browser sends it (host lower-cased), to the rule that serves it; empty
   * when no URL was asked about (the pipeline then diagnoses one route per rule).
   *
   * @throws io.github.tunneldiagnostics.api.InvalidRouteUrlException when cloudflared refuses a URL
   */
  static List<Route> routes(List<String> urls, IngressModel model) {
    if (urls.isEmpty() || model.rules().isEmpty()) {
      return List.of();
    }
    IngressMatcher matcher = IngressMatcher.of(model);
    List<Route> routes = new ArrayList<>();
    for (String text : urls) {
      RouteUrl sent = RouteUrl.parse(text).browserForm();
      RuleMatch match = matcher.match(sent);
      routes.add(Route.forUrl(sent, match.index(), match.rule().service().toString()));
    }
    return routes;
  }
}
