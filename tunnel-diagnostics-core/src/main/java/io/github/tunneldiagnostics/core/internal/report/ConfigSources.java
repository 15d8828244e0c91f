package io.github.tunneldiagnostics.core.internal.report;

import io.github.tunneldiagnostics.api.ingress.ConfigSource;

/** Says where a report's rules came from, for people. */
final class ConfigSources {
  private ConfigSources() {}

  /** The file's path; for a connector, that its effective ingress was used, and whether it is remotely managed. */
  static String describe(ConfigSource source) {
    return switch (source.kind()) {
      case FILE -> source.location();
      case CONNECTOR -> "the running connector's ingress (/config at " + source.location() + ", "
          + (source.isRemotelyManaged() ? "remotely managed, version " + source.version() : "from its local config file") + ")";
      case INLINE -> source.location() + " (built in code)";
    };
  }
}
