package io.github.tunneldiagnostics.core.internal.seat;

import io.github.tunneldiagnostics.api.Route;
import io.github.tunneldiagnostics.api.RouteUrl;
import java.util.List;

/**
 * A route on the command line of the JVM inside the connector's namespace: {@code --route RULE URL
 * SERVICE}, with an empty {@code URL} for a route that stands for its whole rule.
 */
final class RouteArguments {
  static final String FLAG = "--route";

  private RouteArguments() {}

  /** The arguments that carry {@code route}. */
  static List<String> of(Route route) {
    return List.of(FLAG, Integer.toString(route.rule()), route.url().map(RouteUrl::text).orElse(""), route.service());
  }

  /** The route the three values after {@link #FLAG} carry. */
  static Route parse(String rule, String url, String service) {
    int index = Integer.parseInt(rule);
    return url.isEmpty() ? Route.forRule(index, service) : Route.forUrl(RouteUrl.parse(url), index, service);
  }
}
