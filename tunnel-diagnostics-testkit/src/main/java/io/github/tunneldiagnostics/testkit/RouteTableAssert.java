package io.github.tunneldiagnostics.testkit;

import io.github.tunneldiagnostics.api.ingress.IngressModel;
import io.github.tunneldiagnostics.api.ingress.IngressRule;
import io.github.tunneldiagnostics.core.ConfigException;
import io.github.tunneldiagnostics.core.TunnelDiagnostics;
import io.github.tunneldiagnostics.core.internal.report.RouteTableWriter;
import io.github.tunneldiagnostics.core.internal.routetable.CaseResult;
import io.github.tunneldiagnostics.core.internal.routetable.RouteTable;
import io.github.tunneldiagnostics.core.internal.routetable.RouteTableException;
import io.github.tunneldiagnostics.core.internal.routetable.RouteTableLoader;
import io.github.tunneldiagnostics.core.internal.routetable.RouteTableResult;
import io.github.tunneldiagnostics.core.internal.routetable.RouteTableRun;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.assertj.core.api.AbstractAssert;
import org.jspecify.annotations.Nullable;

/**
 * Assertions on a route table (the {@code tunnel-doctor test} format, see the README): the same cases run
 * from a Java build. Obtain through {@link TunnelAssertions#assertThatRouteTable(Path)} (the config the
 * table names) or {@link IngressModelAssert#routeTable(Path)} (the model under test). The table runs once,
 * on the first assertion; cases with {@code originAnswers: true} probe their origin within 10 seconds.
 */
public class RouteTableAssert extends AbstractAssert<RouteTableAssert, @Nullable Path> {
  private static final Duration ORIGIN_TIMEOUT = Duration.ofSeconds(10);

  private final @Nullable IngressModel model;
  private @Nullable RouteTableResult result;

  RouteTableAssert(@Nullable Path table, @Nullable IngressModel model) {
    super(table, RouteTableAssert.class);
    this.model = model;
  }

  /** Every case passes: its URL lands on the rule, hostname, service or catch-all it names, and its origin answers when asked. */
  public RouteTableAssert allCasesPass() {
    RouteTableResult run = result();
    List<CaseResult> failed = run.failures();
    if (!failed.isEmpty()) {
      failWithMessage("%nExpecting every case of the route table %s to pass, but %d of %d failed:%n%s", actual, failed.size(),
          run.cases().size(), RouteTableWriter.text(run, 0));
    }
    return myself;
  }

  /** Some case lands on every rule of the config, the catch-all included. */
  public RouteTableAssert coversEveryRule() {
    return hasCoverageAtLeast(100);
  }

  /** The cases land on at least {@code percent} (0–100) of the config's rules. */
  public RouteTableAssert hasCoverageAtLeast(double percent) {
    RouteTableResult run = result();
    if (run.coveragePercent() < percent) {
      StringBuilder uncovered = new StringBuilder();
      for (IngressRule rule : run.uncoveredRules()) {
        uncovered.append("  ").append(rule.label()).append(' ').append(rule.service()).append(System.lineSeparator());
      }
      failWithMessage("%nExpecting the route table %s to cover at least %s of the rules of %s, but it covers %d of %d; no case lands on:%n%s",
          actual, percent(percent), run.model().source().location(), run.coveredRules().size(), run.model().rules().size(), uncovered);
    }
    return myself;
  }

  private RouteTableResult result() {
    isNotNull();
    RouteTableResult done = result;
    if (done != null) {
      return done;
    }
    Path table = java.util.Objects.requireNonNull(actual);
    RouteTable routes;
    try {
      routes = RouteTableLoader.load(table);
    } catch (RouteTableException e) {
      failWithMessage("%nExpecting a readable route table, but %s", e.getMessage());
      throw new AssertionError(e.getMessage());
    }
    IngressModel tested = model;
    if (tested == null) {
      Path config = routes.config();
      if (config == null) {
        failWithMessage("%nExpecting the route table %s to name its config ('config: config.yml'), or use assertThat(model).routeTable(table)", table);
        throw new AssertionError("no config");
      }
      try {
        tested = TunnelDiagnostics.forConfig(config).load();
      } catch (ConfigException e) {
        failWithMessage("%nExpecting the config %s of the route table %s to load, but: %s", config, table, e.finding().message());
        throw new AssertionError(e.getMessage());
      }
    }
    done = RouteTableRun.run(routes, tested, ORIGIN_TIMEOUT);
    result = done;
    return done;
  }

  private static String percent(double value) {
    return value == Math.rint(value) ? String.format(java.util.Locale.ROOT, "%.0f%%", value) : String.format(java.util.Locale.ROOT, "%.1f%%", value);
  }
}
