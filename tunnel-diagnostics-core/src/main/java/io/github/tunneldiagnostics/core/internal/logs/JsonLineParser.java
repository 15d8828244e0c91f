package io.github.tunneldiagnostics.core.internal.logs;

/**
 * Parses one JSON log line ({@code --output json}, {@code --logfile}): a flat object whose keys are in
 * any order. Nested objects and arrays are skipped. Never throws: a malformed line returns false.
 */
final class JsonLineParser {
  private final FieldValue value = new FieldValue();

  boolean parse(byte[] b, int start, int end, ParsedLine out) {
    int i = skipSpace(b, start, end);
    if (i >= end || b[i] != '{') {
      return false;
    }
    i++;
    boolean sawLevel = false;
    while (true) {
      i = skipSpace(b, i, end);
      if (i >= end) {
        return false;
      }
      if (b[i] == '}') {
        break;
      }
      if (b[i] == ',') {
        i++;
        continue;
      }
      if (b[i] != '"') {
        return false;
      }
      int keyStart = i + 1;
      int keyEnd = stringEnd(b, keyStart, end);
      if (keyEnd < 0) {
        return false;
      }
      i = skipSpace(b, keyEnd + 1, end);
      if (i >= end || b[i] != ':') {
        return false;
      }
      i = skipSpace(b, i + 1, end);
      if (i >= end) {
        return false;
      }
      byte c = b[i];
      if (c == '"') {
        int s = i + 1;
        int e = stringEnd(b, s, end);
        if (e < 0) {
          return false;
        }
        boolean escapes = false;
        for (int k = s; k < e; k++) {
          if (b[k] == '\\') {
            escapes = true;
            break;
          }
        }
        value.set(b, s, e, escapes);
        i = e + 1;
      } else if (c == '{' || c == '[') {
        i = skipNested(b, i, end);
        if (i < 0) {
          return false;
        }
        continue;
      } else {
        int s = i;
        while (i < end && b[i] != ',' && b[i] != '}' && b[i] != ' ') {
          i++;
        }
        value.set(b, s, i, false);
      }
      if (keyEnd - keyStart == 5 && ParsedLine.is(b, keyStart, "level")) {
        out.level = Level.ofJson(b, value.start, value.end);
        sawLevel = true;
      } else {
        out.field(b, keyStart, keyEnd, value);
      }
    }
    out.json = true;
    return sawLevel;
  }

  private static int skipSpace(byte[] b, int i, int end) {
    while (i < end && (b[i] == ' ' || b[i] == '\t')) {
      i++;
    }
    return i;
  }

  /** Index of the closing quote of a string starting at {@code s}, or -1. */
  private static int stringEnd(byte[] b, int s, int end) {
    for (int i = s; i < end; i++) {
      if (b[i] == '\\') {
        i++;
      } else if (b[i] == '"') {
        return i;
      }
    }
    return -1;
  }

  private static int skipNested(byte[] b, int i, int end) {
    int depth = 0;
    for (; i < end; i++) {
      byte c = b[i];
      if (c == '"') {
        i = stringEnd(b, i + 1, end);
        if (i < 0) {
          return -1;
        }
      } else if (c == '{' || c == '[') {
        depth++;
      } else if (c == '}' || c == ']') {
        depth--;
        if (depth == 0) {
          return i + 1;
        }
      }
    }
    return -1;
  }
}
