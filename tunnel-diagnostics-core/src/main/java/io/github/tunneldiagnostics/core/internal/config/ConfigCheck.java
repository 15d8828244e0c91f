package io.github.tunneldiagnostics.core.internal.config;

import io.github.tunneldiagnostics.api.check.Check;
import io.github.tunneldiagnostics.api.check.CheckContext;
import io.github.tunneldiagnostics.api.check.Finding;
import java.util.List;

/**
 * Reports what the config loader noticed ({@link io.github.tunneldiagnostics.api.ingress.IngressModel#loadFindings()}):
 * unknown keys, unreadable CA pools and credentials problems, graded for {@linkplain CheckSite where the check
 * runs} (a credentials file or CA pool missing off the connector host is a WARNING). Findings keep their check
 * id ({@code config} or {@code credentials}).
 */
public final class ConfigCheck implements Check {
  /** This check's id. */
  public static final String ID = "config";

  private final CheckSite site;

  /** A config check for a diagnosis run at {@code site}. */
  public ConfigCheck(CheckSite site) {
    this.site = java.util.Objects.requireNonNull(site, "site");
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String description() {
    return "cloudflared config: unknown keys, CA pools and tunnel credentials";
  }

  @Override
  public List<Finding> run(CheckContext context) {
    return ConnectorHostFiles.atSite(context.ingress().loadFindings(), site);
  }
}
