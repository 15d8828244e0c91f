package io.github.tunneldiagnostics.core.internal.logs;

import java.nio.charset.StandardCharsets;

/**
 * Docker's {@code json-file} log driver, as found in {@code /var/lib/docker/containers/<id>/<id>-json.log}:
 * one JSON object per line, {@code {"log":"<the line, JSON-escaped>\n","stream":"stderr","time":"…"}}.
 * {@link #unwrap} takes the line out (unescaped, without its newline) into a buffer of its own, so that it
 * is then read like any other line. Docker splits a line longer than 16 KiB over several entries; only the
 * last ends with a newline, the others are read as they are (their continuations have no time, so they
 * are skipped as fragments). One instance per reader; not thread-safe.
 */
final class DockerJsonLine {
  private static final byte[] PREFIX = "{\"log\":\"".getBytes(StandardCharsets.US_ASCII);

  /** The unescaped line after {@link #unwrap}: {@code line[0, length)}. */
  byte[] line = new byte[4096];

  int length;

  /** The line holds an ANSI escape (ESC), after unescaping. */
  boolean escape;

  /** The line holds a control byte other than tab and ESC (binary junk), after unescaping. */
  boolean control;

  /** Whether {@code b[s, e)} starts like a json-file entry: decided by its first bytes. */
  static boolean looksLikeOne(byte[] b, int s, int e) {
    return e - s > PREFIX.length && b[s + 2] == 'l' && ParsedLine.is(b, s, PREFIX);
  }

  /**
   * Takes the logged line out of the json-file entry {@code b[s, e)}. Returns false when the entry is not
   * well formed (no closing quote, a bad escape, no closing brace): it is then no json-file entry.
   */
  boolean unwrap(byte[] b, int s, int e) {
    if (line.length < e - s) {
      line = new byte[e - s]; // unescaping never makes a line longer
    }
    escape = false;
    control = false;
    byte[] out = line;
    int o = 0;
    int i = s + PREFIX.length;
    while (true) {
      if (i >= e) {
        return false;
      }
      byte c = b[i];
      if (c == '"') {
        break;
      }
      if (c != '\\') {
        out[o++] = c;
        i++;
        continue;
      }
      if (i + 1 >= e) {
        return false;
      }
      byte n = b[i + 1];
      i += 2;
      switch (n) {
        case '"', '\\', '/' -> out[o++] = n;
        case 'n' -> out[o++] = '\n';
        case 't' -> out[o++] = '\t';
        case 'r' -> out[o++] = '\r';
        case 'b' -> out[o++] = 8;
        case 'f' -> out[o++] = 12;
        case 'u' -> {
          int cp = hex4(b, i, e);
          if (cp < 0) {
            return false;
          }
          i += 4;
          if (cp >= 0xD800 && cp <= 0xDBFF && i + 6 <= e && b[i] == '\\' && b[i + 1] == 'u') {
            int low = hex4(b, i + 2, e);
            if (low >= 0xDC00 && low <= 0xDFFF) {
              cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
              i += 6;
            }
          }
          if (cp >= 0xD800 && cp <= 0xDFFF) {
            cp = 0xFFFD; // a lone surrogate
          }
          o = utf8(cp, out, o);
        }
        default -> {
          return false;
        }
      }
    }
    if (b[e - 1] != '}') {
      return false;
    }
    if (o > 0 && out[o - 1] == '\n') {
      o--;
    }
    if (o > 0 && out[o - 1] == '\r') {
      o--;
    }
    for (int k = 0; k < o; k++) {
      byte c = out[k];
      if (c >= 0 && c < 0x20 && c != '\t') {
        if (c == 27) {
          escape = true;
        } else {
          control = true;
        }
      }
    }
    length = o;
    return true;
  }

  private static int hex4(byte[] b, int i, int e) {
    if (i + 4 > e) {
      return -1;
    }
    int v = 0;
    for (int k = i; k < i + 4; k++) {
      int d = Character.digit(b[k], 16);
      if (d < 0) {
        return -1;
      }
      v = v << 4 | d;
    }
    return v;
  }

  private static int utf8(int cp, byte[] out, int o) {
    if (cp < 0x80) {
      out[o++] = (byte) cp;
    } else if (cp < 0x800) {
      out[o++] = (byte) (0xC0 | (cp >> 6));
      out[o++] = (byte) (0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      out[o++] = (byte) (0xE0 | (cp >> 12));
      out[o++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
      out[o++] = (byte) (0x80 | (cp & 0x3F));
    } else {
      out[o++] = (byte) (0xF0 | (cp >> 18));
      out[o++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
      out[o++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
      out[o++] = (byte) (0x80 | (cp & 0x3F));
    }
    return o;
  }
}
