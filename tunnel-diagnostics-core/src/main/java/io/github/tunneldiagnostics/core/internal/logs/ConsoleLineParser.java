package io.github.tunneldiagnostics.core.internal.logs;

/**
 * Parses zerolog console lines as cloudflared writes them: {@code <RFC3339 time> <LVL> <message>
 * key=value key="Go-quoted value" ...}. Wrappers ({@link LineShape}) and ANSI colours are removed beforehand.
 */
final class ConsoleLineParser {
  private static final java.lang.invoke.VarHandle LONGS =
      java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

  private final FieldValue value = new FieldValue();

  /** Returns false when the line is no console log line: an RFC 3339 time exactly at {@code start}, then a level. */
  boolean parse(byte[] b, int start, int end, ParsedLine out) {
    int t = LineShape.timestampEnd(b, start, end);
    if (t < 0 || t + 4 > end || b[t] != ' ' || (t + 4 < end && b[t + 4] != ' ')) {
      return false;
    }
    Level level = Level.ofConsole(b[t + 1], b[t + 2], b[t + 3]);
    if (level == Level.NONE) {
      return false;
    }
    out.level = level;
    out.timeStart = start;
    out.timeEnd = t;
    out.messageStart = Math.min(t + 5, end);
    return true;
  }

  /** Parses the {@code key=value} fields that follow the message. */
  void parseFields(byte[] b, int from, int end, ParsedLine out) {
    int i = from;
    while (i < end) {
      while (i < end && b[i] == ' ') {
        i++;
      }
      int keyStart = i;
      while (i < end && b[i] != '=' && b[i] != ' ') {
        i++;
      }
      if (i >= end || b[i] != '=') {
        continue; // a stray word: skip it
      }
      int keyEnd = i;
      i++;
      if (i < end && b[i] == '"') {
        int s = i + 1;
        int j = s;
        boolean escapes = false;
        while (j < end) {
          while (j + 8 <= end && !hasQuoteOrBackslash((long) LONGS.get(b, j))) {
            j += 8;
          }
          if (j >= end || b[j] == '"') {
            break;
          }
          if (b[j] == '\\') {
            escapes = true;
            j++;
          }
          j++;
        }
        int e = Math.min(j, end);
        value.set(b, s, e, escapes);
        i = Math.min(j + 1, end);
      } else {
        int s = i;
        while (i < end && b[i] != ' ') {
          i++;
        }
        value.set(b, s, i, false);
      }
      out.field(b, keyStart, keyEnd, value);
    }
  }

  private static boolean hasQuoteOrBackslash(long x) {
    long q = x ^ 0x2222222222222222L;
    long bs = x ^ 0x5C5C5C5C5C5C5C5CL;
    return ((((q - 0x0101010101010101L) & ~q) | ((bs - 0x0101010101010101L) & ~bs)) & 0x8080808080808080L) != 0;
  }

  /** Index of the first {@code key=} after a space, or {@code end} when the line has no fields. */
  static int findFieldStart(byte[] b, int from, int end) {
    for (int i = from; i < end; i++) {
      if (b[i] != ' ') {
        continue;
      }
      int j = i + 1;
      while (j < end && isKeyChar(b[j])) {
        j++;
      }
      if (j > i + 1 && j < end && b[j] == '=') {
        return i + 1;
      }
    }
    return end;
  }

  private static boolean isKeyChar(byte c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.';
  }
}
