package io.github.tunneldiagnostics.core.internal.connector;

import org.jspecify.annotations.Nullable;

/**
 * cloudflared's {@code /ready}: {@code {"status":200|503,"readyConnections":N,"connectorId":"<uuid>"}}
 * (served as text/plain; HTTP 503 when no connection is registered).
 *
 * @param httpStatus the HTTP status of the answer
 * @param readyConnections connections registered with the edge
 * @param connectorId the connector's id, or null
 */
public record ReadyStatus(int httpStatus, int readyConnections, @Nullable String connectorId) {

  /** True when at least one connection is registered. */
  public boolean isReady() {
    return httpStatus == 200 && readyConnections > 0;
  }
}
