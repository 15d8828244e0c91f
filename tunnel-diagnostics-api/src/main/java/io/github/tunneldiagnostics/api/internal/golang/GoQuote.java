package io.github.tunneldiagnostics.api.internal.golang;

/**
 * Go's {@code strconv.Quote} ({@code %q}), which cloudflared's and Go's error messages use for values.
 * Internal to the core module (this package is not exported).
 */
public final class GoQuote {
  private GoQuote() {}

  /** Go's quoting of a string (runes). */
  public static String quote(String value) {
    StringBuilder out = new StringBuilder(value.length() + 2).append('"');
    value.codePoints()
        .forEach(
            cp -> {
              switch (cp) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case 0x07 -> out.append("\\a");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case 0x0B -> out.append("\\v");
                default -> {
                  if (cp < 0x20 || cp == 0x7F) {
                    out.append(String.format("\\x%02x", cp));
                  } else if (cp == 0xFFFD || !isPrintable(cp)) {
                    out.append(cp > 0xFFFF ? String.format("\\U%08x", cp) : String.format("\\u%04x", cp));
                  } else {
                    out.appendCodePoint(cp);
                  }
                }
              }
            });
    return out.append('"').toString();
  }

  private static boolean isPrintable(int cp) {
    int type = Character.getType(cp);
    return type != Character.CONTROL
        && type != Character.FORMAT
        && type != Character.UNASSIGNED
        && type != Character.SURROGATE
        && type != Character.PRIVATE_USE
        && type != Character.LINE_SEPARATOR
        && type != Character.PARAGRAPH_SEPARATOR
        && (type != Character.SPACE_SEPARATOR || cp == ' ');
  }

  /** Go's quoting of raw bytes, e.g. what an origin sent: bytes outside printable ASCII as {@code \\xNN}. */
  public static String quote(byte[] bytes) {
    StringBuilder out = new StringBuilder("\"");
    for (byte b : bytes) {
      int c = b & 0xff;
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case 0x07 -> out.append("\\a");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case 0x0B -> out.append("\\v");
        default -> {
          if (c >= 0x20 && c < 0x7f) {
            out.append((char) c);
          } else {
            out.append(String.format("\\x%02x", c));
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
