package io.github.tunneldiagnostics.testkit;

import io.github.tunneldiagnostics.api.DiagnosisReport;
import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.ingress.IngressModel;
import io.github.tunneldiagnostics.core.fix.ConfigPatch;
import org.assertj.core.api.AbstractSoftAssertions;
import org.jspecify.annotations.Nullable;

/**
 * Soft versions of every {@link TunnelAssertions} assertion: failures are collected and reported together
 * by {@link #assertAll()}. Works with AssertJ's {@code SoftAssertionsExtension} and
 * {@code @InjectSoftAssertions}. Soft proxies need the class path (not the module path).
 */
public class SoftTunnelAssertions extends AbstractSoftAssertions {

  /** Soft assertions on a diagnosis report. */
  public DiagnosisReportAssert assertThat(@Nullable DiagnosisReport actual) {
    return proxy(DiagnosisReportAssert.class, DiagnosisReport.class, actual);
  }

  /** Soft assertions on an ingress model. */
  public IngressModelAssert assertThat(@Nullable IngressModel actual) {
    return proxy(IngressModelAssert.class, IngressModel.class, actual);
  }

  /** Soft assertions on a route. */
  public TunnelRouteAssert assertThat(@Nullable TunnelRoute actual) {
    return proxy(TunnelRouteAssert.class, TunnelRoute.class, actual);
  }

  /** Soft assertions on one finding. */
  public FindingAssert assertThat(@Nullable Finding actual) {
    return proxy(FindingAssert.class, Finding.class, actual);
  }

  /** Soft assertions on a config patch. */
  public ConfigPatchAssert assertThat(@Nullable ConfigPatch actual) {
    return proxy(ConfigPatchAssert.class, ConfigPatch.class, actual);
  }
}
