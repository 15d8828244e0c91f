package io.github.tunneldiagnostics.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tunneldiagnostics.core.ConnectorOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiagnoseCommandTest {
  @TempDir Path dir;

  private ConnectorOptions noConnector;

  @BeforeEach
  void noConnectorOnThisMachine() throws IOException {
    noConnector = LoopbackOrigin.noConnectorHere();
  }

  private Path config(String... hostnameAndService) throws IOException {
    StringBuilder yaml = new StringBuilder("ingress:\n");
    for (int i = 0; i < hostnameAndService.length; i += 2) {
      yaml.append("  - hostname: ").append(hostnameAndService[i]).append("\n    service: ").append(hostnameAndService[i + 1]).append('\n');
    }
    yaml.append("  - service: http_status:404\n");
    Path file = dir.resolve("config.yml");
    Files.writeString(file, yaml);
    return file;
  }

  private DoctorContext context() {
    return LoopbackOrigin.context(noConnector, Optional::empty);
  }

  @Test
  void healthyOriginExitsWithZeroAndShowsTheOriginReachable() throws IOException {
    try (LoopbackOrigin app = new LoopbackOrigin(200, "text/plain", "hello")) {
      // given
      Path file = config("app.test.example", "http://" + app.address());

      // when
      DoctorRun run = LoopbackOrigin.run(context(), "diagnose", "--config", file.toString());

      // then
      assertThat(run.exitCode()).isZero();
      assertThat(run.out()).startsWith("Verdict: HEALTHY (0 errors, 0 warnings, ");
      assertThat(run.out()).contains("  ORIGIN_REACHABLE at rule #0 http://" + app.address() + " [origin]\n");
      assertThat(run.out()).contains("CONNECTOR_NOT_FOUND");
      assertThat(run.err()).isEmpty();
    }
  }

  @Test
  void refusedOriginExitsWithOneAndIsReportedInJsonWithoutTheDiagnoseCommandNamed() throws IOException {
    // given
    int port = LoopbackOrigin.closedPort();
    Path file = config("app.test.example", "http://127.0.0.1:" + port);

    // when
    DoctorRun run = LoopbackOrigin.run(context(), "--config", file.toString(), "--format", "json");

    // then
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).startsWith("{\n  \"schema\": \"tunnel-diagnostics/report/v1\",\n  \"verdict\": \"BROKEN\",");
    assertThat(run.out()).contains(
        "\"code\": \"ORIGIN_CONNECTION_REFUSED\"",
        "\"subject\": \"rule #0 http://127.0.0.1:" + port + "\"",
        "{\n      \"url\": \"rule #0\",\n      \"rule\": 0,\n      \"service\": \"http://127.0.0.1:" + port + "\",\n      \"verdict\": \"BROKEN\"\n    }");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void urlLimitsTheDiagnosisToTheRuleThatServesItWithTheHostnameLowerCased() throws IOException {
    try (LoopbackOrigin app = new LoopbackOrigin(200, "text/plain", "hello")) {
      // given
      Path file = config("app.test.example", "http://" + app.address(), "api.test.example", "http://127.0.0.1:" + LoopbackOrigin.closedPort());

      // when
      DoctorRun run = LoopbackOrigin.run(context(), "diagnose", "--config", file.toString(), "--url", "https://APP.Test.Example/x");

      // then
      assertThat(run.exitCode()).isZero();
      assertThat(run.out()).contains("  https://app.test.example/x  HEALTHY\n");
      assertThat(run.out()).doesNotContain("ORIGIN_CONNECTION_REFUSED", "rule #1");
    }
  }

  @Test
  void strictTurnsADegradedVerdictIntoExitOne() throws IOException {
    try (LoopbackOrigin app = new LoopbackOrigin(200, "text/plain", "hello")) {
      // given: a misspelt key cloudflared ignores is only a warning
      Path file = dir.resolve("config.yml");
      Files.writeString(file, "ingress:\n  - hostname: app.test.example\n    service: http://" + app.address()
          + "\n    originRequest:\n      conectTimeout: 5s\n  - service: http_status:404\n");

      // when
      DoctorRun lenient = LoopbackOrigin.run(context(), "--config", file.toString(), "--quiet");
      DoctorRun strict = LoopbackOrigin.run(context(), "--config", file.toString(), "--strict");

      // then
      assertThat(lenient.exitCode()).isZero();
      assertThat(lenient.out()).startsWith("Verdict: DEGRADED").contains("CONFIG_UNKNOWN_KEY");
      assertThat(strict.exitCode()).isEqualTo(1);
    }
  }

  @Test
  void quietPrintsNothingWhenHealthy() throws IOException {
    try (LoopbackOrigin app = new LoopbackOrigin(200, "text/plain", "hello")) {
      // given
      Path file = config("app.test.example", "http://" + app.address());

      // when
      DoctorRun run = LoopbackOrigin.run(context(), "--config", file.toString(), "--quiet");

      // then
      assertThat(run.exitCode()).isZero();
      assertThat(run.out()).isEmpty();
      assertThat(run.err()).isEmpty();
    }
  }

  @Test
  void probesTheConnectorsEffectiveIngressAndSaysSo() throws IOException {
    try (LoopbackOrigin app = new LoopbackOrigin(200, "text/plain", "hello");
        LoopbackOrigin connector = new LoopbackOrigin(Map.of(
            "/ready", new LoopbackOrigin.Answer(200, "application/json",
                "{\"status\":200,\"readyConnections\":4,\"connectorId\":\"5c3f1d7e-9b2a-4e8f-a1c6-0123456789ab\"}"),
            "/config", new LoopbackOrigin.Answer(200, "application/json",
                "{\"version\": -1, \"config\": {\"ingress\": [{\"hostname\": \"app.test.example\", \"service\": \"http://" + app.address()
                    + "\"}, {\"service\": \"http_status:404\"}]}}")))) {
      // given: the file still names a port where nothing listens; the connector runs the right one
      int stale = LoopbackOrigin.closedPort();
      Path file = config("app.test.example", "http://127.0.0.1:" + stale);

      // when
      DoctorRun run = LoopbackOrigin.run(context(), "--config", file.toString(), "--metrics", connector.address(), "--format", "json");

      // then
      assertThat(run.exitCode()).isEqualTo(1);
      assertThat(run.out()).contains(
          "\"path\": \"" + connector.address() + "\"",
          "\"source\": \"connector\"",
          "\"code\": \"CONNECTOR_CONFIG_DRIFT\"",
          "\"code\": \"ORIGIN_REACHABLE\"",
          "\"service\": \"http://" + app.address() + "\"");
      assertThat(run.out()).doesNotContain("ORIGIN_CONNECTION_REFUSED");
    }
  }

  @Test
  void textReportSaysTheRulesCameFromTheRunningConnector() throws IOException {
    try (LoopbackOrigin app = new LoopbackOrigin(200, "text/plain", "hello");
        LoopbackOrigin connector = new LoopbackOrigin(Map.of(
            "/ready", new LoopbackOrigin.Answer(200, "application/json", "{\"status\":200,\"readyConnections\":4}"),
            "/config", new LoopbackOrigin.Answer(200, "application/json",
                "{\"version\": 3, \"config\": {\"ingress\": [{\"hostname\": \"app.test.example\", \"service\": \"http://" + app.address()
                    + "\"}, {\"service\": \"http_status:404\"}]}}")))) {
      // given: a remotely managed tunnel; no config file at all
      DoctorContext context = LoopbackOrigin.context(noConnector, Optional::empty);

      // when
      DoctorRun run = LoopbackOrigin.run(context, "--metrics", connector.address());

      // then
      assertThat(run.exitCode()).isZero();
      assertThat(run.out().replaceAll("\\s+", " ")).contains(
          "Config: the running connector's ingress (/config at " + connector.address() + ", remotely managed, version 3), 2 rules",
          "CONNECTOR_REMOTE_CONFIG",
          "ORIGIN_REACHABLE at rule #0 http://" + app.address());
    }
  }

  @Test
  void demoReportsTheTypicalFaults() {
    // when
    DoctorRun run = LoopbackOrigin.run(context(), "--demo", "--format", "json");

    // then
    assertThat(run.exitCode()).isEqualTo(1);
    Matcher codes = Pattern.compile("\"code\": \"([A-Z_]+)\"").matcher(run.out());
    var found = codes.results().map(m -> m.group(1)).collect(Collectors.toSet());
    assertThat(found).contains("ORIGIN_REACHABLE", "ORIGIN_CONNECTION_REFUSED", "ORIGIN_CERT_UNTRUSTED", "ORIGIN_HTTP_ERROR");
    if (!run.err().contains("no IPv6 loopback")) {
      assertThat(found).contains("ORIGIN_BOUND_ELSEWHERE");
    }
    assertThat(run.out()).contains("\"url\": \"https://app.demo.example/\"", "\"url\": \"https://shop.demo.example/\"");
    assertThat(run.err()).startsWith("tunnel-doctor: demo: loopback origins with typical faults");
  }

  @Test
  void withoutConfigOrConnectorSaysSoInTwoLinesAndPointsAtTheDemo() {
    // when
    DoctorRun run = LoopbackOrigin.run(context());

    // then
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).isEqualTo(
        "tunnel-doctor: no cloudflared config found (~/.cloudflared, ~/.cloudflare-warp, ~/cloudflare-warp, /etc/cloudflared, "
            + "/usr/local/etc/cloudflared) and no connector answers at localhost:20241-20245.\n"
            + "Pass --config FILE (and --metrics HOST:PORT), or run 'tunnel-doctor --demo' to see what the doctor does.\n");
  }

  @Test
  void usesTheConfigFoundInCloudflaredsDefaultPlaces() throws IOException {
    try (LoopbackOrigin app = new LoopbackOrigin(200, "text/plain", "hello")) {
      // given
      Path file = config("app.test.example", "http://" + app.address());

      // when
      DoctorRun run = LoopbackOrigin.run(LoopbackOrigin.context(noConnector, () -> Optional.of(file)));

      // then
      assertThat(run.exitCode()).isZero();
      assertThat(run.out().replaceAll("\\s+", " ")).contains("Config: " + file + ", 2 rules");
    }
  }

  @Test
  void timeoutTakesGoStyleDurationsAndRefusesBareNumbers() throws IOException {
    try (LoopbackOrigin app = new LoopbackOrigin(200, "text/plain", "hello")) {
      // given
      Path file = config("app.test.example", "http://" + app.address());

      // when
      DoctorRun ok = LoopbackOrigin.run(context(), "--config", file.toString(), "--timeout", "1m");
      DoctorRun bad = LoopbackOrigin.run(context(), "--config", file.toString(), "--timeout", "10");

      // then
      assertThat(ok.exitCode()).isZero();
      assertThat(bad.exitCode()).isEqualTo(2);
      assertThat(bad.err()).contains("'10' is not a duration; write it like 10s, 500ms or 1m");
    }
  }

  @Test
  void unreadableLogFileIsAUsageError() throws IOException {
    // given
    Path file = config("app.test.example", "http://127.0.0.1:" + LoopbackOrigin.closedPort());

    // when
    DoctorRun run = LoopbackOrigin.run(context(), "--config", file.toString(), "--log", dir.resolve("missing.log").toString());

    // then
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).isEqualTo("tunnel-doctor: cannot read the log file '" + dir.resolve("missing.log") + "': no such file\n");
  }

  @Test
  void namesTheDefaultCommandOnlyWhenNoCommandIsGiven() {
    assertThat(TunnelDoctor.withDefaultCommand(new String[0])).containsExactly("diagnose");
    assertThat(TunnelDoctor.withDefaultCommand(new String[] {"--demo"})).containsExactly("diagnose", "--demo");
    assertThat(TunnelDoctor.withDefaultCommand(new String[] {"--help"})).containsExactly("--help");
    assertThat(TunnelDoctor.withDefaultCommand(new String[] {"logs", "x.log"})).containsExactly("logs", "x.log");
  }
}
