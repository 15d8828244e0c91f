package io.github.tunneldiagnostics.core.internal.probe;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/** Reads a {@link io.github.tunneldiagnostics.api.Route#url()} when it is a URL and not {@code rule #N}. */
final class RouteUrl {
  private RouteUrl() {}

  static Optional<URI> parse(String url) {
    String lower = url.toLowerCase(Locale.ROOT);
    if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
      return Optional.empty();
    }
    try {
      return Optional.of(new URI(url));
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
  }

  /** The path and query to request: the URL's, else {@code /}. */
  static String requestTarget(String url) {
    return parse(url)
        .map(u -> {
          String path = u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath();
          return u.getRawQuery() == null ? path : path + "?" + u.getRawQuery();
        })
        .orElse("/");
  }
}
