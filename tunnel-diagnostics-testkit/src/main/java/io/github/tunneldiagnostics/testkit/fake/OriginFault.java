package io.github.tunneldiagnostics.testkit.fake;

/** How a {@link FakeOrigin} misbehaves. */
public enum OriginFault {
  /** Answers normally. */
  NONE,
  /** Resets the connection (cloudflared logs {@code connection reset by peer}). */
  CONNECTION_RESET,
  /** Closes the connection without answering (cloudflared logs {@code EOF}). */
  EMPTY_RESPONSE,
  /** Sends random bytes, then closes. */
  RANDOM_DATA_THEN_CLOSE,
  /** Sends a valid status line, then a malformed chunked body. */
  MALFORMED_RESPONSE_CHUNK
}
