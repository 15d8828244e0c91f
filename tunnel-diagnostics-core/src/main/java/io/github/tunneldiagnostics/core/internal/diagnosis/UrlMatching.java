package io.github.tunneldiagnostics.core.internal.diagnosis;

import io.github.tunneldiagnostics.api.RouteUrl;
import io.github.tunneldiagnostics.api.ingress.IngressModel;
import io.github.tunneldiagnostics.api.ingress.IngressRule;
import io.github.tunneldiagnostics.core.RuleMatch;
import io.github.tunneldiagnostics.core.internal.ingress.IngressMatcher;
import io.github.tunneldiagnostics.core.report.MatchReport;
import io.github.tunneldiagnostics.core.report.UrlMatch;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Which rule serves each URL, with the later rule that also matches but never gets it. */
public final class UrlMatching {
  private UrlMatching() {}

  /** cloudflared's exact matching of every URL, as one report for a writer. */
  public static MatchReport matchAll(IngressModel model, List<String> urls) {
    IngressMatcher matcher = IngressMatcher.of(model);
    List<UrlMatch> matches = new ArrayList<>();
    for (String text : urls) {
      RouteUrl url = RouteUrl.parse(text);
      RuleMatch match = matcher.match(url);
      matches.add(new UrlMatch(url, match.rule(), match.catchAllFallback(), shadowed(model, match, url)));
    }
    return new MatchReport(model.source(), matches);
  }

  /** The first rule after {@code match} that matches {@code url} too, other than the catch-all. */
  private static @Nullable IngressRule shadowed(IngressModel model, RuleMatch match, RouteUrl url) {
    if (match.catchAllFallback()) {
      return null;
    }
    int offset = match.index() + 1;
    List<IngressRule> later = new ArrayList<>();
    for (IngressRule rule : model.rules().subList(offset, model.rules().size())) {
      later.add(rule.toBuilder().index(later.size()).build());
    }
    if (later.isEmpty()) {
      return null;
    }
    RuleMatch next = IngressMatcher.of(model.toBuilder().rules(later).build()).match(url);
    return next.catchAllFallback() ? null : model.rule(offset + next.index());
  }
}
