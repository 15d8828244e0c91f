package io.github.tunneldiagnostics.testkit.internal;

import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.check.Severity;
import io.github.tunneldiagnostics.core.internal.config.ConnectorHostFiles;
import java.util.Collection;
import java.util.List;

/**
 * Which findings make a committed config invalid in an application's tests. Files that exist only on the
 * connector host (the credentials file, a CA pool) are not expected on a build machine, so their absence
 * does not count (the testkit's validation report already grades it a WARNING, as off the connector host);
 * everything else at ERROR does.
 */
public final class ConfigValidity {
  private ConfigValidity() {}

  /** The ERROR findings that make the config invalid anywhere. */
  public static List<Finding> errors(Collection<Finding> findings) {
    return findings.stream()
        .filter(f -> f.severity() == Severity.ERROR && !ConnectorHostFiles.isConnectorHostFile(f))
        .toList();
  }
}
