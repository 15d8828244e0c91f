package io.github.tunneldiagnostics.core.ingress;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import org.jspecify.annotations.Nullable;

/**
 * A rule's {@code path}, compiled with RE2/J, whose syntax and error texts are Go's {@code regexp}
 * ({@code error parsing regexp: missing closing ): `/(foo`}). Matching is unanchored, like Go's
 * {@code MatchString}.
 */
final class PathPattern {
  private final @Nullable Pattern pattern;
  private final @Nullable String error;

  private PathPattern(@Nullable Pattern pattern, @Nullable String error) {
    this.pattern = pattern;
    this.error = error;
  }

  static PathPattern compile(String regex) {
    try {
      return new PathPattern(Pattern.compile(regex), null);
    } catch (PatternSyntaxException e) {
      return new PathPattern(null, e.getMessage());
    }
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
    Pattern p = pattern;
    return p != null && p.matcher(path).find();
  }
}
