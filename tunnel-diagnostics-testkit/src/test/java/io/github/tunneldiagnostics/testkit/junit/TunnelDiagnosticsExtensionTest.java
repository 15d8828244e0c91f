package io.github.tunneldiagnostics.testkit.junit;

import static io.github.tunneldiagnostics.testkit.TunnelAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import io.github.tunneldiagnostics.api.DiagnosisReport;
import io.github.tunneldiagnostics.api.check.FindingCode;
import io.github.tunneldiagnostics.api.check.Severity;
import io.github.tunneldiagnostics.api.check.Resolver;
import io.github.tunneldiagnostics.api.ingress.IngressModel;
import io.github.tunneldiagnostics.testkit.TunnelRoutes;
import io.github.tunneldiagnostics.testkit.fake.FakeOrigin;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

class TunnelDiagnosticsExtensionTest {

  static final Resolver LOOPBACK = host -> {
    if (!host.equals("localhost")) {
      throw new UnknownHostException(host);
    }
    return List.of(InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1}));
  };

  static EngineExecutionResults run(Class<?> testClass) {
    return EngineTestKit.engine("junit-jupiter").selectors(selectClass(testClass)).execute();
  }

  // ---- test classes run through EngineTestKit (static nested: Surefire does not run them directly)

  @TunnelDiagnosticsTest(config = "classpath:cloudflared/config.yml")
  static class DeclarativeInjection {
    @Test
    void injectsRoutesModelAndReport(TunnelRoutes tunnel, IngressModel model, DiagnosisReport validation) {
      assertThat(model.rules()).hasSize(3);
      assertThat(tunnel.model()).isSameAs(model);
      // the credentials file exists only on the connector host: a warning off it, never an error
      assertThat(validation).hasNoErrors().finding(FindingCode.CREDENTIALS_MISSING).hasSeverity(Severity.WARNING)
          .hasEvidence("neededOn", "the connector host");
      assertThat(validation.ingress()).isSameAs(model); // the static validation of the injected model
      assertThat(model).routes("https://api.example.com/").toService("http://localhost:8080");
    }

    @Nested
    class Inner {
      @Test
      void nestedClassSharesTheConfig(IngressModel model) {
        assertThat(model.source().location()).isEqualTo("classpath:cloudflared/config.yml");
      }
    }
  }

  @TunnelDiagnosticsTest(config = "classpath:cloudflared/config.yml")
  static class NestedWithOwnConfig {
    @Test
    void outerClassGetsItsConfig(IngressModel model) {
      assertThat(model.source().location()).isEqualTo("classpath:cloudflared/config.yml");
    }

    @Nested
    @TunnelDiagnosticsTest(config = "classpath:cloudflared/invalid.yml", requireValidConfig = false)
    class Inner {
      @Test
      void nestedClassGetsItsOwnConfig(IngressModel model) {
        assertThat(model.source().location()).isEqualTo("classpath:cloudflared/invalid.yml");
      }
    }
  }

  @TunnelDiagnosticsTest(config = "classpath:cloudflared/missing.yml")
  static class MissingConfig {
    @Test
    void neverRuns(IngressModel model) {}
  }

  @TunnelDiagnosticsTest(config = "classpath:cloudflared/invalid.yml")
  static class InvalidConfig {
    @Test
    void neverRuns(IngressModel model) {}
  }

  @TunnelDiagnosticsTest(config = "classpath:cloudflared/invalid.yml", requireValidConfig = false)
  static class InvalidConfigAllowed {
    @Test
    void runs(DiagnosisReport validation) {
      assertThat(validation).hasFinding("INGRESS_INVALID");
    }
  }

  @TunnelDiagnosticsTest(config = "classpath:cloudflared/config.yml", timeout = "ten seconds")
  static class BadTimeout {
    @Test
    void neverRuns(IngressModel model) {}
  }

  @Execution(ExecutionMode.CONCURRENT)
  static class ProgrammaticWithOverride {
    static final FakeOrigin APP = FakeOrigin.healthy().start();

    @AfterAll
    static void stopApp() {
      APP.close(); // the origin lives as long as this class, not as long as the JVM
    }

    @RegisterExtension
    static final TunnelDiagnosticsExtension TUNNEL = TunnelDiagnosticsExtension.builder()
        .config("classpath:cloudflared/config.yml")
        .withService("http://localhost:8080", () -> "http://localhost:" + APP.port())
        .resolver(LOOPBACK)
        .timeout(Duration.ofSeconds(3))
        .build();

    @Test
    void routeResolvesToTheAppOnItsRandomPort(TunnelRoutes tunnel) {
      assertThat(tunnel.route("https://api.example.com/health")).resolvesToLiveOrigin();
      assertThat(tunnel.overrides()).hasSize(1);
    }

    @Test
    void catchAllIsNoLiveOrigin(TunnelRoutes tunnel) {
      assertThat(tunnel.route("https://unknown.example.com/")).isServedByRule(2);
    }
  }

  // ---- the tests

  static final String INVALID_CONFIG_MESSAGE = """
      The cloudflared config classpath:cloudflared/invalid.yml is not valid (requireValidConfig = true):
        INGRESS_INVALID — rule #0
          cloudflared refuses the ingress rules because of rule #0 (api.example.com:443) at classpath:cloudflared/invalid.yml:2:5: \
      Hostname cannot contain a port
          fix: remove the port from rule #0's hostname: hostname: api.example.com (cloudflared ignores the request's port \
      when it matches hostnames)
      """;

  @Test
  void declarativeExtensionInjectsAndNestedClassesShareTheConfig() {
    run(DeclarativeInjection.class).testEvents().assertStatistics(stats -> stats.started(2).succeeded(2).failed(0));
  }

  @Test
  void nestedClassWithItsOwnAnnotationGetsItsOwnConfig() {
    run(NestedWithOwnConfig.class).testEvents().assertStatistics(stats -> stats.started(2).succeeded(2).failed(0));
  }

  @Test
  void missingConfigFailsTheClassWithWhereToPutIt() {
    run(MissingConfig.class).containerEvents().assertThatEvents().haveExactly(1, finishedWithFailure(
        instanceOf(AssertionError.class),
        message("No cloudflared config on the class path at 'cloudflared/missing.yml'. Put it under src/test/resources/cloudflared/missing.yml or name the right resource.")));
  }

  @Test
  void invalidConfigFailsTheClassWithCloudflaredsMessage() {
    run(InvalidConfig.class).containerEvents().assertThatEvents().haveExactly(1, finishedWithFailure(
        instanceOf(AssertionError.class),
        message(INVALID_CONFIG_MESSAGE)));
  }

  @Test
  void invalidConfigCanBeAllowedAndInspected() {
    run(InvalidConfigAllowed.class).testEvents().assertStatistics(stats -> stats.succeeded(1).failed(0));
  }

  @Test
  void badTimeoutIsAConfigurationError() {
    run(BadTimeout.class).containerEvents().assertThatEvents().haveExactly(1, finishedWithFailure(
        instanceOf(ExtensionConfigurationException.class),
        message("@TunnelDiagnosticsTest(timeout = \"ten seconds\") on " + BadTimeout.class.getName()
            + " is not an ISO-8601 duration; write e.g. \"PT10S\"")));
  }

  @Test
  void programmaticExtensionAppliesTheServiceOverrideInParallelTests() {
    run(ProgrammaticWithOverride.class).testEvents().assertStatistics(stats -> stats.started(2).succeeded(2).failed(0));
  }
}
