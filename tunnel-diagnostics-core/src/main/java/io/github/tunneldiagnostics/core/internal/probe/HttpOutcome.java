package io.github.tunneldiagnostics.core.internal.probe;

import io.github.tunneldiagnostics.api.internal.golang.GoQuote;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What came back for one probe request. */
@SuppressWarnings("SameNameButDifferent") // NoResponse.Kind and Malformed.Kind, always read qualified outside
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
   * @param firstBytes the first bytes received, at most {@link HttpExchange#MALFORMED_EVIDENCE}
   * @param kind what they look like
   * @param frames for HTTP/2, the frames read, e.g. {@code SETTINGS, GOAWAY (PROTOCOL_ERROR)}; else empty
   */
  @SuppressWarnings("ArrayRecordComponent") // never compared; read once to render evidence
  record Malformed(byte[] firstBytes, Kind kind, String frames) implements HttpOutcome {
    /** What non-HTTP bytes look like. */
    enum Kind {
      /** A TLS record (handshake or alert): a TLS port. */
      TLS,
      /** HTTP/2 frames or the HTTP/2 preface: cleartext HTTP/2 only (h2c with prior knowledge). */
      HTTP2,
      /** Anything else: another protocol, or garbage. */
      OTHER
    }

    private static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
    private static final String[] FRAME_TYPES = {"DATA", "HEADERS", "PRIORITY", "RST_STREAM", "SETTINGS", "PUSH_PROMISE", "PING", "GOAWAY", "WINDOW_UPDATE", "CONTINUATION"};
    private static final String[] ERROR_CODES = {"NO_ERROR", "PROTOCOL_ERROR", "INTERNAL_ERROR", "FLOW_CONTROL_ERROR", "SETTINGS_TIMEOUT", "STREAM_CLOSED",
        "FRAME_SIZE_ERROR", "REFUSED_STREAM", "CANCEL", "COMPRESSION_ERROR", "CONNECT_ERROR", "ENHANCE_YOUR_CALM", "INADEQUATE_SECURITY", "HTTP_1_1_REQUIRED"};

    static Malformed of(byte[] bytes) {
      if (HttpExchange.looksLikeTls(bytes)) {
        return new Malformed(bytes, Kind.TLS, "");
      }
      if (startsWith(bytes, PREFACE)) {
        return new Malformed(bytes, Kind.HTTP2, "the HTTP/2 connection preface");
      }
      String frames = http2Frames(bytes);
      return frames.isEmpty() ? new Malformed(bytes, Kind.OTHER, "") : new Malformed(bytes, Kind.HTTP2, frames);
    }

    /** The bytes as Go's {@code %q} would quote them. */
    String quoted() {
      return GoQuote.quote(firstBytes);
    }

    /**
     * The HTTP/2 frames {@code bytes} start with, named; empty unless the first is a well-formed SETTINGS or
     * GOAWAY frame on stream 0 (what an h2c server sends first, or in answer to an HTTP/1.1 request).
     */
    static String http2Frames(byte[] bytes) {
      List<String> names = new ArrayList<>();
      int at = 0;
      while (at + 9 <= bytes.length) {
        int length = ((bytes[at] & 0xff) << 16) | ((bytes[at + 1] & 0xff) << 8) | (bytes[at + 2] & 0xff);
        int type = bytes[at + 3] & 0xff;
        int flags = bytes[at + 4] & 0xff;
        int stream = ((bytes[at + 5] & 0x7f) << 24) | ((bytes[at + 6] & 0xff) << 16) | ((bytes[at + 7] & 0xff) << 8) | (bytes[at + 8] & 0xff);
        if (names.isEmpty()) {
          boolean settings = type == 4 && stream == 0 && length % 6 == 0 && (flags & ~1) == 0 && length <= 16384;
          boolean goaway = type == 7 && stream == 0 && length >= 8 && length <= 16384;
          if (!settings && !goaway) {
            return "";
          }
        } else if (type >= FRAME_TYPES.length || length > 16384) {
          break;
        }
        String name = type < FRAME_TYPES.length ? FRAME_TYPES[type] : "type " + type;
        if (type == 7 && at + 17 <= bytes.length) {
          int code = ((bytes[at + 13] & 0xff) << 24) | ((bytes[at + 14] & 0xff) << 16) | ((bytes[at + 15] & 0xff) << 8) | (bytes[at + 16] & 0xff);
          name += " (" + (code >= 0 && code < ERROR_CODES.length ? ERROR_CODES[code] : "error " + code) + ")";
        }
        if (type == 4 && (flags & 1) == 1) {
          name += " (ACK)";
        }
        names.add(name);
        at += 9 + length;
      }
      return String.join(", ", names);
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
      return bytes.length >= prefix.length && Arrays.equals(Arrays.copyOf(bytes, prefix.length), prefix);
    }
  }
}
