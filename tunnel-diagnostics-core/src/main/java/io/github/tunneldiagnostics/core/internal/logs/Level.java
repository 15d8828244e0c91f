package io.github.tunneldiagnostics.core.internal.logs;

/** zerolog's levels, as cloudflared writes them (console abbreviation and JSON name). */
enum Level {
  TRACE,
  DEBUG,
  INFO,
  WARN,
  ERROR,
  FATAL,
  PANIC,
  /** A line without a level, e.g. an error cloudflared prints bare before exiting. */
  NONE;

  boolean isProblem() {
    return this == WARN || this == ERROR || this == FATAL || this == PANIC;
  }

  static Level ofConsole(byte a, byte b, byte c) {
    switch (a) {
      case 'E':
        return b == 'R' && c == 'R' ? ERROR : NONE;
      case 'I':
        return b == 'N' && c == 'F' ? INFO : NONE;
      case 'W':
        return b == 'R' && c == 'N' ? WARN : NONE;
      case 'D':
        return b == 'B' && c == 'G' ? DEBUG : NONE;
      case 'T':
        return b == 'R' && c == 'C' ? TRACE : NONE;
      case 'F':
        return b == 'T' && c == 'L' ? FATAL : NONE;
      case 'P':
        return b == 'N' && c == 'C' ? PANIC : NONE;
      default:
        return NONE;
    }
  }

  static Level ofJson(byte[] buf, int start, int end) {
    int len = end - start;
    if (len < 4) {
      return NONE;
    }
    switch (buf[start]) {
      case 'e':
        return len == 5 ? ERROR : NONE;
      case 'i':
        return len == 4 ? INFO : NONE;
      case 'w':
        return len == 4 || len == 7 ? WARN : NONE;
      case 'd':
        return len == 5 ? DEBUG : NONE;
      case 't':
        return len == 5 ? TRACE : NONE;
      case 'f':
        return len == 5 ? FATAL : NONE;
      case 'p':
        return len == 5 ? PANIC : NONE;
      default:
        return NONE;
    }
  }
}
