package io.github.tunneldiagnostics.api;

import io.github.tunneldiagnostics.api.internal.Redaction;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One route under diagnosis: the ingress rule that serves it and, when a URL was asked about, that URL.
 * A route without a URL stands for its whole rule ({@link #forRule(int, String)}).
 *
 * <p>Immutable; equal when URL, rule and service are equal.
 */
public final class Route {
  private final @Nullable RouteUrl url;
  private final int rule;
  private final String service;

  private Route(@Nullable RouteUrl url, int rule, String service) {
    this.url = url;
    this.rule = rule;
    this.service = Objects.requireNonNull(service, "service");
    if (rule < 0) {
      throw new IllegalArgumentException("'rule' must not be negative but was " + rule);
    }
  }

  /**
   * The route of a URL asked about.
   *
   * @param url the URL, usually in its {@linkplain RouteUrl#browserForm() browser form}
   * @param rule the 0-based index of the rule that serves it
   * @param service the rule's service as cloudflared renders it
   * @return the route
   * @throws IllegalArgumentException when {@code rule} is negative
   */
  public static Route forUrl(RouteUrl url, int rule, String service) {
    return new Route(Objects.requireNonNull(url, "url"), rule, service);
  }

  /**
   * The route that stands for a whole rule, when no URL was asked about.
   *
   * @param rule the 0-based index of the rule
   * @param service the rule's service as cloudflared renders it
   * @return the route
   * @throws IllegalArgumentException when {@code rule} is negative
   */
  public static Route forRule(int rule, String service) {
    return new Route(null, rule, service);
  }

  /** The URL asked about; empty when the route stands for its whole rule. */
  public Optional<RouteUrl> url() {
    return Optional.ofNullable(url);
  }

  /** The 0-based index of the rule that serves the route. */
  public int rule() {
    return rule;
  }

  /** The rule's service as cloudflared renders it. */
  public String service() {
    return service;
  }

  /**
   * How reports name the route: the URL's {@linkplain RouteUrl#text() text}, or {@code rule #N} when the
   * route stands for a whole rule. Not redacted: writers apply the redaction policy to what they write.
   */
  public String label() {
    return url != null ? url.text() : "rule #" + rule;
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof Route that && Objects.equals(url, that.url) && rule == that.rule && service.equals(that.service);
  }

  @Override
  public int hashCode() {
    return Objects.hash(url, rule, service);
  }

  /** The route under the redaction policy: a URL asked about may carry a token or a password. */
  @Override
  public String toString() {
    return Redaction.redact("Route[url=" + label() + ", rule=" + rule + ", service=" + service + "]");
  }
}
