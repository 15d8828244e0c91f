package io.github.tunneldiagnostics.api;

import io.github.tunneldiagnostics.api.internal.Redaction;
import java.util.Objects;

/**
 * One route under diagnosis: a public URL (or a rule when no URL was asked about) and the ingress rule
 * that serves it.
 *
 * @param url the public URL asked about, or {@code rule #N} when the route stands for a whole rule
 * @param rule the 0-based index of the rule that serves it
 * @param service the rule's service as cloudflared renders it
 */
public record Route(String url, int rule, String service) {
  public Route {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(service, "service");
    if (rule < 0) {
      throw new IllegalArgumentException("'rule' must not be negative but was " + rule);
    }
  }

  /** The route under the redaction policy: a URL asked about may carry a token or a password. */
  @Override
  public String toString() {
    return Redaction.redact("Route[url=" + url + ", rule=" + rule + ", service=" + service + "]");
  }
}
