package io.github.tunneldiagnostics.core.logs;

import org.jspecify.annotations.Nullable;

/**
 * The parts of one log line the classifier uses. One instance is reused for every line of a file, so
 * nothing here may be kept after the line is handled (copy into an event instead).
 */
final class ParsedLine {
  Level level = Level.NONE;
  boolean json;
  /** Byte range of the whole line (after ANSI stripping) in {@link #buffer}. */
  byte[] buffer = new byte[0];
  int start;
  int end;
  int timeStart = -1;
  int timeEnd = -1;
  String message = "";
  @Nullable String error;
  @Nullable String originService;
  @Nullable String dest;
  @Nullable String destAddr;
  @Nullable String cfRay;
  @Nullable String version;
  int ingressRule = Integer.MIN_VALUE;
  int connIndex = -1;
  /** Console lines: where the fields start (parsed on demand). */
  int fieldsFrom;

  void reset(byte[] buf, int s, int e) {
    level = Level.NONE;
    json = false;
    buffer = buf;
    start = s;
    end = e;
    timeStart = -1;
    timeEnd = -1;
    message = "";
    error = null;
    originService = null;
    dest = null;
    destAddr = null;
    cfRay = null;
    version = null;
    ingressRule = Integer.MIN_VALUE;
    connIndex = -1;
    fieldsFrom = e;
  }

  boolean hasRule() {
    return ingressRule != Integer.MIN_VALUE;
  }

  /** Assigns a field the classifier uses; other keys are ignored. */
  void field(byte[] b, int keyStart, int keyEnd, FieldValue value) {
    int len = keyEnd - keyStart;
    switch (len) {
      case 4:
        if (is(b, keyStart, "dest")) {
          dest = value.string();
        } else if (is(b, keyStart, "time")) {
          timeStart = value.start;
          timeEnd = value.end;
        }
        break;
      case 5:
        if (is(b, keyStart, "error")) {
          error = value.string();
        } else if (is(b, keyStart, "cfRay")) {
          cfRay = value.string();
        }
        break;
      case 7:
        if (is(b, keyStart, "message")) {
          message = value.string();
        } else if (is(b, keyStart, "version")) {
          version = value.string();
        }
        break;
      case 8:
        if (is(b, keyStart, "destAddr")) {
          destAddr = value.string();
        }
        break;
      case 9:
        if (is(b, keyStart, "connIndex")) {
          connIndex = value.intValue(-1);
        }
        break;
      case 11:
        if (is(b, keyStart, "ingressRule")) {
          ingressRule = value.intValue(Integer.MIN_VALUE);
        }
        break;
      case 13:
        if (is(b, keyStart, "originService")) {
          originService = value.string();
        }
        break;
      default:
        break;
    }
  }

  static boolean is(byte[] b, int at, String ascii) {
    for (int i = 0; i < ascii.length(); i++) {
      if (b[at + i] != ascii.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** The raw timestamp text, or empty. */
  String time() {
    return timeStart < 0 ? "" : new String(buffer, timeStart, timeEnd - timeStart, java.nio.charset.StandardCharsets.US_ASCII);
  }

  /** The whole line as text. */
  String text() {
    return new String(buffer, start, end - start, java.nio.charset.StandardCharsets.UTF_8);
  }
}
