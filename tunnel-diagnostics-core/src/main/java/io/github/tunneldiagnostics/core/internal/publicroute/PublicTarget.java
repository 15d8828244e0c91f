package io.github.tunneldiagnostics.core.internal.publicroute;

import io.github.tunneldiagnostics.api.Route;
import io.github.tunneldiagnostics.api.ingress.IngressModel;
import io.github.tunneldiagnostics.api.ingress.IngressRule;
import io.github.tunneldiagnostics.core.internal.ingress.IngressMatcher;
import io.github.tunneldiagnostics.core.RuleMatch;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

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
      String url = route.url();
      if (url.contains("://")) {
        PublicTarget target = fromUrl(url, matcher);
        if (target != null) {
          targets.putIfAbsent(target.url(), target);
        } else {
          skipped.add(url + ": not a URL with a hostname");
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
      PublicTarget target = fromUrl("https://" + rule.hostname() + "/", matcher);
      if (target != null) {
        targets.putIfAbsent(target.url(), new PublicTarget(target.host(), target.port(), target.path(), target.host(), target.rule(),
            target.catchAll()));
      }
    }
    return new Plan(List.copyOf(targets.values()), List.copyOf(skipped));
  }

  private static @org.jspecify.annotations.Nullable PublicTarget fromUrl(String url, @org.jspecify.annotations.Nullable IngressMatcher matcher) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      return null;
    }
    String host = uri.getHost();
    if (host == null || host.isEmpty()) {
      return null;
    }
    host = host.toLowerCase(Locale.ROOT);
    int port = uri.getPort() > 0 ? uri.getPort() : 443;
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    if (uri.getRawQuery() != null) {
      path = path + "?" + uri.getRawQuery();
    }
    int rule = -1;
    boolean catchAll = false;
    if (matcher != null) {
      RuleMatch match = matcher.match(host, uri.getPath() == null || uri.getPath().isEmpty() ? "/" : uri.getPath());
      rule = match.index();
      catchAll = match.catchAllFallback();
    }
    return new PublicTarget(host, port, path, url, rule, catchAll);
  }
}
