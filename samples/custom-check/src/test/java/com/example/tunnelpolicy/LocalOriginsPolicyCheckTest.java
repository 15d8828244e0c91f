package com.example.tunnelpolicy;

import static io.github.tunneldiagnostics.testkit.TunnelAssertions.assertThat;

import io.github.tunneldiagnostics.api.Diagnosis;
import io.github.tunneldiagnostics.api.DiagnosisReport;
import io.github.tunneldiagnostics.api.check.Severity;
import io.github.tunneldiagnostics.api.ingress.ConfigSource;
import io.github.tunneldiagnostics.api.ingress.IngressModel;
import io.github.tunneldiagnostics.api.ingress.IngressRule;
import io.github.tunneldiagnostics.api.ingress.OriginRequest;
import io.github.tunneldiagnostics.api.ingress.OriginRequestOverrides;
import io.github.tunneldiagnostics.api.ingress.OriginService;
import io.github.tunneldiagnostics.api.ingress.WarpRouting;
import io.github.tunneldiagnostics.testkit.TunnelRoutes;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalOriginsPolicyCheckTest {

  static IngressRule rule(int index, String hostname, OriginService service) {
    return IngressRule.builder().index(index).hostname(hostname).service(service.toString()).build();
  }

  static IngressModel model(IngressRule... rules) {
    return IngressModel.builder().source(ConfigSource.inline("policy test")).rules(List.of(rules)).build();
  }

  @Test
  void serviceLoaderDiscoveryFindsThePolicyAndItFlagsARemotePlainTextOrigin() {
    // given: rule #1 sends plain HTTP to another machine (a name only; nothing is contacted)
    IngressModel model = model(
        rule(0, "app.example.com", new OriginService.Http("http", "localhost", 8080, "http://localhost:8080")),
        rule(1, "db.example.com", new OriginService.Http("http", "db.internal", 80, "http://db.internal:80")),
        rule(2, "", new OriginService.HttpStatus(404)));
    // when
    DiagnosisReport report = Diagnosis.builder().ingress(model).discoverChecks().build().run();
    // then
    assertThat(report).finding(LocalOriginsPolicyCheck.CODE)
        .hasSeverity(Severity.WARNING)
        .hasEvidence("rule", "1")
        .hasEvidence("host", "db.internal")
        .hasMessageContaining("Rule #1 sends plain-text traffic to db.internal");
    assertThat(report).hasNoErrors();
  }

  @Test
  void loopbackAndTlsOriginsPass() {
    IngressModel model = model(
        rule(0, "a.example.com", new OriginService.Http("http", "127.0.0.1", 8080, "http://127.0.0.1:8080")),
        rule(1, "b.example.com", new OriginService.Http("https", "backend.internal", 443, "https://backend.internal:443")),
        rule(2, "", new OriginService.HttpStatus(404)));

    assertThat(Diagnosis.builder().ingress(model).check(new LocalOriginsPolicyCheck()).build().run()).isHealthy();
  }

  @Test
  void theTestkitPicksThePolicyUpFromTheClassPath() {
    // given: the testkit's static validation of a model, with this module's META-INF/services on the class path
    IngressModel model = model(
        rule(0, "db.example.com", new OriginService.Http("http", "db.internal", 80, "http://db.internal:80")),
        rule(1, "", new OriginService.HttpStatus(404)));
    // when
    DiagnosisReport validation = TunnelRoutes.of(model).validate();
    // then
    assertThat(validation).hasFinding(LocalOriginsPolicyCheck.CODE, Severity.WARNING);
  }
}
