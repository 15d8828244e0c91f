package io.github.tunneldiagnostics.core.internal.connector;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * cloudflared's {@code /diag/tunnel} (2024.12+): the tunnel and connector ids and the connected edge
 * connections. Go's {@code omitempty} drops {@code protocol} 0 (http2) and {@code index} 0, so absent
 * values mean exactly those.
 *
 * @param tunnelId the tunnel this connector serves
 * @param connectorId this connector's id
 * @param connections the connected edge connections
 */
public record TunnelState(String tunnelId, @Nullable String connectorId, List<Connection> connections) {

  public TunnelState {
    Objects.requireNonNull(tunnelId, "tunnelId");
    connections = List.copyOf(connections);
  }

  /**
   * One edge connection.
   *
   * @param index the HA connection index (0 when omitted)
   * @param protocol {@code http2} or {@code quic} (http2 when omitted)
   * @param edgeAddress the edge IP
   * @param connected whether it is connected
   */
  public record Connection(int index, String protocol, String edgeAddress, boolean connected) {}
}
