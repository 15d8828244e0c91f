package io.github.tunneldiagnostics.core.internal.ingress;

import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.check.FindingCode;
import io.github.tunneldiagnostics.api.ingress.IngressRule;
import io.github.tunneldiagnostics.re2j.internal.Pattern;
import io.github.tunneldiagnostics.re2j.internal.PatternSyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * {@code PATH_REGEX_UNANCHORED}: a rule's path is a Go regular expression searched anywhere in the request
 * path, so {@code /api} also matches {@code /v2/api/x}; and a glob-looking path ({@code /api/*}) is a regex
 * whose {@code *} repeats the previous character, so it also matches {@code /apiary}. Each finding carries
 * a suggested regex that is proven, when the finding is made, to miss the surprising example and still
 * match the intended path.
 */
final class UnanchoredPath {
  private static final String REGEX_META = "\\.+*?()|[]{}^$";

  /**
   * What to suggest for a path.
   *
   * @param suggested the anchored regex that means what the path meant
   * @param surprise a request path the written regex matches and the suggested one does not, or null when
   *     the written path matches every path (then the fix is to drop it)
   * @param intended a request path both match
   * @param glob true when the path looks like a glob ({@code /*})
   */
  record Suggestion(String suggested, @Nullable String surprise, String intended, boolean glob) {}

  private UnanchoredPath() {}

  static Optional<Finding> finding(IngressRule rule) {
    String regex = rule.path();
    Suggestion suggestion = suggest(regex);
    if (suggestion == null) {
      return Optional.empty();
    }
    String label = rule.label();
    Finding.Builder finding = Finding.info(FindingCode.PATH_REGEX_UNANCHORED)
        .check(IngressValidator.CHECK_ID)
        .subject("rule #" + rule.index())
        .rule(rule.index())
        .evidence("path", regex);
    if (suggestion.glob()) {
      int star = regex.indexOf('*');
      String what = "path " + regex + " looks like a glob, but cloudflared reads it as a regular expression, where * repeats the"
          + " character before it (here " + regex.charAt(star - 1) + ") instead of standing for any text, and searches it anywhere"
          + " in the request path";
      boolean misses = !Pattern.compile(regex).matcher(suggestion.intended()).find();
      if (misses) {
        finding.message(label + ": " + what + ", so it does not match " + suggestion.intended()
                + (suggestion.surprise() == null ? "" : ", but matches " + suggestion.surprise()))
            .remediation("for what the glob means, write path: " + suggestion.suggested() + globMeaning(regex));
      } else if (suggestion.surprise() == null) {
        finding.message(label + ": " + what + ", so it matches every path")
            .remediation("remove the path (a rule without a path matches every path), or write path: " + suggestion.suggested());
      } else {
        finding.message(label + ": " + what + ", so it also matches " + suggestion.surprise())
            .remediation("for what the glob means, write path: " + suggestion.suggested() + globMeaning(regex));
      }
    } else {
      finding.message(label + ": path " + regex + " is searched anywhere in the request path (cloudflared does not"
              + " anchor it), so it also matches " + suggestion.surprise())
          .remediation("anchor it: path: " + suggestion.suggested());
    }
    if (suggestion.surprise() != null) {
      finding.evidence("exampleMatch", suggestion.surprise());
    }
    return Optional.of(finding
        .evidence("intendedMatch", suggestion.intended())
        .evidence("suggestedPath", suggestion.suggested())
        .evidence("source", "config")
        .build());
  }

  private static String globMeaning(String glob) {
    String body = withoutAnchors(glob);
    boolean subtree = body.endsWith("/*");
    boolean segments = body.substring(0, subtree ? body.length() - 2 : body.length()).contains("*");
    String prefix = subtree ? body.substring(0, body.length() - 2) : "";
    if (subtree && !segments) {
      return " (" + (prefix.isEmpty() ? "every path" : "the path " + prefix + " and everything below it") + ")";
    }
    return " ([^/]* stands for one path segment" + (subtree ? ", (/|$) for everything below" : "") + ")";
  }

  /**
   * The suggestion for {@code regex}, or null when there is nothing to say (an anchored regex, one that
   * does not start with {@code /}, or one for which no surprising example can be shown).
   */
  static @Nullable Suggestion suggest(String regex) {
    Pattern written;
    try {
      written = Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      return null;
    }
    String body = withoutAnchors(regex);
    boolean glob = body.startsWith("/") && body.contains("/*");
    if (glob) {
      return globSuggestion(regex, written);
    }
    if (!regex.startsWith("/")) {
      return null;
    }
    String literal = literalPrefix(regex);
    String suffix = literalSuffix(regex);
    String suggested = "^" + (regex.contains("|") ? "(?:" + regex + ")" : regex)
        + (literal.equals(regex) && !regex.endsWith("/") ? "(/|$)" : "");
    Pattern anchored = Pattern.compile(suggested);
    String intended = first(List.of(literal + "/x", literal, literal + "x" + suffix, literal + "/x" + suffix, literal + suffix),
        c -> written.matcher(c).find() && anchored.matcher(c).find());
    String surprise = first(
        List.of("/v2" + literal + "/x", "/v2" + literal, "/v2" + literal + "x", "/v2" + literal + "x" + suffix,
            "/v2" + literal + "/x" + suffix),
        c -> written.matcher(c).find() && !anchored.matcher(c).find());
    if (intended == null || surprise == null) {
      return null;
    }
    return new Suggestion(suggested, surprise, intended, false);
  }

  private static @Nullable Suggestion globSuggestion(String regex, Pattern written) {
    String body = withoutAnchors(regex);
    boolean subtree = body.endsWith("/*");
    String stem = subtree ? body.substring(0, body.length() - 2) : body;
    StringBuilder suggested = new StringBuilder("^");
    StringBuilder example = new StringBuilder();
    for (int i = 0; i < stem.length(); i++) {
      char c = stem.charAt(i);
      if (c == '*') {
        suggested.append("[^/]*");
        example.append('x');
      } else {
        if (REGEX_META.indexOf(c) >= 0) {
          suggested.append('\\');
        }
        suggested.append(c);
        example.append(c);
      }
    }
    if (subtree && stem.isEmpty()) {
      suggested.append('/');
    } else {
      suggested.append(subtree ? "(/|$)" : "$");
    }
    Pattern meant = Pattern.compile(suggested.toString());
    List<String> intendedCandidates = List.of(example + "/x", example.toString(), example + "/");
    String intended = first(intendedCandidates, c -> meant.matcher(c).find() && written.matcher(c).find());
    if (intended == null) {
      intended = first(intendedCandidates, c -> meant.matcher(c).find());
    }
    if (intended == null) {
      return null;
    }
    String before = body.substring(0, body.indexOf('*'));
    String prefix = before.endsWith("/") ? before.substring(0, before.length() - 1) : before;
    String starless = body.replace("*", "");
    List<String> candidates = new ArrayList<>(List.of(prefix + "ary", prefix + "-old/x", "/v2" + example + "/x", "/v2" + starless,
        starless + "x", "/v2" + prefix + "/x", starless));
    String surprise = first(candidates, c -> c.startsWith("/") && written.matcher(c).find() && !meant.matcher(c).find());
    boolean misses = !written.matcher(intended).find();
    if (surprise == null && !misses && !written.matcher("").find()) {
      return null; // nothing surprising to show, and it does not match every path
    }
    return new Suggestion(suggested.toString(), surprise, intended, true);
  }

  private static String withoutAnchors(String regex) {
    String body = regex.startsWith("^") ? regex.substring(1) : regex;
    return body.endsWith("$") && !body.endsWith("\\$") ? body.substring(0, body.length() - 1) : body;
  }

  private static @Nullable String first(List<String> candidates, java.util.function.Predicate<String> test) {
    for (String candidate : candidates) {
      if (test.test(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  /** The leading characters of a regex that match only themselves ({@code .} counted as itself). */
  static String literalPrefix(String regex) {
    StringBuilder literal = new StringBuilder();
    for (int i = 0; i < regex.length(); i++) {
      char c = regex.charAt(i);
      if (c == '\\' && i + 1 < regex.length() && !Character.isLetterOrDigit(regex.charAt(i + 1))) {
        literal.append(regex.charAt(++i));
        continue;
      }
      if ("\\^$*+?()[]{}|".indexOf(c) >= 0) {
        // a quantifier applies to the previous character, which then is not literal
        if ("*+?{".indexOf(c) >= 0 && literal.length() > 0) {
          literal.setLength(literal.length() - 1);
        }
        break;
      }
      literal.append(c);
    }
    return literal.toString();
  }

  /** The trailing characters of a regex (before a final {@code $}) that match only themselves. */
  static String literalSuffix(String regex) {
    String body = regex.endsWith("$") && !regex.endsWith("\\$") ? regex.substring(0, regex.length() - 1) : regex;
    StringBuilder reversed = new StringBuilder();
    int k = body.length() - 1;
    while (k >= 0) {
      char c = body.charAt(k);
      if (k > 0 && body.charAt(k - 1) == '\\' && !Character.isLetterOrDigit(c)) {
        reversed.append(c);
        k -= 2;
        continue;
      }
      if ("\\^$*+?()[]{}|".indexOf(c) >= 0) {
        break;
      }
      reversed.append(c);
      k--;
    }
    return reversed.reverse().toString();
  }
}
