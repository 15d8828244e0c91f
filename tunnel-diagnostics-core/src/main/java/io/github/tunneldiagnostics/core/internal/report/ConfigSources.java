package io.github.tunneldiagnostics.core.internal.report;

import io.github.tunneldiagnostics.api.ingress.ConfigSource;

/** Says where a report's rules came from, for people. */
final class ConfigSources {
  /** The location of a model read from the Cloudflare API's remote configuration. */
  static final String REMOTE = "Cloudflare API"; // keep equal to PublicHalf.REMOTE

  private ConfigSources() {}

  /** The file's path; for a connector, that its effective ingress was used, and whether it is remotely managed. */
  static String describe(ConfigSource source) {
    return switch (source.kind()) {
      case FILE -> source.location();
      case CONNECTOR -> source.location().equals(REMOTE) ? "the tunnel's remote configuration (read from the Cloudflare API, version "
          + source.version() + ")" : "the running connector's ingress (/config at " + source.location() + ", "
          + (source.isRemotelyManaged() ? "remotely managed, version " + source.version() : "from its local config file") + ")";
      case INLINE -> source.location() + " (built in code)";
    };
  }
}
