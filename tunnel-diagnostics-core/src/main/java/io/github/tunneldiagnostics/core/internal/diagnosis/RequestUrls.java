package io.github.tunneldiagnostics.core.internal.diagnosis;

import io.github.tunneldiagnostics.api.Route;
import io.github.tunneldiagnostics.api.ingress.IngressModel;
import io.github.tunneldiagnostics.core.RuleMatch;
import io.github.tunneldiagnostics.core.internal.ingress.IngressMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Rewrites a URL a person typed into the one a browser sends: the host lower-cased. The matcher itself
 * decides whether cloudflared accepts the URL; this class never rejects one.
 */
final class RequestUrls {
  private RequestUrls() {}

  /**
   * The route of each URL, as a browser sends it (host lower-cased), to the rule that serves it; empty
   * when no URL was asked about (the pipeline then diagnoses one route per rule).
   */
  static List<Route> routes(List<String> urls, IngressModel model) {
    if (urls.isEmpty() || model.rules().isEmpty()) {
      return List.of();
    }
    IngressMatcher matcher = IngressMatcher.of(model);
    List<Route> routes = new ArrayList<>();
    for (String url : urls) {
      String sent = withLowerCaseHost(url); // checks re-match this URL
      RuleMatch match = matcher.matchUrl(sent);
      routes.add(new Route(sent, match.index(), match.rule().service().toString()));
    }
    return routes;
  }

  /** The URL with its host lower-cased, as a browser sends it; everything else unchanged. */
  static String withLowerCaseHost(String url) {
    int[] host = hostRange(url);
    if (host == null) {
      return url;
    }
    return url.substring(0, host[0]) + url.substring(host[0], host[1]).toLowerCase(Locale.ROOT) + url.substring(host[1]);
  }

  private static int @Nullable [] hostRange(String url) {
    int scheme = url.indexOf("://");
    if (scheme < 0) {
      return null;
    }
    int start = scheme + 3;
    int end = start;
    while (end < url.length() && "/?#".indexOf(url.charAt(end)) < 0) {
      end++;
    }
    int at = url.lastIndexOf('@', end - 1);
    if (at >= start) {
      start = at + 1;
    }
    if (start < end && url.charAt(start) == '[') {
      int close = url.indexOf(']', start);
      return close > 0 && close < end ? new int[] {start, close + 1} : new int[] {start, end};
    }
    int colon = url.lastIndexOf(':', end - 1);
    return new int[] {start, colon >= start ? colon : end};
  }
}
