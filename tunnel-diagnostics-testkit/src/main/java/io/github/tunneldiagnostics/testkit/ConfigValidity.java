package io.github.tunneldiagnostics.testkit;

import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.check.FindingCode;
import io.github.tunneldiagnostics.api.check.Severity;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Which findings make a committed config invalid in an application's tests. Files that exist only on the
 * connector host (the credentials file, a CA pool) are not expected on a build machine, so their absence
 * does not count; everything else at ERROR does.
 */
public final class ConfigValidity {
  private static final Set<String> CONNECTOR_HOST_FILES = Set.of(FindingCode.CREDENTIALS_MISSING, FindingCode.CA_POOL_UNREADABLE);

  private ConfigValidity() {}

  /** The ERROR findings that make the config invalid anywhere. */
  public static List<Finding> errors(Collection<Finding> findings) {
    return findings.stream()
        .filter(f -> f.severity() == Severity.ERROR && !CONNECTOR_HOST_FILES.contains(f.code()))
        .toList();
  }
}
