package io.github.tunneldiagnostics.core.internal.logs;

/** Why a line of a log was not classified. Skipping is never fatal: the line is counted and reading goes on. */
public enum SkipReason {
  /** Longer than the line cap; discarded without being buffered whole. */
  TOO_LONG("tooLong"),
  /** Holds control bytes such as NUL: binary junk, not a log line. */
  BINARY("binary"),
  /** Not valid UTF-8. */
  INVALID_UTF8("invalidUtf8"),
  /** A journald or syslog line of another program ({@code nginx[12]: …}). */
  OTHER_PROGRAM("otherProgram"),
  /**
   * Text without the shape of a cloudflared line: another program's format, a fragment of a line, a
   * cloudflared line quoted inside another message.
   */
  NOT_CLOUDFLARED("notCloudflared");

  private final String key;

  SkipReason(String key) {
    this.key = key;
  }

  /** The name in reports ({@code LogReport.skipped}). */
  public String key() {
    return key;
  }
}
