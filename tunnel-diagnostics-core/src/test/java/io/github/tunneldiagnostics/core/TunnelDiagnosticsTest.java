package io.github.tunneldiagnostics.core;

import io.github.tunneldiagnostics.api.InvalidRouteUrlException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.github.tunneldiagnostics.api.DiagnosisReport;
import io.github.tunneldiagnostics.api.Route;
import io.github.tunneldiagnostics.api.RouteUrl;
import io.github.tunneldiagnostics.api.RouteReport;
import io.github.tunneldiagnostics.api.Verdict;
import io.github.tunneldiagnostics.api.check.Check;
import io.github.tunneldiagnostics.api.check.CheckContext;
import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.check.FindingCode;
import io.github.tunneldiagnostics.api.ingress.IngressModel;
import io.github.tunneldiagnostics.core.internal.config.ConfigLoader;
import io.github.tunneldiagnostics.core.report.MatchReport;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TunnelDiagnosticsTest {

  private static Path fixture(String name) {
    try {
      return Path.of(Objects.requireNonNull(TunnelDiagnosticsTest.class.getResource("/fixtures/TunnelDiagnosticsTest/" + name), name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void validateRunsTheStaticChecksWithOneRoutePerRuleWhenNoUrlIsGiven() {
    // given
    TunnelDiagnostics diagnostics = TunnelDiagnostics.forConfig(fixture("two-hosts.yml"));

    // when
    DiagnosisReport report = diagnostics.validate();

    // then
    assertThat(report.verdict()).isEqualTo(Verdict.HEALTHY);
    assertThat(report.results()).extracting(r -> r.checkId()).containsExactly("config", "ingress", "ingress.route");
    assertThat(report.routes()).extracting(RouteReport::route).containsExactly(
        Route.forRule(0, "http://127.0.0.1:8080"),
        Route.forRule(1, "http://127.0.0.1:8082"),
        Route.forRule(2, "http_status:404"));
  }

  @Test
  void urlsAreMatchedWithTheHostnameLowerCasedAsABrowserSendsIt() {
    // given
    TunnelDiagnostics diagnostics = TunnelDiagnostics.forConfig(fixture("two-hosts.yml"))
        .url("https://APP.Example.com:8443/Path?Q=1", "https://other.example.org/");

    // when
    DiagnosisReport report = diagnostics.validate();

    // then
    assertThat(report.routes()).extracting(RouteReport::route).containsExactly(
        Route.forUrl(RouteUrl.parse("https://app.example.com:8443/Path?Q=1"), 0, "http://127.0.0.1:8080"),
        Route.forUrl(RouteUrl.parse("https://other.example.org/"), 2, "http_status:404"));
    assertThat(report.verdict()).isEqualTo(Verdict.BROKEN);
    assertThat(report.findings()).extracting(Finding::code).containsExactly(FindingCode.HOSTNAME_NOT_ROUTED);
  }

  @Test
  void matchUsesCloudflaredsExactMatchingWithoutLowerCasing() throws ConfigException {
    // given
    TunnelDiagnostics diagnostics = TunnelDiagnostics.forConfig(fixture("two-hosts.yml"));

    // when
    RuleMatch exact = diagnostics.match("https://app.example.com:8443/x");
    RuleMatch upper = diagnostics.match("https://APP.example.com/");

    // then
    assertThat(exact.index()).isZero();
    assertThat(exact.catchAllFallback()).isFalse();
    assertThat(upper.index()).isEqualTo(2);
    assertThat(upper.catchAllFallback()).isTrue();
  }

  @Test
  void matchUrlsReportsHostAndDecodedPathForEachUrl() throws ConfigException {
    // given
    TunnelDiagnostics diagnostics = TunnelDiagnostics.forConfig(fixture("two-hosts.yml")).url("https://example.com:443/a%20b?x=%41");

    // when
    MatchReport matches = diagnostics.matchUrls();

    // then
    assertThat(matches.source().file()).isEqualTo(fixture("two-hosts.yml"));
    assertThat(matches.matches()).singleElement().satisfies(m -> {
      assertThat(m.url().text()).isEqualTo("https://example.com:443/a%20b?x=%41");
      assertThat(m.url().hostname()).isEqualTo("example.com");
      assertThat(m.url().path()).isEqualTo("/a b");
      assertThat(m.rule().index()).isEqualTo(1);
      assertThat(m.fallback()).isFalse();
    });
  }

  @Test
  void matchUrlsNamesTheFirstLaterRuleThatAlsoMatchesButNeverGetsTheUrl() throws ConfigException {
    // given
    TunnelDiagnostics diagnostics = TunnelDiagnostics.forConfig(fixture("wildcard-first.yml"))
        .url("https://api.example.com/v1/users", "https://api.example.com/v2/users", "https://example.com/v1/");

    // when
    MatchReport matches = diagnostics.matchUrls();

    // then
    assertThat(matches.matches()).extracting(m -> m.rule().index()).containsExactly(0, 0, 2);
    assertThat(matches.matches()).extracting(m -> m.shadowed() == null ? -1 : m.shadowed().index()).containsExactly(1, -1, -1);
    assertThat(matches.matches().get(0).explanation()).isEqualTo(
        "The host ends with '.example.com', which the wildcard matches (it never matches the apex); it is the first rule"
            + " that matches. Rule #1 (api.example.com path ^/v1/) matches too, but comes later, so it never sees this URL.");
  }

  @Test
  void aConfigThatCannotBeLoadedBecomesABrokenReportWithItsFinding(@TempDir Path dir) {
    // given
    TunnelDiagnostics missing = TunnelDiagnostics.forConfig(dir.resolve("config.yml"));
    TunnelDiagnostics notYaml = TunnelDiagnostics.forConfig(fixture("not-yaml.yml"));

    // when
    DiagnosisReport missingReport = missing.validate();
    DiagnosisReport notYamlReport = notYaml.validate();

    // then
    assertThat(missingReport.verdict()).isEqualTo(Verdict.BROKEN);
    assertThat(missingReport.ingress()).isNull();
    assertThat(missingReport.findings()).extracting(Finding::code).containsExactly(FindingCode.CONFIG_NOT_FOUND);
    assertThat(notYamlReport.verdict()).isEqualTo(Verdict.BROKEN);
    assertThat(notYamlReport.findings()).extracting(Finding::code).containsExactly(FindingCode.CONFIG_YAML_INVALID);
  }

  @Test
  void aUrlCloudflaredRefusesThrowsWithCloudflaredsMessage() {
    // given
    TunnelDiagnostics diagnostics = TunnelDiagnostics.forConfig(fixture("two-hosts.yml")).url("app.example.com");

    // when / then
    assertThatExceptionOfType(InvalidRouteUrlException.class)
        .isThrownBy(diagnostics::validate)
        .withMessage("app.example.com doesn't have a hostname, consider adding a scheme");
  }

  @Test
  void everySetterReturnsANewInstanceAndLeavesTheOriginalUnchanged() throws ConfigException {
    // given
    IngressModel model = ConfigLoader.load(fixture("two-hosts.yml"));
    TunnelDiagnostics base = TunnelDiagnostics.forModel(model);

    // when
    TunnelDiagnostics withUrl = base.url("https://example.com/");
    TunnelDiagnostics withTwo = withUrl.url("https://app.example.com/");

    // then
    assertThat(base.urls()).isEmpty();
    assertThat(withUrl.urls()).containsExactly("https://example.com/");
    assertThat(withTwo.urls()).containsExactly("https://example.com/", "https://app.example.com/");
    assertThat(base.load()).isSameAs(model);
  }

  @Test
  void customChecksRunAfterTheStandardOnes() throws ConfigException {
    // given
    Check custom = new Check() {
      @Override
      public String id() {
        return "custom.policy";
      }

      @Override
      public List<Finding> run(CheckContext context) {
        return List.of(Finding.warning("POLICY_VIOLATION").check(id()).subject("rule #0").message("m").rule(0).build());
      }
    };
    TunnelDiagnostics diagnostics = TunnelDiagnostics.forModel(ConfigLoader.load(fixture("two-hosts.yml"))).check(custom);

    // when
    DiagnosisReport report = diagnostics.validate();

    // then
    assertThat(report.verdict()).isEqualTo(Verdict.DEGRADED);
    assertThat(report.results()).extracting(r -> r.checkId()).containsExactly("config", "ingress", "ingress.route", "custom.policy");
    assertThat(report.routes().get(0).verdict()).isEqualTo(Verdict.DEGRADED);
  }

  @Test
  void rejectsATimeoutThatIsNotPositive() {
    // given
    TunnelDiagnostics diagnostics = TunnelDiagnostics.forConfig(fixture("two-hosts.yml"));

    // when / then
    assertThatIllegalArgumentException()
        .isThrownBy(() -> diagnostics.timeout(Duration.ZERO))
        .withMessage("'timeout' must be positive but was PT0S");
  }

  @Test
  void standardStaticChecksAreConfigIngressAndRoute() {
    // when
    List<Check> checks = TunnelDiagnostics.standardStaticChecks();

    // then
    assertThat(checks).extracting(Check::id).containsExactly("config", "ingress", "ingress.route");
  }
}
