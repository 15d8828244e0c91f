package io.github.tunneldiagnostics.api.ingress;

import io.github.tunneldiagnostics.api.internal.Redaction;
import java.nio.file.Path;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Where an {@link IngressModel} came from.
 *
 * @param kind a file, a running connector's {@code /config}, or built in code
 * @param location a path or address a person can recognise
 * @param file the config file, when there is one
 * @param version the connector's config version: -1 for a local file, 0 or more for a remotely managed
 *     (dashboard/API) configuration
 */
public record ConfigSource(Kind kind, String location, @Nullable Path file, long version) {

  /** The kinds of source. */
  public enum Kind {
    /** A {@code config.yml} on disk. */
    FILE,
    /** The effective config a running connector serves at {@code /config}. */
    CONNECTOR,
    /** Built in code, e.g. in a test. */
    INLINE
  }

  public ConfigSource {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(location, "location");
  }

  /** A config file. */
  public static ConfigSource file(Path path) {
    return new ConfigSource(Kind.FILE, path.toString(), path, -1);
  }

  /** A model built in code. */
  public static ConfigSource inline(String description) {
    return new ConfigSource(Kind.INLINE, description, null, -1);
  }

  /** A connector's {@code /config} at {@code address} with the version it reported. */
  public static ConfigSource connector(String address, long version) {
    return new ConfigSource(Kind.CONNECTOR, address, null, version);
  }

  /** True when the connector reported a remotely managed configuration (version 0 or more). */
  public boolean isRemotelyManaged() {
    return kind == Kind.CONNECTOR && version >= 0;
  }

  /** The record's fields, under the redaction policy. */
  @Override
  public String toString() {
    return Redaction.toString(this);
  }
}
