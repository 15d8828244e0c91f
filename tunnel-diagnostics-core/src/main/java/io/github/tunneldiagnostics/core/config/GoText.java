package io.github.tunneldiagnostics.core.config;

/** Go's {@code strconv.Quote}, which Go error messages use for values. */
final class GoText {
  private GoText() {}

  static String quote(String value) {
    StringBuilder out = new StringBuilder(value.length() + 2).append('"');
    value
        .codePoints()
        .forEach(
            cp -> {
              switch (cp) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                  if (cp < 0x20 || cp == 0x7F) {
                    out.append(String.format("\\x%02x", cp));
                  } else if (Character.getType(cp) == Character.UNASSIGNED
                      || Character.getType(cp) == Character.CONTROL
                      || Character.getType(cp) == Character.FORMAT
                      || cp == 0xFFFD) {
                    out.append(cp > 0xFFFF ? String.format("\\U%08x", cp) : String.format("\\u%04x", cp));
                  } else {
                    out.appendCodePoint(cp);
                  }
                }
              }
            });
    return out.append('"').toString();
  }
}
