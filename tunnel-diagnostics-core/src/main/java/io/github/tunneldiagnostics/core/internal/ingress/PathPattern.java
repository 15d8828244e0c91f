package io.github.tunneldiagnostics.core.internal.ingress;

import io.github.tunneldiagnostics.re2j.internal.Pattern;
import io.github.tunneldiagnostics.re2j.internal.PatternSyntaxException;
import org.jspecify.annotations.Nullable;

/**
 * A rule's {@code path}, compiled with RE2/J, whose syntax and error texts are Go's {@code regexp}
 * ({@code error parsing regexp: missing closing ): `/(foo`}). Matching is unanchored, like Go's
 * {@code MatchString}.
 *
 * <p>The common plain forms are answered without the regex engine, with the same result: a literal
 * ({@code /api}: contains), {@code ^literal} (starts with), {@code literal$} (ends with) and
 * {@code ^literal$} (equals). Without the {@code m} flag Go's {@code ^} and {@code $} only match at the
 * start and the very end of the text, so these are exact.
 */
final class PathPattern {
  private enum Shortcut {
    NONE,
    CONTAINS,
    PREFIX,
    SUFFIX,
    EQUALS
  }

  private static final String META = "\\.+*?()|[]{}^$";

  private final @Nullable Pattern pattern;
  private final @Nullable String error;
  private final Shortcut shortcut;
  private final String literal;

  private PathPattern(@Nullable Pattern pattern, @Nullable String error, Shortcut shortcut, String literal) {
    this.pattern = pattern;
    this.error = error;
    this.shortcut = shortcut;
    this.literal = literal;
  }

  static PathPattern compile(String regex) {
    Pattern compiled;
    try {
      compiled = Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      return new PathPattern(null, e.getMessage(), Shortcut.NONE, "");
    }
    boolean start = regex.startsWith("^");
    boolean end = regex.endsWith("$") && regex.length() > (start ? 1 : 0);
    String core = regex.substring(start ? 1 : 0, regex.length() - (end ? 1 : 0));
    for (int i = 0; i < core.length(); i++) {
      if (META.indexOf(core.charAt(i)) >= 0) {
        return new PathPattern(compiled, null, Shortcut.NONE, "");
      }
    }
    Shortcut shortcut = start ? (end ? Shortcut.EQUALS : Shortcut.PREFIX) : (end ? Shortcut.SUFFIX : Shortcut.CONTAINS);
    return new PathPattern(compiled, null, shortcut, core);
  }

  /** Go's error text when the expression does not compile, else null. */
  @Nullable String error() {
    return error;
  }

  boolean compiles() {
    return pattern != null;
  }

  /** Unanchored search; false when the expression does not compile. */
  boolean find(String path) {
    switch (shortcut) {
      case CONTAINS:
        return path.contains(literal);
      case PREFIX:
        return path.startsWith(literal);
      case SUFFIX:
        return path.endsWith(literal);
      case EQUALS:
        return path.equals(literal);
      default:
        Pattern p = pattern;
        return p != null && p.matcher(path).find();
    }
  }
}
