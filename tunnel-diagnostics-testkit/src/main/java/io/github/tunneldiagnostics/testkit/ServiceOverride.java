package io.github.tunneldiagnostics.testkit;

import io.github.tunneldiagnostics.api.internal.Redaction;
import java.util.Objects;

/**
 * Replaces a rule's service in tests: the committed config says {@code from}, the test runs the app at
 * {@code to} (e.g. a random port). Always shown in failure messages, so a green test never hides it.
 *
 * @param from the service exactly as written in the config, e.g. {@code http://localhost:8080}
 * @param to the service the test uses instead
 */
public record ServiceOverride(String from, String to) {
  public ServiceOverride {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
  }

  @Override
  public String toString() {
    return Redaction.redact(from + " → " + to + " (service override)");
  }
}
