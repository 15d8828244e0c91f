package io.github.tunneldiagnostics.api;

import io.github.tunneldiagnostics.api.internal.Redaction;

/**
 * A URL that {@code cloudflared tunnel ingress rule <URL>} refuses, with cloudflared's own message:
 * {@code <arg> is not a valid URL}, {@code <arg> doesn't have a hostname, consider adding a scheme}, or
 * {@code cloudflared tunnel rule expects a single argument, the URL to test} for an empty argument.
 * Thrown by {@link RouteUrl#parse(String)}.
 */
public final class InvalidRouteUrlException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String text;

  /**
   * An exception with cloudflared's message for the refused URL, under the redaction policy (a URL may
   * carry a password or a token).
   *
   * @param message cloudflared's message
   */
  public InvalidRouteUrlException(String message) {
    super(Redaction.redact(message));
    this.text = Redaction.redact(message);
  }

  /** cloudflared's message (redacted), never null. */
  @Override
  public String getMessage() {
    return text;
  }
}
