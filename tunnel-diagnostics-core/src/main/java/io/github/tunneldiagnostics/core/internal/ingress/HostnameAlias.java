package io.github.tunneldiagnostics.core.internal.ingress;

import com.ibm.icu.text.IDNA;
import java.util.EnumSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The second hostname cloudflared matches a rule by: {@code idna.Lookup.ToASCII(hostname)} from
 * golang.org/x/net, kept only when it succeeds and differs from the hostname ({@code ingress.go}
 * {@code validateIngress}). Lookup is UTS-46 non-transitional processing with STD3 rules, hyphen, bidi
 * and ContextJ checks, and without DNS length checks; ICU4J's UTS-46 implementation with the same
 * options gives the same mapping ({@code ß} → {@code xn--zca}, upper case → lower case). ICU's
 * empty-label and length errors are ignored because Go's Lookup profile does not check them; every other
 * ICU error means "no alias", as Go's error does (so {@code *} and {@code _} never get one).
 */
final class HostnameAlias {
  private static final IDNA LOOKUP =
      IDNA.getUTS46Instance(
          IDNA.NONTRANSITIONAL_TO_ASCII | IDNA.USE_STD3_RULES | IDNA.CHECK_BIDI | IDNA.CHECK_CONTEXTJ);
  private static final Set<IDNA.Error> NOT_CHECKED_BY_GO =
      EnumSet.of(IDNA.Error.EMPTY_LABEL, IDNA.Error.LABEL_TOO_LONG, IDNA.Error.DOMAIN_NAME_TOO_LONG);

  private HostnameAlias() {}

  /**
   * The punycode/lower-case alias of a rule's hostname, or null when cloudflared computes none: for
   * catch-all rules, on any IDNA error, or when the result equals the hostname.
   */
  static @Nullable String of(String hostname, boolean catchAll) {
    if (catchAll) {
      return null;
    }
    IDNA.Info info = new IDNA.Info();
    StringBuilder ascii = new StringBuilder(hostname.length() + 8);
    LOOKUP.nameToASCII(hostname, ascii, info);
    EnumSet<IDNA.Error> errors = info.getErrors().isEmpty() ? EnumSet.noneOf(IDNA.Error.class) : EnumSet.copyOf(info.getErrors());
    errors.removeAll(NOT_CHECKED_BY_GO);
    if (!errors.isEmpty()) {
      return null;
    }
    String alias = ascii.toString();
    return alias.equals(hostname) ? null : alias;
  }
}
