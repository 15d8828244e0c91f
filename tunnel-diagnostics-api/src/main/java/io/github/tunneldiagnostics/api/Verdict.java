package io.github.tunneldiagnostics.api;

import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.check.Severity;
import java.util.Collection;

/** The overall conclusion of a report or a route. */
public enum Verdict {
  /** No ERROR or WARNING finding. */
  HEALTHY,
  /** At least one WARNING, no ERROR. */
  DEGRADED,
  /** At least one ERROR. */
  BROKEN;

  /** BROKEN if any ERROR, else DEGRADED if any WARNING, else HEALTHY. */
  public static Verdict of(Collection<Finding> findings) {
    Verdict verdict = HEALTHY;
    for (Finding finding : findings) {
      if (finding.severity() == Severity.ERROR) {
        return BROKEN;
      }
      if (finding.severity() == Severity.WARNING) {
        verdict = DEGRADED;
      }
    }
    return verdict;
  }
}
