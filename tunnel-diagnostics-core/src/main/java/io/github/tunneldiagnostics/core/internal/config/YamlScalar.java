package io.github.tunneldiagnostics.core.internal.config;

import java.math.BigInteger;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * A scalar resolved the way yaml.v3 ({@code resolve.go}) resolves it: plain scalars can be null, bool
 * (YAML 1.2 core forms only), int (Go {@code strconv.ParseInt} base 0, underscores ignored), float or
 * timestamp; quoted and block scalars are always strings.
 *
 * @param tag yaml.v3's short tag: {@code !!null}, {@code !!bool}, {@code !!int}, {@code !!float},
 *     {@code !!timestamp} or {@code !!str}
 * @param value {@link Boolean}, {@link BigInteger}, {@link Double} or {@link String}; null for {@code !!null}
 * @param text the scalar's text as written (without quotes)
 */
record YamlScalar(String tag, @Nullable Object value, String text) {
  static final String NULL = "!!null";
  static final String BOOL = "!!bool";
  static final String INT = "!!int";
  static final String FLOAT = "!!float";
  static final String TIMESTAMP = "!!timestamp";
  static final String STR = "!!str";

  private static final Set<String> NULLS = Set.of("", "~", "null", "Null", "NULL");
  private static final Set<String> TRUES = Set.of("true", "True", "TRUE");
  private static final Set<String> FALSES = Set.of("false", "False", "FALSE");
  private static final Set<String> OLD_TRUES = Set.of("y", "Y", "yes", "Yes", "YES", "on", "On", "ON");
  private static final Set<String> OLD_FALSES = Set.of("n", "N", "no", "No", "NO", "off", "Off", "OFF");
  private static final Pattern YAML_FLOAT = Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");
  private static final Pattern TIMESTAMP_FORM =
      Pattern.compile("[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt ][0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}.*)?");
  private static final BigInteger INT64_MAX = BigInteger.valueOf(Long.MAX_VALUE);
  private static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

  static YamlScalar of(ScalarNode node) {
    String text = node.getValue();
    if (node.getScalarStyle() != ScalarStyle.PLAIN) {
      return new YamlScalar(STR, text, text);
    }
    return resolve(text);
  }

  static YamlScalar resolve(String text) {
    if (NULLS.contains(text)) {
      return new YamlScalar(NULL, null, text);
    }
    if (TRUES.contains(text)) {
      return new YamlScalar(BOOL, true, text);
    }
    if (FALSES.contains(text)) {
      return new YamlScalar(BOOL, false, text);
    }
    if (text.equals(".nan") || text.equals(".NaN") || text.equals(".NAN")) {
      return new YamlScalar(FLOAT, Double.NaN, text);
    }
    String inf = text.startsWith("+") || text.startsWith("-") ? text.substring(1) : text;
    if (inf.equals(".inf") || inf.equals(".Inf") || inf.equals(".INF")) {
      return new YamlScalar(FLOAT, text.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY, text);
    }
    char first = text.charAt(0);
    if ((first >= '0' && first <= '9') || first == '-' || first == '+' || first == '.') {
      if (first >= '0' && first <= '9' && TIMESTAMP_FORM.matcher(text).matches()) {
        return new YamlScalar(TIMESTAMP, text, text);
      }
      String plain = text.replace("_", "");
      BigInteger integer = goParseInt(plain);
      if (integer != null) {
        return new YamlScalar(INT, integer, text);
      }
      if (YAML_FLOAT.matcher(plain).matches()) {
        try {
          return new YamlScalar(FLOAT, Double.parseDouble(plain), text);
        } catch (NumberFormatException e) {
          // not a float after all
        }
      }
    }
    return new YamlScalar(STR, text, text);
  }

  /** Go's {@code strconv.ParseInt(s, 0, 64)}, falling back to {@code ParseUint}; null when neither parses. */
  private static @Nullable BigInteger goParseInt(String s) {
    String body = s;
    boolean negative = false;
    if (body.startsWith("+") || body.startsWith("-")) {
      negative = body.startsWith("-");
      body = body.substring(1);
    }
    if (body.isEmpty()) {
      return null;
    }
    int radix = 10;
    String digits = body;
    String lower = body.toLowerCase(java.util.Locale.ROOT);
    if (lower.startsWith("0x")) {
      radix = 16;
      digits = body.substring(2);
    } else if (lower.startsWith("0o")) {
      radix = 8;
      digits = body.substring(2);
    } else if (lower.startsWith("0b")) {
      radix = 2;
      digits = body.substring(2);
    } else if (body.length() > 1 && body.charAt(0) == '0') {
      radix = 8;
      digits = body.substring(1);
    }
    if (digits.isEmpty()) {
      return null;
    }
    for (int i = 0; i < digits.length(); i++) {
      if (Character.digit(digits.charAt(i), radix) < 0 || digits.charAt(i) > 0x7F) {
        return null;
      }
    }
    BigInteger value = new BigInteger(digits, radix);
    if (negative) {
      value = value.negate();
      return value.compareTo(INT64_MAX.negate().subtract(BigInteger.ONE)) >= 0 ? value : null;
    }
    return value.compareTo(UINT64_MAX) <= 0 ? value : null;
  }

  /** yaml.v3's YAML 1.1 compatibility for bool targets: {@code yes}, {@code on}, {@code y}... even quoted. */
  @Nullable Boolean asBool() {
    if (value instanceof Boolean b) {
      return b;
    }
    if (value instanceof String s) {
      if (OLD_TRUES.contains(s)) {
        return Boolean.TRUE;
      }
      if (OLD_FALSES.contains(s)) {
        return Boolean.FALSE;
      }
    }
    return null;
  }

  boolean isNull() {
    return tag.equals(NULL);
  }
}
