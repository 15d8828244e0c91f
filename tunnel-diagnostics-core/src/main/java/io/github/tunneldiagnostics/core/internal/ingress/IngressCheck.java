package io.github.tunneldiagnostics.core.internal.ingress;

import io.github.tunneldiagnostics.api.check.Check;
import io.github.tunneldiagnostics.api.check.CheckContext;
import io.github.tunneldiagnostics.api.check.Finding;
import java.util.List;

/** Check {@code ingress}: validates the ingress rules like cloudflared, see {@link IngressValidator}. */
public final class IngressCheck implements Check {

  @Override
  public String id() {
    return IngressValidator.CHECK_ID;
  }

  @Override
  public String description() {
    return "ingress rules are valid for cloudflared and every rule can match";
  }

  @Override
  public List<Finding> run(CheckContext context) {
    return IngressValidator.validate(context.ingress());
  }
}
