package io.github.tunneldiagnostics.samples.springboot;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.github.tunneldiagnostics.api.DiagnosisReport;
import io.github.tunneldiagnostics.core.TunnelDiagnostics;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.actuate.autoconfigure.health.HealthContributorAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.health.HealthEndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.metrics.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The health contributor and the meters in a Spring Boot context, against a real loopback origin. */
class TunnelHealthTest {
  @TempDir Path dir;

  private HttpServer app;
  private Path config;
  private int closed;

  @BeforeEach
  void startAnOriginAndWriteAConfig() throws Exception {
    InetAddress loopback = InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
    app = HttpServer.create(new InetSocketAddress(loopback, 0), 8);
    app.createContext("/", exchange -> {
      try (exchange) {
        exchange.sendResponseHeaders(200, 2);
        exchange.getResponseBody().write("ok".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      }
    });
    app.start();
    try (ServerSocket socket = new ServerSocket(0, 1, loopback)) {
      closed = socket.getLocalPort();
    }
    config = dir.resolve("config.yml");
  }

  @AfterEach
  void stopTheOrigin() {
    app.stop(0);
  }

  private ApplicationContextRunner context(String service) throws Exception {
    Files.writeString(config, """
        ingress:
          - hostname: app.example.com
            service: %s
          - service: http_status:404
        """.formatted(service));
    return new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(TunnelDoctorAutoConfiguration.class, HealthContributorAutoConfiguration.class,
            HealthEndpointAutoConfiguration.class, MetricsAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class))
        .withPropertyValues("tunnel.doctor.config=" + config, "tunnel.doctor.urls=https://app.example.com/", "tunnel.doctor.health-wait=30s",
            "management.endpoint.health.show-details=always")
        // loopback only: no connector lookup on this machine
        .withBean(TunnelDiagnostics.class, () -> TunnelDiagnostics.forConfig(config).url("https://app.example.com/").noConnector()
            .timeout(Duration.ofSeconds(10)));
  }

  @Test
  void aReachableOriginIsUpWithTheRoutesVerdictAndAGaugeOfOne() throws Exception {
    context("http://127.0.0.1:" + app.getAddress().getPort()).run(spring -> {
      // when
      Health health = (Health) spring.getBean(HealthEndpoint.class).healthForPath("tunnel");

      // then
      assertThat(health.getStatus()).isEqualTo(Status.UP);
      assertThat(health.getDetails()).containsEntry("verdict", "HEALTHY")
          .containsEntry("routes", Map.of("https://app.example.com/ (rule #0 http://127.0.0.1:" + app.getAddress().getPort() + ")", "HEALTHY"));
      MeterRegistry meters = spring.getBean(MeterRegistry.class);
      assertThat(meters.get("tunnel.route.up").tag("rule", "0").gauge().value()).isEqualTo(1.0);
      assertThat(meters.get("tunnel.verdict.broken").gauge().value()).isZero();
    });
  }

  @Test
  void aRefusedOriginIsDownWithTheFindingAndItsFix() throws Exception {
    context("http://127.0.0.1:" + closed).run(spring -> {
      // when
      Health health = (Health) spring.getBean(HealthEndpoint.class).healthForPath("tunnel");

      // then
      assertThat(health.getStatus()).isEqualTo(Status.DOWN);
      assertThat(health.getDetails()).containsEntry("verdict", "BROKEN");
      @SuppressWarnings("unchecked")
      List<Map<String, String>> findings = (List<Map<String, String>>) health.getDetails().get("findings");
      assertThat(findings).extracting(f -> f.get("code")).contains("ORIGIN_CONNECTION_REFUSED");
      assertThat(findings.get(0).get("fix")).isNotEmpty();
      assertThat(spring.getBean(MeterRegistry.class).get("tunnel.route.up").gauge().value()).isZero();
    });
  }

  @Test
  void theHealthCheckNeverWaitsPastItsWaitForASlowDiagnosis() throws Exception {
    // given: a diagnosis that does not finish until the test lets it
    CountDownLatch release = new CountDownLatch(1);
    DiagnosisReport healthy = DiagnosisReport.of(Instant.now(), Duration.ZERO, null, List.of(), List.of());
    try (CachedDiagnosis diagnosis = new CachedDiagnosis(() -> {
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return healthy;
    }, Duration.ofMinutes(1), Duration.ofMillis(50), Clock.systemUTC())) {
      TunnelHealthIndicator indicator = new TunnelHealthIndicator(diagnosis);

      // when: asked while the diagnosis still runs
      Health waiting = indicator.health();
      release.countDown();
      Health after = null;
      for (int i = 0; i < 200 && (after == null || !Status.UP.equals(after.getStatus())); i++) {
        after = indicator.health(); // waits at most 50 ms each
      }

      // then
      assertThat(waiting.getStatus()).isEqualTo(Status.UNKNOWN);
      assertThat(waiting.getDetails()).containsEntry("reason", "the first tunnel diagnosis has not finished yet");
      assertThat(after).isNotNull();
      assertThat(after.getStatus()).isEqualTo(Status.UP);
    }
  }
}
