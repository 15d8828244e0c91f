package io.github.tunneldiagnostics.doctor;

import io.github.tunneldiagnostics.api.Verdict;

/** The doctor's exit codes (cli-and-report.md). */
final class ExitCode {
  /** Verdict HEALTHY, or DEGRADED without {@code --strict}. */
  static final int OK = 0;
  /** Verdict BROKEN, or DEGRADED with {@code --strict}. */
  static final int BROKEN = 1;
  /** A usage error, or a file that could not be read at all. */
  static final int USAGE = 2;
  /** A bug in the doctor. */
  static final int INTERNAL_ERROR = 3;

  private ExitCode() {}

  static int of(Verdict verdict, boolean strict) {
    return switch (verdict) {
      case HEALTHY -> OK;
      case DEGRADED -> strict ? BROKEN : OK;
      case BROKEN -> BROKEN;
    };
  }
}
