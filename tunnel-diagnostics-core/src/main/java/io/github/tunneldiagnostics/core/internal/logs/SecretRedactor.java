package io.github.tunneldiagnostics.core.internal.logs;

import java.util.regex.Pattern;

/**
 * Removes secrets from log text before it is shown: token and secret values in flags, settings dumps,
 * JSON and environment assignments, and anything shaped like a tunnel token (base64 of {@code {"a":...}}).
 */
final class SecretRedactor {
  private static final String MASK = "****";
  private static final Pattern KEYED =
      Pattern.compile(
          "(?i)((?:--)?(?:tunnel[-_]?)?(?:token|secret|tunnelsecret|credentials-contents|password|api[-_]?key)(?:[-_]file)?\"?\\s*[:=]\\s*\"?|--(?:token|credentials-contents)\\s+)([^\\s\",\\]}]+)");
  private static final Pattern TOKEN_SHAPE = Pattern.compile("eyJ[A-Za-z0-9+/_=-]{16,}");

  private SecretRedactor() {}

  static String redact(String text) {
    String out = text;
    if (out.indexOf('=') >= 0 || out.indexOf(':') >= 0 || out.contains("--")) {
      out = KEYED.matcher(out).replaceAll(m -> java.util.regex.Matcher.quoteReplacement(keepFilePaths(m.group(1), m.group(2))));
    }
    if (out.contains("eyJ")) {
      out = TOKEN_SHAPE.matcher(out).replaceAll(MASK);
    }
    return out;
  }

  /** A {@code --token-file} path is no secret; its contents would be. */
  private static String keepFilePaths(String key, String value) {
    return key.toLowerCase(java.util.Locale.ROOT).contains("file") ? key + value : key + MASK;
  }
}
