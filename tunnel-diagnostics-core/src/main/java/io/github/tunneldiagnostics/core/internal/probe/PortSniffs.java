package io.github.tunneldiagnostics.core.internal.probe;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Second looks at a plain-text port that gave no HTTP answer, each on a fresh connection and within the TLS
 * timeout: does it complete a TLS handshake (ORIGIN_SPEAKS_TLS), and does it answer the HTTP/2 connection
 * preface with HTTP/2 frames (ORIGIN_H2C_ONLY)? Neither sends a request.
 */
final class PortSniffs {
  private static final Duration MIN_EXTRA = Duration.ofMillis(50);

  /** The client connection preface of HTTP/2 (RFC 9113 §3.4) and an empty SETTINGS frame. */
  private static final byte[] H2_PREFACE = concat(
      "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), new byte[] {0, 0, 0, 4, 0, 0, 0, 0, 0});

  private final RouteProbe probe;
  private final int port;
  private final @Nullable String sni;
  private final Supplier<Instant> tlsDeadline;

  PortSniffs(RouteProbe probe, int port, @Nullable String sni, Supplier<Instant> tlsDeadline) {
    this.probe = probe;
    this.port = port;
    this.sni = sni;
    this.tlsDeadline = tlsDeadline;
  }

  HttpPhase.Sniffs at(InetAddress address) {
    return new HttpPhase.Sniffs(() -> speaksTls(address), () -> h2cFrames(address));
  }

  /** Whether the port completes a TLS handshake. */
  boolean speaksTls(InetAddress address) {
    if (!probe.hasTimeFor(MIN_EXTRA)) {
      return false;
    }
    DialAttempt attempt = probe.run().dialer().dial(address, port, probe.capped(probe.settings().connectTimeout()));
    if (attempt.socket() == null) {
      return false;
    }
    TlsHandshake.Result result = probe.run().tls().handshake(attempt.socket(), sni, List.of(), tlsDeadline.get());
    if (result instanceof TlsHandshake.Established established) {
      RouteProbe.closeQuietly(established.socket());
      return true;
    }
    return false;
  }

  /** The HTTP/2 frames the port answers the preface with; empty when it answers anything else or nothing. */
  String h2cFrames(InetAddress address) {
    if (!probe.hasTimeFor(MIN_EXTRA)) {
      return "";
    }
    DialAttempt attempt = probe.run().dialer().dial(address, port, probe.capped(probe.settings().connectTimeout()));
    ProbeConnection connection = attempt.socket() == null ? null : HttpOriginProbe.open(attempt.socket());
    if (connection == null) {
      return "";
    }
    try {
      HttpOutcome answer = probe.run().http().exchange(connection, H2_PREFACE, tlsDeadline.get());
      return answer instanceof HttpOutcome.Malformed malformed && malformed.kind() == HttpOutcome.Malformed.Kind.HTTP2 ? malformed.frames() : "";
    } finally {
      connection.close();
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] all = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
