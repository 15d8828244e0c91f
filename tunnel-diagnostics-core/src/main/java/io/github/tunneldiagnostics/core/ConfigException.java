package io.github.tunneldiagnostics.core;

import io.github.tunneldiagnostics.api.check.Finding;
import java.util.Objects;

/**
 * A config that cannot be used at all: missing, unreadable, not YAML, or a value of the wrong type. The
 * {@link #finding()} names the file, line and column, the offending value and the fix; the message is
 * the finding's message, never a stack trace, and never contains a secret.
 */
public final class ConfigException extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient Finding finding;

  public ConfigException(Finding finding) {
    super(Objects.requireNonNull(finding, "finding").message(), null, false, false);
    this.finding = finding;
  }

  /** The finding (e.g. {@code CONFIG_NOT_FOUND}, {@code CONFIG_YAML_INVALID}) that describes the problem. */
  public Finding finding() {
    return finding;
  }
}
