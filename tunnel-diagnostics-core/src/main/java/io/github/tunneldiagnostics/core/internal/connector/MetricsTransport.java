package io.github.tunneldiagnostics.core.internal.connector;

import java.net.URI;

/**
 * How the metrics server is reached: from this host ({@link BoundedGet}), or from inside the
 * connector's network namespace when it runs in a container (its {@code 0.0.0.0:2024x} exists only
 * there). Implementations never throw and never run past the deadline they were made with.
 */
@FunctionalInterface
public interface MetricsTransport {
  /** GETs {@code base + path} within {@code maxBytes}. */
  BoundedGet.Reply get(URI base, String path, int maxBytes);
}
