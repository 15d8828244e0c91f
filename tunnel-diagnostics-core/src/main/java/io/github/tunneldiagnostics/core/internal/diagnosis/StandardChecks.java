package io.github.tunneldiagnostics.core.internal.diagnosis;

import io.github.tunneldiagnostics.api.check.Check;
import io.github.tunneldiagnostics.core.internal.config.CheckSite;
import io.github.tunneldiagnostics.core.internal.config.ConfigCheck;
import io.github.tunneldiagnostics.core.internal.ingress.IngressCheck;
import io.github.tunneldiagnostics.core.internal.ingress.RouteCheck;
import java.util.List;

/** The built-in checks of each kind of run. */
public final class StandardChecks {
  private StandardChecks() {}

  /**
   * {@code config}, {@code ingress} and {@code ingress.route}: none of them uses the network. {@code site} says
   * where they run: on the connector host its own files (credentials, CA pools) must exist; anywhere else their
   * absence is a warning.
   */
  public static List<Check> staticChecks(CheckSite site) {
    return List.of(new ConfigCheck(site), new IngressCheck(), new RouteCheck());
  }
}
