package io.github.tunneldiagnostics.core.internal.connector;

import io.github.tunneldiagnostics.core.ConnectorOptions;
import io.github.tunneldiagnostics.api.check.Check;
import io.github.tunneldiagnostics.api.check.CheckContext;
import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.ingress.ConfigSource;
import io.github.tunneldiagnostics.api.ingress.IngressModel;
import java.util.List;
import java.util.Objects;

/**
 * The {@code connector} check: finds the running cloudflared (the given metrics address, the addresses
 * running processes name, else localhost:20241–20245) and reports its readiness, configuration drift,
 * remote configuration and tunnel id (see {@link ConnectorInspector}). When the options carry no file
 * model, the diagnosed model is compared if it came from a file. Immutable and thread-safe.
 */
public final class ConnectorCheck implements Check {
  /** The check id. */
  public static final String ID = ConnectorInspector.CHECK_ID;

  private final ConnectorOptions options;

  public ConnectorCheck(ConnectorOptions options) {
    this.options = Objects.requireNonNull(options, "options");
  }

  /** A check with default discovery. */
  public static ConnectorCheck withDefaults() {
    return new ConnectorCheck(ConnectorOptions.defaults());
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String description() {
    return "reads the running connector's metrics server (/ready, /config, /diag/tunnel, /metrics)";
  }

  public ConnectorOptions options() {
    return options;
  }

  @Override
  public List<Finding> run(CheckContext context) {
    ConnectorOptions effective = options;
    IngressModel diagnosed = context.ingress();
    if (options.fileModel() == null && diagnosed.source().kind() == ConfigSource.Kind.FILE) {
      effective = options.toBuilder().fileModel(diagnosed).build();
    }
    return new ConnectorInspector(effective).inspect(context.deadline(), context.clock()).findings();
  }
}
