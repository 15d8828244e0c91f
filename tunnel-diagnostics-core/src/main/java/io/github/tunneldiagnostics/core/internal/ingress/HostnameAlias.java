package io.github.tunneldiagnostics.core.internal.ingress;

import io.github.tunneldiagnostics.core.internal.idna.Uts46;
import org.jspecify.annotations.Nullable;

/**
 * The second hostname cloudflared matches a rule by: {@code idna.Lookup.ToASCII(hostname)} from
 * golang.org/x/net, kept only when it succeeds and differs from the hostname ({@code ingress.go}
 * {@code validateIngress}). Lookup is UTS-46 non-transitional processing with STD3 rules, hyphen, bidi
 * and ContextJ checks, and without DNS length checks ({@link Uts46}): {@code ß} → {@code xn--zca}, upper
 * case → lower case; any error means "no alias", as Go's error does (so {@code *} and {@code _} never get
 * one).
 */
final class HostnameAlias {
  private HostnameAlias() {}

  /**
   * The punycode/lower-case alias of a rule's hostname, or null when cloudflared computes none: for
   * catch-all rules, on any IDNA error, or when the result equals the hostname.
   */
  static @Nullable String of(String hostname, boolean catchAll) {
    if (catchAll) {
      return null;
    }
    String alias = Uts46.toAscii(hostname);
    return alias == null || alias.equals(hostname) ? null : alias;
  }
}
