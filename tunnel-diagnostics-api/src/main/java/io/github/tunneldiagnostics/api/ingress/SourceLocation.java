package io.github.tunneldiagnostics.api.ingress;

import io.github.tunneldiagnostics.api.internal.Redaction;
import java.util.Objects;

/**
 * Where something stands in a config file: 1-based line and column, like editors and cloudflared's YAML
 * errors count them.
 */
public record SourceLocation(String file, int line, int column) {

  public SourceLocation {
    Objects.requireNonNull(file, "file");
    if (line < 1 || column < 1) {
      throw new IllegalArgumentException("'line' and 'column' must be at least 1 but were " + line + ":" + column);
    }
  }

  /** {@code file:line:column}. */
  @Override
  public String toString() {
    return Redaction.redact(file + ":" + line + ":" + column);
  }
}
