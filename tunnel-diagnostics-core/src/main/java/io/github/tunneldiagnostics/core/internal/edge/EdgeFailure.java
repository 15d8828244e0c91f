package io.github.tunneldiagnostics.core.internal.edge;

import java.util.List;
import java.util.Objects;

/**
 * No response came from the edge.
 *
 * @param address the last address tried, {@code host:port}, or empty when there was none to try
 * @param attempts one line per address tried
 * @param kind what went wrong
 * @param detail the exception's message or what was awaited, never a secret
 */
public record EdgeFailure(String address, List<String> attempts, Kind kind, String detail) implements EdgeResult {

  /** Why there is no response. */
  public enum Kind {
    /** No address to connect to (DNS gave none and no {@code --resolve} applies). */
    NO_ADDRESS,
    /** Every address refused, was unreachable, or did not accept in time. */
    CONNECT,
    /** The edge sent a fatal {@code handshake_failure} alert: it holds no certificate for the SNI. */
    TLS_HANDSHAKE_ALERT,
    /** The certificate the edge served does not cover the hostname. */
    TLS_NAME_MISMATCH,
    /** The certificate chain is not trusted (a TLS-inspecting proxy; pass its root with --edge-ca). */
    TLS_UNTRUSTED,
    /** Another TLS failure. */
    TLS_OTHER,
    /** Connected, but no complete response head arrived before the deadline. */
    TIMEOUT,
    /** The connection broke or the response was not HTTP. */
    PROTOCOL
  }

  public EdgeFailure {
    Objects.requireNonNull(address, "address");
    attempts = List.copyOf(attempts);
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(detail, "detail");
  }
}
