package io.github.tunneldiagnostics.doctor;

/**
 * A problem with what the user asked for: a file that cannot be read or written, a URL cloudflared
 * refuses. The doctor prints the message on stderr and exits with 2; never a stack trace.
 */
final class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  UsageException(String message) {
    super(message, null, false, false);
  }
}
