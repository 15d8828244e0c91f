package io.github.tunneldiagnostics.core.internal.connector;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * GETs from a cloudflared metrics server, each endpoint with its own byte budget and every request
 * within {@code requestTimeout} and the overall deadline: a {@code /metrics} that streams forever or a
 * {@code /ready} that never answers ends at the budget, with a reply that says so.
 */
final class MetricsClient {
  /** {@code /ready}'s small JSON object. */
  static final int MAX_READY = 64 << 10;
  /** {@code /metrics}: a few hundred KiB on a busy connector. */
  static final int MAX_METRICS = 8 << 20;
  /** {@code /config}: the whole ingress as JSON. */
  static final int MAX_CONFIG = 16 << 20;
  /** {@code /diag/*}. */
  static final int MAX_DIAG = 1 << 20;

  private final MetricsTransport transport;
  private final Duration requestTimeout;

  MetricsClient(Duration connectTimeout, Duration requestTimeout, Instant deadline, Clock clock, @Nullable MetricsTransport transport) {
    this.requestTimeout = requestTimeout;
    this.transport = transport != null
        ? transport
        : (base, path, max) -> new BoundedGet(connectTimeout, requestTimeout, max, deadline, clock).get(base, path);
  }

  Duration requestTimeout() {
    return requestTimeout;
  }

  BoundedGet.Reply get(URI base, String path) {
    return transport.get(base, path, budget(path));
  }

  static int budget(String path) {
    return switch (path) {
      case "/ready" -> MAX_READY;
      case "/metrics" -> MAX_METRICS;
      case "/config" -> MAX_CONFIG;
      default -> MAX_DIAG;
    };
  }
}
