package io.github.tunneldiagnostics.core.internal.report;

/**
 * Writes a Java string as a JSON string literal (RFC 8259): quotes, backslash and every control
 * character are escaped, and so are U+2028 and U+2029 (which JavaScript before ES2019 rejects in string
 * literals) and unpaired surrogates (which no UTF-8 encoder can write).
 */
final class JsonString {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private JsonString() {}

  /** The JSON literal of {@code value}, quotes included. */
  static String quote(String value) {
    StringBuilder out = new StringBuilder(value.length() + 2);
    appendQuoted(value, out);
    return out.toString();
  }

  /** Appends the JSON literal of {@code value}, quotes included. */
  static void appendQuoted(String value, StringBuilder out) {
    out.append('"');
    int length = value.length();
    for (int i = 0; i < length; i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case '\u2028', '\u2029' -> appendUnicodeEscape(c, out);
        default -> {
          if (c < 0x20 || c == 0x7f) {
            appendUnicodeEscape(c, out);
          } else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(value.charAt(i + 1))) {
            out.append(c).append(value.charAt(++i));
          } else if (Character.isSurrogate(c)) {
            appendUnicodeEscape(c, out);
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  private static void appendUnicodeEscape(char c, StringBuilder out) {
    out.append("\\u").append(HEX[(c >> 12) & 0xf]).append(HEX[(c >> 8) & 0xf]).append(HEX[(c >> 4) & 0xf]).append(HEX[c & 0xf]);
  }
}
