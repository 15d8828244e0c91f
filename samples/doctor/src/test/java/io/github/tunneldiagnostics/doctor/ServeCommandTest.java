package io.github.tunneldiagnostics.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ServeCommandTest {
  @TempDir Path dir;

  private final HttpClient http = HttpClient.newBuilder().proxy(java.net.ProxySelector.of(null)).connectTimeout(Duration.ofSeconds(2)).build();

  private HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(5)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void servesEachRulesStateAsMetricsTheReadinessAndTheLastReport() throws Exception {
    try (LoopbackOrigin app = new LoopbackOrigin(200, "text/plain", "hello")) {
      // given
      int closed = LoopbackOrigin.closedPort();
      Path config = dir.resolve("config.yml");
      Files.writeString(config, """
          ingress:
            - hostname: app.test.example
              service: http://%s
            - hostname: api.test.example
              service: http://127.0.0.1:%d
            - service: http_status:404
          """.formatted(app.address(), closed));
      int port = LoopbackOrigin.closedPort();
      CommandLine commandLine = TunnelDoctor.commandLine(LoopbackOrigin.context(LoopbackOrigin.noConnectorHere(), Optional::empty));
      StringWriter err = new StringWriter();
      commandLine.setErr(new PrintWriter(err, true));
      ServeCommand serve = commandLine.getSubcommands().get("serve").getCommand();

      // when
      CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> commandLine.execute(
          "serve", "--config", config.toString(), "--listen", "127.0.0.1:" + port, "--interval", "20s", "--timeout", "8s"));
      Instant giveUp = Instant.now().plusSeconds(20);
      HttpResponse<String> ready = null;
      while (Instant.now().isBefore(giveUp)) { // the first run starts at once; poll its readiness, with a bound
        try {
          ready = get(port, "/ready");
          if (ready.statusCode() == 200) {
            break;
          }
        } catch (IOException notListeningYet) {
          // the server binds before the first run; retry
        }
        Thread.sleep(50);
      }
      HttpResponse<String> metrics = get(port, "/metrics");
      HttpResponse<String> report = get(port, "/report.json");
      serve.stop();

      // then
      assertThat(exit.get(10, TimeUnit.SECONDS)).isZero();
      assertThat(ready).isNotNull();
      assertThat(ready.statusCode()).isEqualTo(200);
      assertThat(ready.body()).startsWith("ready: ").endsWith(" runs, last verdict BROKEN\n");
      assertThat(metrics.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
      assertThat(metrics.body())
          .contains("tunnel_doctor_rule_up{rule=\"0\",hostname=\"app.test.example\",service=\"http://" + app.address() + "\",url=\"\"} 1\n")
          .contains("tunnel_doctor_rule_up{rule=\"1\",hostname=\"api.test.example\",service=\"http://127.0.0.1:" + closed + "\",url=\"\"} 0\n")
          .contains("tunnel_doctor_findings{code=\"ORIGIN_CONNECTION_REFUSED\",severity=\"error\",rule=\"1\"} 1\n")
          .contains("tunnel_doctor_verdict{verdict=\"BROKEN\"} 1\n")
          .contains("tunnel_doctor_run_failures_total 0\n")
          .contains("tunnel_doctor_interval_seconds 20\n", "tunnel_doctor_run_deadline_seconds 8\n");
      assertThat(report.statusCode()).isEqualTo(200);
      assertThat(report.body()).startsWith("{\n  \"schema\": \"tunnel-diagnostics/report/v1\",\n  \"verdict\": \"BROKEN\",\n");
      assertThat(err.toString()).isEqualTo("tunnel-doctor: serving http://127.0.0.1:" + port + "/metrics (also /ready, /report.json); diagnosing "
          + config + " every 20s, each run within 8s\n");
    }
  }

  @Test
  void aTimeoutNoShorterThanTheIntervalIsAUsageError() {
    // when
    DoctorRun run = DoctorRun.of("serve", "--config", DoctorRun.fixture("healthy.yml"), "--interval", "5s", "--timeout", "5s");

    // then
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).isEqualTo("tunnel-doctor: --timeout 5s must be shorter than --interval 5s, so that runs never overlap\n");
  }

  @Test
  void aListenAddressThatIsNotHostAndPortIsAUsageError() {
    // when
    DoctorRun run = DoctorRun.of("serve", "--config", DoctorRun.fixture("healthy.yml"), "--listen", "9810");

    // then
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).isEqualTo("tunnel-doctor: --listen 9810 is not HOST:PORT; write it like localhost:9810 or 0.0.0.0:9810\n");
  }
}
