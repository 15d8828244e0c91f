package io.github.tunneldiagnostics.core.internal.diagnosis;

import io.github.tunneldiagnostics.api.check.Check;
import io.github.tunneldiagnostics.api.check.CheckContext;
import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.core.internal.connector.ConnectorCheck;
import java.util.List;

/**
 * The {@code connector} check of a live diagnosis: the connector was read before the diagnosis began
 * (its {@code /config} decides which ingress is matched and probed), so this check only reports what
 * was found then.
 */
final class PrereadConnectorCheck implements Check {
  private final List<Finding> findings;

  PrereadConnectorCheck(List<Finding> findings) {
    this.findings = List.copyOf(findings);
  }

  @Override
  public String id() {
    return ConnectorCheck.ID;
  }

  @Override
  public String description() {
    return "reads the running connector's metrics server (/ready, /config, /diag/tunnel, /metrics)";
  }

  @Override
  public List<Finding> run(CheckContext context) {
    return findings;
  }
}
