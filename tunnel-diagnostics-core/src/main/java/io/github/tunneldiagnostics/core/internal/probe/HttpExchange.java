package io.github.tunneldiagnostics.core.internal.probe;

import io.github.tunneldiagnostics.api.internal.golang.GoQuote;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Writes one request by hand and reads the status line, the headers and a bounded body prefix, never
 * past a deadline and never more than a fixed number of bytes, whatever the origin does.
 */
final class HttpExchange {
  static final int MAX_HEAD_BYTES = 32 * 1024;
  static final int MAX_BODY_PREFIX = 512;
  private static final Duration BODY_WAIT = Duration.ofMillis(200);
  /** Bytes of a non-HTTP answer kept for evidence and classification. */
  static final int MALFORMED_EVIDENCE = 64;
  private static final Duration MALFORMED_WAIT = Duration.ofMillis(150);

  private final Clock clock;
  private final Watchdog watchdog;

  HttpExchange(Clock clock, Watchdog watchdog) {
    this.clock = clock;
    this.watchdog = watchdog;
  }

  HttpOutcome exchange(ProbeConnection connection, byte[] request, Instant deadline) {
    Instant start = clock.instant();
    try (Watchdog.Guard guard = watchdog.closeAt(connection, deadline)) {
      try {
        connection.out().write(request);
        connection.out().flush();
        return readResponse(connection, start, deadline, guard);
      } catch (SocketTimeoutException e) {
        return new HttpOutcome.NoResponse(HttpOutcome.NoResponse.Kind.TIMEOUT, "", waited(start));
      } catch (IOException e) {
        if (guard.fired() || !clock.instant().isBefore(deadline)) {
          return new HttpOutcome.NoResponse(HttpOutcome.NoResponse.Kind.TIMEOUT, "", waited(start));
        }
        return new HttpOutcome.NoResponse(kindOf(e), "", waited(start));
      }
    }
  }

  private HttpOutcome readResponse(ProbeConnection connection, Instant start, Instant deadline, Watchdog.Guard guard) throws IOException {
    InputStream in = connection.in();
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    Duration firstByte = null;
    byte[] buffer = new byte[1024];
    int headEnd = -1;
    while (headEnd < 0) {
      Duration left = Duration.between(clock.instant(), deadline);
      if (left.isNegative() || left.isZero()) {
        return new HttpOutcome.NoResponse(HttpOutcome.NoResponse.Kind.TIMEOUT, text(head), waited(start));
      }
      connection.readTimeout(left);
      int n;
      try {
        n = in.read(buffer, 0, Math.min(buffer.length, MAX_HEAD_BYTES - head.size()));
      } catch (SocketTimeoutException e) {
        return new HttpOutcome.NoResponse(HttpOutcome.NoResponse.Kind.TIMEOUT, text(head), waited(start));
      } catch (IOException e) {
        if (guard.fired() || !clock.instant().isBefore(deadline)) { // the watchdog closed it at the deadline
          return new HttpOutcome.NoResponse(HttpOutcome.NoResponse.Kind.TIMEOUT, text(head), waited(start));
        }
        if (head.size() > 0 && !startsLikeHttp(head.toByteArray())) {
          return malformed(head.toByteArray());
        }
        return new HttpOutcome.NoResponse(kindOf(e), text(head), waited(start));
      }
      if (n < 0) {
        if (guard.fired()) {
          return new HttpOutcome.NoResponse(HttpOutcome.NoResponse.Kind.TIMEOUT, text(head), waited(start));
        }
        if (head.size() > 0 && !startsLikeHttp(head.toByteArray())) {
          return malformed(head.toByteArray());
        }
        return new HttpOutcome.NoResponse(HttpOutcome.NoResponse.Kind.CLOSED, text(head), waited(start));
      }
      if (firstByte == null && n > 0) {
        firstByte = waited(start);
      }
      head.write(buffer, 0, n);
      byte[] soFar = head.toByteArray();
      if (!startsLikeHttp(soFar)) {
        return malformed(moreEvidence(connection, head, deadline));
      }
      headEnd = indexOf(soFar, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
      if (headEnd < 0 && head.size() >= MAX_HEAD_BYTES) {
        return malformed(Arrays.copyOf(soFar, 64));
      }
    }
    byte[] all = head.toByteArray();
    String headText = new String(all, 0, headEnd, StandardCharsets.ISO_8859_1);
    String[] lines = headText.split("\r\n");
    String[] status = lines[0].split(" ", 3);
    if (status.length < 2 || !status[1].matches("\\d{3}")) {
      return malformed(Arrays.copyOf(all, Math.min(all.length, 64)));
    }
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers.putIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
      }
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(all, headEnd + 4, Math.min(MAX_BODY_PREFIX, all.length - headEnd - 4));
    int code = Integer.parseInt(status[1]);
    readBodyPrefix(connection, body, code, headers, deadline);
    return new HttpOutcome.Response(
        status[0],
        code,
        status.length > 2 ? status[2] : "",
        headers,
        body.toString(StandardCharsets.ISO_8859_1),
        firstByte == null ? waited(start) : firstByte);
  }

  /**
   * A little more of the body, for evidence: up to {@link #MAX_BODY_PREFIX} bytes, for at most
   * {@link #BODY_WAIT}, stopping early at the end of a Content-Length or chunked body; failures ignored.
   */
  private void readBodyPrefix(ProbeConnection connection, ByteArrayOutputStream body, int status, Map<String, String> headers, Instant deadline) {
    long expected = expectedBody(status, headers);
    Instant until = earliest(clock.instant().plus(BODY_WAIT), deadline);
    byte[] buffer = new byte[MAX_BODY_PREFIX];
    try {
      while (body.size() < MAX_BODY_PREFIX && body.size() < expected && !chunkedEnd(body, headers)) {
        Duration left = Duration.between(clock.instant(), until);
        if (left.isNegative() || left.isZero()) {
          return;
        }
        connection.readTimeout(left);
        int n = connection.in().read(buffer, 0, MAX_BODY_PREFIX - body.size());
        if (n < 0) {
          return;
        }
        body.write(buffer, 0, n);
      }
    } catch (IOException e) {
      // the head is what matters
    }
  }

  private static long expectedBody(int status, Map<String, String> headers) {
    if (status == 204 || status == 304 || status / 100 == 1) {
      return 0;
    }
    String length = headers.get("content-length");
    if (length != null) {
      try {
        return Long.parseLong(length.trim());
      } catch (NumberFormatException e) {
        return Long.MAX_VALUE;
      }
    }
    return Long.MAX_VALUE;
  }

  private static boolean chunkedEnd(ByteArrayOutputStream body, Map<String, String> headers) {
    String encoding = headers.getOrDefault("transfer-encoding", "");
    return encoding.toLowerCase(Locale.ROOT).contains("chunked") && body.toString(StandardCharsets.ISO_8859_1).endsWith("0\r\n\r\n");
  }

  private static Instant earliest(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  static boolean startsLikeHttp(byte[] bytes) {
    byte[] prefix = "HTTP/".getBytes(StandardCharsets.ISO_8859_1);
    for (int i = 0; i < Math.min(bytes.length, prefix.length); i++) {
      if (bytes[i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  static boolean looksLikeTls(byte[] bytes) {
    return bytes.length >= 2 && (bytes[0] == 0x15 || bytes[0] == 0x16) && bytes[1] == 0x03;
  }

  private static HttpOutcome malformed(byte[] bytes) {
    return HttpOutcome.Malformed.of(Arrays.copyOf(bytes, Math.min(bytes.length, MALFORMED_EVIDENCE)));
  }

  /**
   * Bytes that are not HTTP came: reads a little more (up to {@value #MALFORMED_EVIDENCE} bytes, for at most
   * {@link #MALFORMED_WAIT}) so that what they are (TLS records, HTTP/2 frames) can be told; failures ignored.
   */
  private byte[] moreEvidence(ProbeConnection connection, ByteArrayOutputStream head, Instant deadline) {
    Instant until = earliest(clock.instant().plus(MALFORMED_WAIT), deadline);
    byte[] buffer = new byte[MALFORMED_EVIDENCE];
    try {
      while (head.size() < MALFORMED_EVIDENCE) {
        Duration left = Duration.between(clock.instant(), until);
        if (left.isNegative() || left.isZero()) {
          break;
        }
        connection.readTimeout(left);
        int n = connection.in().read(buffer, 0, MALFORMED_EVIDENCE - head.size());
        if (n < 0) {
          break;
        }
        head.write(buffer, 0, n);
      }
    } catch (IOException e) {
      // what came is the evidence
    }
    return head.toByteArray();
  }

  private static HttpOutcome.NoResponse.Kind kindOf(IOException e) {
    String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
    if (e instanceof SocketException && (message.contains("reset") || message.contains("broken pipe"))) {
      return HttpOutcome.NoResponse.Kind.RESET;
    }
    return HttpOutcome.NoResponse.Kind.CLOSED;
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static String text(ByteArrayOutputStream bytes) {
    byte[] raw = bytes.toByteArray();
    return GoQuote.quote(Arrays.copyOf(raw, Math.min(raw.length, 32)));
  }

  private Duration waited(Instant start) {
    return Duration.between(start, clock.instant());
  }
}
