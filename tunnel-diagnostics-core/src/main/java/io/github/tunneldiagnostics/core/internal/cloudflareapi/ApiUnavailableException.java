package io.github.tunneldiagnostics.core.internal.cloudflareapi;

/** The API gave no usable answer: not reachable, too slow, too large, rate limited, or not JSON. Never holds the token. */
public final class ApiUnavailableException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why. */
  public enum Reason { UNREACHABLE, TIMEOUT, TOO_LARGE, RATE_LIMITED, NOT_JSON }

  private final Reason reason;
  private final String endpoint;

  ApiUnavailableException(Reason reason, String endpoint, String message) {
    super(message);
    this.reason = reason;
    this.endpoint = endpoint;
  }

  public Reason reason() {
    return reason;
  }

  public String endpoint() {
    return endpoint;
  }
}
