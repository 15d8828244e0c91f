package io.github.tunneldiagnostics.core;

import io.github.tunneldiagnostics.api.internal.Redaction;

/**
 * A URL that {@code cloudflared tunnel ingress rule <URL>} refuses, with cloudflared's own message:
 * {@code <arg> is not a valid URL}, {@code <arg> doesn't have a hostname, consider adding a scheme}, or
 * {@code cloudflared tunnel rule expects a single argument, the URL to test} for an empty argument.
 */
public final class InvalidRequestUrlException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String text;

  /** An exception with cloudflared's message for the refused URL, under the redaction policy (a URL may carry a password or a token). */
  public InvalidRequestUrlException(String message) {
    super(Redaction.redact(message));
    this.text = Redaction.redact(message);
  }

  /** cloudflared's message (redacted), never null. */
  @Override
  public String getMessage() {
    return text;
  }
}
