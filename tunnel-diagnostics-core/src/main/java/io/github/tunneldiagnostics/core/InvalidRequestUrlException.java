package io.github.tunneldiagnostics.core;

/**
 * A URL that {@code cloudflared tunnel ingress rule <URL>} refuses, with cloudflared's own message:
 * {@code <arg> is not a valid URL}, {@code <arg> doesn't have a hostname, consider adding a scheme}, or
 * {@code cloudflared tunnel rule expects a single argument, the URL to test} for an empty argument.
 */
public final class InvalidRequestUrlException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String text;

  /** An exception with cloudflared's message for the refused URL. */
  public InvalidRequestUrlException(String message) {
    super(message);
    this.text = message;
  }

  /** cloudflared's message, never null. */
  @Override
  public String getMessage() {
    return text;
  }
}
