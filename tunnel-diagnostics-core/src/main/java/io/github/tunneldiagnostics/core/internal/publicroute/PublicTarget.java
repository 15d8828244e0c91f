package io.github.tunneldiagnostics.core.internal.publicroute;

import io.github.tunneldiagnostics.api.InvalidRouteUrlException;
import io.github.tunneldiagnostics.api.Route;
import io.github.tunneldiagnostics.api.RouteUrl;
import io.github.tunneldiagnostics.api.ingress.IngressModel;
import io.github.tunneldiagnostics.api.ingress.IngressRule;
import io.github.tunneldiagnostics.api.internal.golang.GoNet;
import io.github.tunneldiagnostics.core.internal.ingress.IngressMatcher;
import io.github.tunneldiagnostics.core.RuleMatch;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One public URL the public checks request: a URL asked about, or {@code https://<hostname>/} of a rule.
 *
 * @param host the hostname, lower case
 * @param port the port (443 unless the URL names one)
 * @param path the path and query, starting with {@code /}
 * @param subject what findings name: the URL asked about, or the hostname of a rule
 * @param rule the local rule that serves it (0-based), -1 when there is no local model
 * @param catchAll whether the local ingress sends it to the catch-all rule
 */
public record PublicTarget(String host, int port, String path, String subject, int rule, boolean catchAll) {
  public PublicTarget {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(subject, "subject");
  }

  /** {@code https://host[:port]/path}. */
  public String url() {
    return "https://" + (port == 443 ? host : host + ":" + port) + path;
  }

  /** The targets of a diagnosis, and the rules skipped because no single public hostname names them. */
  public record Plan(List<PublicTarget> targets, List<String> skipped) {
    public Plan {
      targets = List.copyOf(targets);
      skipped = List.copyOf(skipped);
    }
  }

  public static Plan plan(IngressModel model, List<Route> routes) {
    Map<String, PublicTarget> targets = new LinkedHashMap<>();
    List<String> skipped = new ArrayList<>();
    IngressMatcher matcher = model.rules().isEmpty() ? null : IngressMatcher.of(model);
    for (Route route : routes) {
      Optional<RouteUrl> url = route.url();
      if (url.isPresent()) {
        PublicTarget target = fromUrl(url.get(), matcher);
        if (target != null) {
          targets.putIfAbsent(target.url(), target);
        } else {
          skipped.add(url.get().text() + ": not a URL with a hostname");
        }
        continue;
      }
      if (route.rule() < 0 || route.rule() >= model.rules().size()) {
        continue;
      }
      IngressRule rule = model.rule(route.rule());
      if (rule.matchesAnyHost()) {
        if (!rule.isCatchAll()) {
          skipped.add(rule.label() + ": it names no hostname");
        }
        continue;
      }
      if (rule.isWildcard()) {
        skipped.add(rule.label() + ": a wildcard names no single hostname; ask about one with --url");
        continue;
      }
      PublicTarget target = fromRule(rule, matcher);
      if (target != null) {
        targets.putIfAbsent(target.url(), new PublicTarget(target.host(), target.port(), target.path(), target.host(), target.rule(),
            target.catchAll()));
      }
    }
    return new Plan(List.copyOf(targets.values()), List.copyOf(skipped));
  }

  private static @Nullable PublicTarget fromRule(IngressRule rule, @Nullable IngressMatcher matcher) {
    try {
      return fromUrl(RouteUrl.parse("https://" + rule.hostname() + "/"), matcher);
    } catch (InvalidRouteUrlException e) {
      return null; // a hostname no URL can carry; the ingress checks report it
    }
  }

  private static @Nullable PublicTarget fromUrl(RouteUrl url, @Nullable IngressMatcher matcher) {
    if (url.hostname().isEmpty()) {
      return null;
    }
    String host = GoNet.authorityHost(url.hostname()).toLowerCase(Locale.ROOT);
    int port = port(url.port());
    int rule = -1;
    boolean catchAll = false;
    if (matcher != null) {
      RuleMatch match = matcher.match(host, url.path().isEmpty() ? "/" : url.path());
      rule = match.index();
      catchAll = match.catchAllFallback();
    }
    return new PublicTarget(host, port, url.requestTarget(), url.text(), rule, catchAll);
  }

  /** The port a URL names (digits only, as Go checked them), 443 when it names none or no usable one. */
  private static int port(String digits) {
    if (digits.isEmpty() || digits.length() > 5) {
      return 443;
    }
    int port = Integer.parseInt(digits);
    return port > 0 && port <= 65535 ? port : 443;
  }
}
