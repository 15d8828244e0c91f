package io.github.tunneldiagnostics.testkit;

import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.check.FindingCode;
import io.github.tunneldiagnostics.api.ingress.IngressModel;
import io.github.tunneldiagnostics.core.internal.config.CheckSite;
import io.github.tunneldiagnostics.core.internal.config.ConnectorHostFiles;
import io.github.tunneldiagnostics.core.internal.ingress.IngressValidator;
import io.github.tunneldiagnostics.testkit.internal.ConfigValidity;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.AbstractObjectAssert;
import org.jspecify.annotations.Nullable;

/** Assertions on an {@link IngressModel}. Obtain through {@link TunnelAssertions#assertThat(IngressModel)}. */
public class IngressModelAssert extends AbstractObjectAssert<IngressModelAssert, @Nullable IngressModel> {

  public IngressModelAssert(@Nullable IngressModel actual) {
    super(actual, IngressModelAssert.class);
  }

  /**
   * cloudflared would accept the config, and loading it found no error. Files that exist only on the
   * connector host (credentials file, CA pool) are not required: their absence is not an error here.
   */
  public IngressModelAssert isValid() {
    isNotNull();
    IngressModel model = actual;
    if (model != null) {
      List<Finding> all = new ArrayList<>(ConnectorHostFiles.atSite(model.loadFindings(), CheckSite.OFF_CONNECTOR_HOST));
      all.addAll(IngressValidator.validate(model));
      List<Finding> errors = ConfigValidity.errors(all);
      if (!errors.isEmpty()) {
        failWithMessage("%nExpecting the config %s to be valid, but:%n%s", model.source().location(), FindingDescription.of(errors));
      }
    }
    return myself;
  }

  /** No rule is shadowed by an earlier one ({@code RULE_UNREACHABLE}). */
  public IngressModelAssert hasNoUnreachableRules() {
    isNotNull();
    IngressModel model = actual;
    if (model != null) {
      List<Finding> unreachable = IngressValidator.validate(model).stream().filter(f -> f.code().equals(FindingCode.RULE_UNREACHABLE)).toList();
      if (!unreachable.isEmpty()) {
        failWithMessage("%nExpecting no unreachable rules in %s, but:%n%s", model.source().location(), FindingDescription.of(unreachable));
      }
    }
    return myself;
  }

  /** Which rule serves {@code url}, with cloudflared's exact matching: continue with {@code toService} or {@code toRule}. */
  public RoutingAssert routes(String url) {
    isNotNull();
    IngressModel model = actual;
    return new RoutingAssert(model == null ? null : TunnelRoutes.of(model).route(url));
  }

  /** Assertions on the route table in {@code table} (the {@code tunnel-doctor test} format), run against this model. */
  public RouteTableAssert routeTable(java.nio.file.Path table) {
    isNotNull();
    return new RouteTableAssert(table, actual);
  }
}
