package io.github.tunneldiagnostics.core;

import io.github.tunneldiagnostics.core.internal.connector.ConnectorOptions;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What {@link TunnelDiagnostics#diagnose()} reads besides the config file.
 *
 * @param connector how to find the running connector, or null not to look for one
 * @param logs the connector's log files to classify, in order
 * @param discoverChecks whether custom checks are loaded with {@link java.util.ServiceLoader}
 */
record LiveSources(@Nullable ConnectorOptions connector, List<Path> logs, boolean discoverChecks) {

  static final LiveSources DEFAULTS = new LiveSources(ConnectorOptions.defaults(), List.of(), false);

  LiveSources {
    logs = List.copyOf(logs);
  }

  LiveSources withConnector(@Nullable ConnectorOptions value) {
    return new LiveSources(value, logs, discoverChecks);
  }

  LiveSources withLogs(List<Path> value) {
    return new LiveSources(connector, value, discoverChecks);
  }

  LiveSources withDiscovery() {
    return new LiveSources(connector, logs, true);
  }
}
