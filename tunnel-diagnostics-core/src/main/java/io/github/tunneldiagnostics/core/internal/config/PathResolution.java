package io.github.tunneldiagnostics.core.internal.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Resolves a path written in a config: {@code ~/} against the home directory, a relative path against
 * the config file's directory (cloudflared itself resolves it against its working directory, which is
 * said in evidence).
 */
record PathResolution(String written, Path resolved, boolean relative) {

  static final String RELATIVE_NOTE =
      "cloudflared resolves relative paths against its own working directory, not the config file's directory;"
          + " tunnel-diagnostics read it relative to the config file. Use an absolute path to be sure";

  static Optional<PathResolution> of(String written, @Nullable Path configDirectory, Path home, boolean expandHome) {
    try {
      if (expandHome && (written.equals("~") || written.startsWith("~/"))) {
        return Optional.of(new PathResolution(written, home.resolve(written.substring(Math.min(2, written.length()))), false));
      }
      Path path = Path.of(written);
      if (path.isAbsolute() || configDirectory == null) {
        return Optional.of(new PathResolution(written, path, !path.isAbsolute()));
      }
      return Optional.of(new PathResolution(written, configDirectory.resolve(path).normalize(), true));
    } catch (InvalidPathException e) {
      return Optional.empty();
    }
  }
}
