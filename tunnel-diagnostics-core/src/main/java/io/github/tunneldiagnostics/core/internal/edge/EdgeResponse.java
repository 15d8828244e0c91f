package io.github.tunneldiagnostics.core.internal.edge;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The edge's answer, as read off the wire (at most {@link EdgeProbe#MAX_BODY_BYTES} of body).
 *
 * @param address the address that answered, {@code host:port}
 * @param attempts one line per address tried
 * @param status the HTTP status
 * @param headers the headers by lower-case name, values in order
 * @param body the body decoded as UTF-8 (chunked transfer decoded), cut at the byte budget
 * @param bodyBytes how many body bytes were read
 * @param tls the TLS session: protocol, cipher, the leaf's SANs
 * @param timings connect, TLS, first byte and total in milliseconds
 */
public record EdgeResponse(
    String address, List<String> attempts, int status, Map<String, List<String>> headers, String body, int bodyBytes,
    TlsSession tls, Timings timings) implements EdgeResult {

  public EdgeResponse {
    Objects.requireNonNull(address, "address");
    attempts = List.copyOf(attempts);
    headers = Map.copyOf(headers);
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(tls, "tls");
    Objects.requireNonNull(timings, "timings");
  }

  /** The first value of header {@code name} (any case), or null. */
  public @Nullable String header(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /**
   * The TLS session with the edge.
   *
   * @param protocol e.g. {@code TLSv1.3}
   * @param cipher the cipher suite
   * @param subjectAltNames the DNS names of the leaf certificate
   */
  public record TlsSession(String protocol, String cipher, List<String> subjectAltNames) {
    public TlsSession {
      subjectAltNames = List.copyOf(subjectAltNames);
    }
  }

  /** Phase durations in milliseconds. */
  public record Timings(long connectMs, long tlsMs, long firstByteMs, long totalMs) {}
}
