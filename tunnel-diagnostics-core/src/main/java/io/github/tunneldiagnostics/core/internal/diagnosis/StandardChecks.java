package io.github.tunneldiagnostics.core.internal.diagnosis;

import io.github.tunneldiagnostics.api.check.Check;
import io.github.tunneldiagnostics.core.internal.config.ConfigCheck;
import io.github.tunneldiagnostics.core.internal.ingress.IngressCheck;
import io.github.tunneldiagnostics.core.internal.ingress.RouteCheck;
import java.util.List;

/** The built-in checks of each kind of run. */
public final class StandardChecks {
  private StandardChecks() {}

  /** {@code config}, {@code ingress} and {@code ingress.route}: none of them uses the network. */
  public static List<Check> staticChecks() {
    return List.of(new ConfigCheck(), new IngressCheck(), new RouteCheck());
  }
}
