package io.github.tunneldiagnostics.core.internal.probe;

import io.github.tunneldiagnostics.api.internal.golang.GoQuote;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** What came back for one probe request. */
sealed interface HttpOutcome {

  /**
   * A status line and headers.
   *
   * @param version e.g. {@code HTTP/1.1}
   * @param status the status code
   * @param reason the reason phrase
   * @param headers header names lower-cased, first value kept
   * @param bodyPrefix the first bytes of the body, as ISO-8859-1 text, bounded
   * @param firstByte time from the request being written to the first response byte
   */
  record Response(String version, int status, String reason, Map<String, String> headers, String bodyPrefix, Duration firstByte)
      implements HttpOutcome {
    Optional<String> header(String name) {
      return Optional.ofNullable(headers.get(name.toLowerCase(java.util.Locale.ROOT)));
    }

    String statusLine() {
      return version + " " + status + (reason.isEmpty() ? "" : " " + reason);
    }
  }

  /**
   * No response: the origin closed (EOF), reset the connection, or sent nothing before the deadline.
   *
   * @param kind which
   * @param received bytes received before that, possibly none
   * @param waited how long the probe waited
   */
  record NoResponse(Kind kind, String received, Duration waited) implements HttpOutcome {
    enum Kind {
      CLOSED,
      RESET,
      TIMEOUT
    }
  }

  /**
   * Bytes that are not an HTTP/1.x response.
   *
   * @param firstBytes the first bytes received
   * @param looksLikeTls true when they start like a TLS record (handshake or alert)
   */
  @SuppressWarnings("ArrayRecordComponent") // never compared; read once to render evidence
  record Malformed(byte[] firstBytes, boolean looksLikeTls) implements HttpOutcome {
    /** The bytes as Go's {@code %q} would quote them. */
    String quoted() {
      return GoQuote.quote(firstBytes);
    }
  }
}
