package io.github.tunneldiagnostics.core.internal.logs;

import java.nio.charset.StandardCharsets;

/**
 * A value in a log line, as a byte range that is decoded only when asked for: the content between the
 * quotes of a quoted value (Go {@code strconv.Quote} in console lines, a JSON string in JSON lines), or
 * the bare token otherwise.
 */
final class FieldValue {
  byte[] buffer = new byte[0];
  int start;
  int end;
  boolean escaped;

  void set(byte[] b, int s, int e, boolean hasEscapes) {
    buffer = b;
    start = s;
    end = e;
    escaped = hasEscapes;
  }

  String string() {
    if (!escaped) {
      return new String(buffer, start, end - start, StandardCharsets.UTF_8);
    }
    return unescape(buffer, start, end);
  }

  int intValue(int fallback) {
    int i = start;
    boolean negative = false;
    if (i < end && buffer[i] == '-') {
      negative = true;
      i++;
    }
    if (i == end || end - i > 9) {
      return fallback;
    }
    int v = 0;
    for (; i < end; i++) {
      int d = buffer[i] - '0';
      if (d < 0 || d > 9) {
        return fallback;
      }
      v = v * 10 + d;
    }
    return negative ? -v : v;
  }

  /** Undoes Go's and JSON's backslash escapes (the two share everything the logs use). */
  static String unescape(byte[] b, int s, int e) {
    StringBuilder out = new StringBuilder(e - s);
    int runStart = s;
    int i = s;
    while (i < e) {
      if (b[i] != '\\' || i + 1 >= e) {
        i++;
        continue;
      }
      if (i > runStart) {
        out.append(new String(b, runStart, i - runStart, StandardCharsets.UTF_8));
      }
      byte c = b[i + 1];
      int next = i + 2;
      switch (c) {
        case 'n':
          out.append('\n');
          break;
        case 't':
          out.append('\t');
          break;
        case 'r':
          out.append('\r');
          break;
        case 'b':
          out.append('\b');
          break;
        case 'f':
          out.append('\f');
          break;
        case 'a':
          out.append('\u0007');
          break;
        case 'v':
          out.append('\u000b');
          break;
        case 'x':
          next = appendHex(out, b, i + 2, 2, e);
          break;
        case 'u':
          next = appendHex(out, b, i + 2, 4, e);
          break;
        case 'U':
          next = appendHex(out, b, i + 2, 8, e);
          break;
        default:
          out.append((char) (c & 0xFF)); // \" \\ \/ and anything unknown: the character itself
          break;
      }
      i = next;
      runStart = next;
    }
    if (e > runStart) {
      out.append(new String(b, runStart, e - runStart, StandardCharsets.UTF_8));
    }
    return out.toString();
  }

  private static int appendHex(StringBuilder out, byte[] b, int from, int digits, int e) {
    if (from + digits > e) {
      out.append(new String(b, from - 2, e - from + 2, StandardCharsets.UTF_8));
      return e;
    }
    int v = 0;
    for (int k = 0; k < digits; k++) {
      int d = Character.digit(b[from + k], 16);
      if (d < 0) {
        out.append((char) b[from - 1]);
        return from;
      }
      v = v * 16 + d;
    }
    out.appendCodePoint(Character.isValidCodePoint(v) ? v : 0xFFFD);
    return from + digits;
  }
}
