package io.github.tunneldiagnostics.core.internal.logs;

/**
 * Parses zerolog console lines as cloudflared writes them: {@code <RFC3339 time> <LVL> <message>
 * key=value key="Go-quoted value" ...}. The timestamp may come after a prefix (journald's {@code Nov 25
 * 12:00:00 host cloudflared[42]: }, docker's {@code --timestamps}); ANSI colours are removed beforehand.
 */
final class ConsoleLineParser {
  private static final java.lang.invoke.VarHandle LONGS =
      java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
  private static final int PREFIX_SEARCH = 200;

  private final FieldValue value = new FieldValue();

  /** Returns false when the line is no console log line (no timestamp followed by a level). */
  boolean parse(byte[] b, int start, int end, ParsedLine out) {
    int ts = findTimestamp(b, start, end);
    if (ts < 0) {
      return false;
    }
    int sp = ts + 10;
    int limit = Math.min(end, ts + 48);
    while (sp < limit && b[sp] != ' ') {
      sp++;
    }
    if (sp + 4 > end || (sp + 4 < end && b[sp + 4] != ' ')) {
      return false;
    }
    Level level = Level.ofConsole(b[sp + 1], b[sp + 2], b[sp + 3]);
    if (level == Level.NONE) {
      return false;
    }
    out.level = level;
    out.timeStart = ts;
    out.timeEnd = sp;
    out.messageStart = Math.min(sp + 5, end);
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

  /** Start of {@code dddd-dd-ddT} at the line start or within a short prefix, or -1. */
  static int findTimestamp(byte[] b, int start, int end) {
    if (isTimestampAt(b, start, end)) {
      return start;
    }
    int limit = Math.min(end - 11, start + PREFIX_SEARCH);
    for (int i = start + 1; i < limit; i++) {
      if (b[i - 1] == ' ' && isTimestampAt(b, i, end)) {
        return i;
      }
    }
    return -1;
  }

  private static boolean isTimestampAt(byte[] b, int i, int end) {
    return i + 11 <= end
        && digit(b[i]) && digit(b[i + 1]) && digit(b[i + 2]) && digit(b[i + 3])
        && b[i + 4] == '-' && digit(b[i + 5]) && digit(b[i + 6])
        && b[i + 7] == '-' && digit(b[i + 8]) && digit(b[i + 9])
        && b[i + 10] == 'T';
  }

  private static boolean digit(byte c) {
    return c >= '0' && c <= '9';
  }
}
