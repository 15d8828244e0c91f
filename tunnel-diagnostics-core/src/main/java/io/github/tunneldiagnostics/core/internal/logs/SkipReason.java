package io.github.tunneldiagnostics.core.internal.logs;

/** Why a line of a log was not classified. Skipping is never fatal: the line is counted and reading goes on. */
public enum SkipReason {
  /** Longer than the line cap; discarded without being buffered whole. */
  TOO_LONG,
  /** Holds control bytes such as NUL: binary junk, not a log line. */
  BINARY,
  /** Not valid UTF-8. */
  INVALID_UTF8,
  /** Text, but neither a console nor a JSON log line of cloudflared, nor a known bare message. */
  NOT_A_LOG_LINE
}
