package io.github.tunneldiagnostics.core.report;

import io.github.tunneldiagnostics.api.RouteUrl;
import io.github.tunneldiagnostics.api.ingress.IngressRule;
import io.github.tunneldiagnostics.api.internal.Redaction;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The rule that serves one URL.
 *
 * @param url the URL as asked; cloudflared compared its {@link RouteUrl#hostname() hostname} (port
 *     stripped, case kept) and its {@link RouteUrl#path() path} (percent-decoded, empty when it has none)
 * @param rule the rule that serves it
 * @param fallback true when no rule matched and the last rule answered because it is last
 * @param shadowed the first later rule (not the catch-all) that matches the URL too but never gets it,
 *     because cloudflared takes the first match; null when there is none
 */
public record UrlMatch(RouteUrl url, IngressRule rule, boolean fallback, @Nullable IngressRule shadowed) {

  /**
   * A match with no later rule that also matches.
   *
   * @param url the URL as asked
   * @param rule the rule that serves it
   * @param fallback true when no rule matched and the last rule answered because it is last
   */
  public UrlMatch(RouteUrl url, IngressRule rule, boolean fallback) {
    this(url, rule, fallback, null);
  }

  public UrlMatch {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(rule, "rule");
  }

  /** The match under the redaction policy: a URL asked about may carry a token or a password. */
  @Override
  public String toString() {
    return Redaction.redact("UrlMatch[url=" + url.text() + ", host=" + url.hostname() + ", path=" + url.path() + ", rule=" + rule
        + ", fallback=" + fallback
        + ", shadowed=" + shadowed + "]");
  }

  /**
   * One sentence saying why this rule serves the URL, in terms of cloudflared's matching: byte-exact
   * hostnames, wildcards that never match the apex, unanchored path regexes, first match wins.
   */
  public String explanation() {
    String host = url.hostname();
    String path = url.path();
    if (fallback || rule.isCatchAll()) {
      return "No rule before it matches host '" + host + "'" + (path.isEmpty() ? "" : " and path '" + path + "'")
          + ", so the last rule answers, as cloudflared always does.";
    }
    String hostPart;
    if (rule.matchesAnyHost()) {
      hostPart = "The rule accepts every hostname";
    } else if (rule.hostname().equals(host)) {
      hostPart = "The host equals the rule's hostname";
    } else if (rule.isWildcard() && host.endsWith(rule.hostname().substring(1))) {
      hostPart = "The host ends with '" + rule.hostname().substring(1) + "', which the wildcard matches (it never matches the apex)";
    } else {
      hostPart = "The host equals the IDNA form of the rule's hostname (lower case, punycode), which cloudflared also accepts";
    }
    String pathPart = rule.path().isEmpty()
        ? ""
        : " and its path regex '" + rule.path() + "' matches '" + path + "' (unanchored, like Go's regexp.MatchString)";
    String shadow = shadowed == null
        ? ""
        : " " + capitalized(shadowed.label()) + " matches too, but comes later, so it never sees this URL.";
    return hostPart + pathPart + "; it is the first rule that matches." + shadow;
  }

  private static String capitalized(String text) {
    return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }
}
