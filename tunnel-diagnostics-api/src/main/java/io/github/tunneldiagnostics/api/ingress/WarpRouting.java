package io.github.tunneldiagnostics.api.ingress;

import io.github.tunneldiagnostics.api.internal.Redaction;
import java.time.Duration;
import java.util.Objects;

/**
 * The {@code warp-routing} block with cloudflared's defaults applied.
 *
 * @param connectTimeout default 5s
 * @param maxActiveFlows 0 means unlimited
 * @param tcpKeepAlive default 30s
 */
public record WarpRouting(Duration connectTimeout, long maxActiveFlows, Duration tcpKeepAlive) {

  /** cloudflared's defaults. */
  public static final WarpRouting DEFAULTS = new WarpRouting(Duration.ofSeconds(5), 0, Duration.ofSeconds(30));

  public WarpRouting {
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(tcpKeepAlive, "tcpKeepAlive");
  }

  /** The record's fields, under the redaction policy. */
  @Override
  public String toString() {
    return Redaction.toString(this);
  }
}
