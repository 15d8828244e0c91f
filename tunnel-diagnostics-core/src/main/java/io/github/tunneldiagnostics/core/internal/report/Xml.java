package io.github.tunneldiagnostics.core.internal.report;

import io.github.tunneldiagnostics.api.internal.Redaction;

/** Redacts, then escapes text for XML 1.0 and HTML: markup characters become references; characters XML forbids become U+FFFD. */
final class Xml {
  private Xml() {}

  /** Text content: {@code &}, {@code <} and {@code >} escaped. */
  static String text(String value) {
    return escape(value, false);
  }

  /** An attribute value in double or single quotes; line breaks kept as references. */
  static String attribute(String value) {
    return escape(value, true);
  }

  /** Escapes {@code raw} after the redaction policy: nothing that reaches HTML or JUnit XML shows a secret. */
  private static String escape(String raw, boolean attribute) {
    String value = Redaction.redact(raw);
    StringBuilder out = new StringBuilder(value.length() + 16);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append(attribute ? "&quot;" : "\"");
        case '\'' -> out.append(attribute ? "&#39;" : "'");
        case '\n' -> out.append(attribute ? "&#10;" : "\n");
        case '\r' -> out.append(attribute ? "&#13;" : "\r");
        case '\t' -> out.append(attribute ? "&#9;" : "\t");
        default -> {
          if (c < 0x20 || c == 0xFFFE || c == 0xFFFF) {
            out.append('\uFFFD');
          } else if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
            out.append(c).append(value.charAt(++i));
          } else if (Character.isSurrogate(c)) {
            out.append('\uFFFD');
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }
}
