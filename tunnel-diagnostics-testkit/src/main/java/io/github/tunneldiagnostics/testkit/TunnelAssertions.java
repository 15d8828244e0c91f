package io.github.tunneldiagnostics.testkit;

import io.github.tunneldiagnostics.api.DiagnosisReport;
import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.ingress.IngressModel;
import io.github.tunneldiagnostics.core.fix.ConfigPatch;
import org.jspecify.annotations.Nullable;

/**
 * The entry point of the testkit's AssertJ assertions.
 *
 * <pre>{@code
 * import static io.github.tunneldiagnostics.testkit.TunnelAssertions.assertThat;
 *
 * assertThat(tunnel.route("https://api.example.com/health")).resolvesToLiveOrigin();
 * assertThat(tunnel.model()).isValid().routes("https://api.example.com/v1").toService("http://localhost:8080");
 * assertThat(report).hasNoErrors();
 * assertThat(report).finding("ORIGIN_CONNECTION_REFUSED").hasEvidence("rule", "0");
 * }</pre>
 *
 * It does not extend AssertJ's {@code Assertions}; import both where you need both.
 */
public final class TunnelAssertions {
  private TunnelAssertions() {}

  /** Assertions on a diagnosis report. */
  public static DiagnosisReportAssert assertThat(@Nullable DiagnosisReport actual) {
    return new DiagnosisReportAssert(actual);
  }

  /** Assertions on one finding. */
  public static FindingAssert assertThat(@Nullable Finding actual) {
    return new FindingAssert(actual);
  }

  /** Assertions on a config patch: what it applies and refuses, which rules get a new target, its diff. */
  public static ConfigPatchAssert assertThat(@Nullable ConfigPatch actual) {
    return new ConfigPatchAssert(actual);
  }

  /** Assertions on an ingress model: validity and routing. */
  public static IngressModelAssert assertThat(@Nullable IngressModel actual) {
    return new IngressModelAssert(actual);
  }

  /** Assertions on a route: {@code assertThat(tunnel.route("https://api.example.com")).resolvesToLiveOrigin()}. */
  public static TunnelRouteAssert assertThat(@Nullable TunnelRoute actual) {
    return new TunnelRouteAssert(actual);
  }

  /** BDD alias of {@link #assertThat(IngressModel)}. */
  /** Assertions on the route table in {@code table}, run against the config it names ({@code config:}). */
  public static RouteTableAssert assertThatRouteTable(java.nio.file.@Nullable Path table) {
    return new RouteTableAssert(table, null);
  }

  public static IngressModelAssert then(@Nullable IngressModel actual) {
    return assertThat(actual);
  }

  /** BDD alias of {@link #assertThat(TunnelRoute)}. */
  public static TunnelRouteAssert then(@Nullable TunnelRoute actual) {
    return assertThat(actual);
  }

  /** BDD alias of {@link #assertThat(DiagnosisReport)}. */
  public static DiagnosisReportAssert then(@Nullable DiagnosisReport actual) {
    return assertThat(actual);
  }

  /** BDD alias of {@link #assertThat(Finding)}. */
  public static FindingAssert then(@Nullable Finding actual) {
    return assertThat(actual);
  }
}
