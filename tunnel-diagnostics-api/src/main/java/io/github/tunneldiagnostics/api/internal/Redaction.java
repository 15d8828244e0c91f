package io.github.tunneldiagnostics.api.internal;

import java.util.List;
import java.util.Locale;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one redaction policy of tunnel-diagnostics: every string that can reach a report, a log line or an
 * exception message goes through {@link #redact(String)} first. {@link
 * io.github.tunneldiagnostics.api.check.Finding} applies it to its subject, message, remediation and
 * evidence, and every report writer applies it to what it writes, so callers rarely need it themselves;
 * a new output (a report format, an API client's errors) calls it on every string it takes from outside.
 *
 * <p>What it hides, wherever it appears (log lines, Go's header dumps, JSON, YAML, flags, environment
 * assignments, URLs):
 *
 * <ul>
 *   <li>{@code Authorization} and {@code Proxy-Authorization} values (the scheme, {@code Bearer} or
 *       {@code Basic}, is kept), and any {@code Bearer <token>};
 *   <li>JSON Web Tokens and tunnel tokens (base64 of {@code {"a":…}}, starting {@code eyJ});
 *   <li>values of secret-named keys, flags and query parameters: {@code token=}, {@code --token},
 *       {@code TunnelSecret}, {@code CLOUDFLARE_API_TOKEN}, {@code X-Auth-Key}, {@code password},
 *       {@code api_key}, {@code access_token}, {@code client_secret}, {@code sig}, {@code signature}, cookies…
 *       (the path of a {@code *-file} or {@code *_path} key is kept: it is no secret, its contents are);
 *   <li>the user and password of a URL ({@code http://user:pass@proxy:3128} becomes
 *       {@code http://****@proxy:3128});
 *   <li>the body of every PEM block ({@code cert.pem}'s private key and {@code ARGO TUNNEL TOKEN}).
 * </ul>
 *
 * <p>Stateless and thread-safe.
 */
public final class Redaction {
  /** What replaces a secret. */
  public static final String MASK = "****";

  private static final Pattern PEM =
      Pattern.compile("-----BEGIN ([A-Z0-9 ]{1,40})-----(?:(?:\\s|\\\\[rn])*[A-Za-z0-9+/=]{16,})+(?:\\s|\\\\[rn])*(?:-----END \\1-----)?");
  private static final Pattern AUTHORIZATION =
      Pattern.compile(
          "(?i)((?:proxy-)?authorization\\\\?[\"']?\\s*[:=]\\s*\\[?\\\\?[\"']?(?:(?:bearer|basic|digest|token|negotiate)\\s+)?)([^\\s\"'\\\\\\],}&]+)");
  private static final Pattern SCHEME_CREDENTIALS = Pattern.compile("(?i)\\b(bearer|basic)(\\s+)([A-Za-z0-9._~+/=-]{8,})");
  private static final Pattern URL_USERINFO = Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]{0,15}://)[^/\\s@\"'<>\\\\]{1,256}@");
  private static final Pattern FLAG =
      Pattern.compile("(?i)(--(?:[a-z0-9]+-){0,4}(?:token|secret|password|credentials-contents|api-key|apikey)(?:-file)?)(=|\\s+)(\"?)([^\\s\"']+)");
  private static final Pattern KEYED =
      Pattern.compile(
          "(?i)(?<![A-Za-z0-9])("
              + "[A-Za-z0-9_.-]{0,40}?(?:token|secret|password|passwd|api[-_]?key|auth[-_]?key|access[-_]?key|private[-_]?key|credentials[-_]contents)"
              + "|pwd|sig|signature|cookie|set-cookie"
              + ")((?:[-_](?:file|path))?)(\\\\?\"?\\s*[:=]\\s*\\[?\\\\?\"?)(?=[^\\s\"'\\\\,;&\\]}]*[A-Za-z0-9])([^\\s\"'\\\\,;&\\]}]+)");
  /** A word of every key name {@link #KEYED} matches (password and passwd share "passw", every *key "key"). */
  private static final List<String> SECRET_WORDS = List.of("token", "secret", "passw", "key", "credentials", "pwd", "sig", "cookie");
  private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]*");
  private static final Pattern TOKEN_SHAPE = Pattern.compile("eyJ[A-Za-z0-9+/_=-]{16,}");

  private Redaction() {}

  /**
   * What a record's own {@code toString} would show ({@code Name[a=1, b=x]}), under the policy: the public
   * records override {@code toString} with this, so that no secret they carry shows in a log or a debugger.
   */
  public static String toString(Record record) {
    StringBuilder out = new StringBuilder(record.getClass().getSimpleName()).append('[');
    java.lang.reflect.RecordComponent[] components = record.getClass().getRecordComponents();
    for (int i = 0; i < components.length; i++) {
      Object value;
      try {
        value = components[i].getAccessor().invoke(record);
      } catch (ReflectiveOperationException | RuntimeException e) {
        value = "?";
      }
      out.append(i == 0 ? "" : ", ").append(components[i].getName()).append('=').append(value);
    }
    return redact(out.append(']').toString());
  }

  /** {@code text} with every secret the policy knows replaced by {@value #MASK}. */
  public static String redact(String text) {
    if (text.length() < 4) {
      return text;
    }
    String out = text;
    if (out.contains("-----BEGIN ")) {
      out = PEM.matcher(out).replaceAll(m -> Matcher.quoteReplacement("-----BEGIN " + m.group(1) + "----- " + MASK + " -----END " + m.group(1) + "-----"));
    }
    String lower = out.toLowerCase(Locale.ROOT);
    if (lower.contains("authorization")) {
      out = AUTHORIZATION.matcher(out).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK));
    }
    if (lower.contains("bearer") || lower.contains("basic")) {
      out = SCHEME_CREDENTIALS.matcher(out).replaceAll(Redaction::schemeCredentials);
    }
    if (out.contains("@") && out.contains("://")) {
      out = URL_USERINFO.matcher(out).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK + "@"));
    }
    if (out.contains("--")) {
      out = FLAG.matcher(out).replaceAll(Redaction::flag);
    }
    if ((out.indexOf('=') >= 0 || out.indexOf(':') >= 0) && mayNameASecret(lower)) {
      out = KEYED.matcher(out).replaceAll(Redaction::keyed);
    }
    if (out.contains("eyJ")) {
      out = JWT.matcher(out).replaceAll(MASK);
      out = TOKEN_SHAPE.matcher(out).replaceAll(MASK);
    }
    return out;
  }

  /**
   * False when no key {@link #KEYED} knows can occur in the text: each of its names contains one of these
   * words. Saves the regex on nearly every value a report holds (URLs, addresses, timings).
   */
  private static boolean mayNameASecret(String lower) {
    for (String word : SECRET_WORDS) {
      if (lower.contains(word)) {
        return true;
      }
    }
    return false;
  }

  private static String schemeCredentials(MatchResult m) {
    String value = m.group(3);
    boolean basic = m.group(1).equalsIgnoreCase("basic");
    if (value.equals(MASK) || (basic && !looksEncoded(value))) {
      return Matcher.quoteReplacement(m.group());
    }
    return Matcher.quoteReplacement(m.group(1) + m.group(2) + MASK);
  }

  /** Basic credentials are base64: digits, '+', '/' or '=' tell them apart from an English word. */
  private static boolean looksEncoded(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if ((c >= '0' && c <= '9') || c == '+' || c == '/' || c == '=') {
        return true;
      }
    }
    return false;
  }

  private static String flag(MatchResult m) {
    if (m.group(1).toLowerCase(Locale.ROOT).endsWith("-file")) {
      return Matcher.quoteReplacement(m.group());
    }
    return Matcher.quoteReplacement(m.group(1) + m.group(2) + m.group(3) + MASK);
  }

  private static String keyed(MatchResult m) {
    if (!m.group(2).isEmpty() || m.group(4).equals(MASK)) {
      return Matcher.quoteReplacement(m.group()); // a file's path is no secret; its contents would be
    }
    return Matcher.quoteReplacement(m.group(1) + m.group(3) + MASK);
  }
}
