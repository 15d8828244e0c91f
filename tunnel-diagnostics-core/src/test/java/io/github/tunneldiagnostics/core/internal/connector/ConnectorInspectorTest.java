package io.github.tunneldiagnostics.core.internal.connector;

import io.github.tunneldiagnostics.core.ConnectorOptions;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.check.FindingCode;
import io.github.tunneldiagnostics.api.check.Severity;
import io.github.tunneldiagnostics.api.ingress.ConfigSource;
import io.github.tunneldiagnostics.api.ingress.IngressModel;
import io.github.tunneldiagnostics.core.internal.config.ConfigLoader;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class ConnectorInspectorTest {

  @RegisterExtension
  static WireMockExtension connector =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

  @TempDir Path temp;

  @Test
  void reportsNothingForAHealthyConnectorAndExposesTheModelItServes() throws Exception {
    // given
    serve2024("ready-4.json", 200, "config-2024.json", "diag-tunnel-2024.json");

    // when
    ConnectorReport report = inspect(options().metricsAddress(address()).fileModel(fileModel()));

    // then
    assertThat(report.findings()).isEmpty();
    assertThat(report.address()).isEqualTo(address());
    assertThat(report.ready()).isEqualTo(new ReadyStatus(200, 4, "5c3f1d7e-9b2a-4e8f-a1c6-0123456789ab"));
    IngressModel served = report.effective().orElseThrow();
    assertThat(served.source()).isEqualTo(ConfigSource.connector(address(), -1));
    assertThat(served.rules()).hasSize(3);
    assertThat(served.rule(1).service().toString()).isEqualTo("http://127.0.0.1:8081");
    assertThat(served.rule(1).originRequest().connectTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(report.tunnel()).isNotNull();
    assertThat(report.tunnel().tunnelId()).isEqualTo("6ff42ae2-765d-4adf-8112-31c55c1551ef");
    assertThat(report.tunnel().connections())
        .extracting(c -> c.index() + " " + c.protocol() + " " + c.edgeAddress())
        .containsExactly("0 quic 127.0.0.7", "1 http2 127.0.0.8", "2 quic 127.0.0.9", "3 quic 127.0.0.10");
    assertThat(report.metrics())
        .containsEntry("haConnections", "4")
        .containsEntry("requestErrors", "7")
        .containsEntry("responses.502", "7")
        .containsEntry("configVersion", "-1")
        .containsEntry("version", "2024.12.2");
  }

  @Test
  void readsA2023ConnectorWithoutDiagEndpointsWithoutNoise() throws Exception {
    // given: no /diag/tunnel (404), the 2023.x /config shape
    stub("/ready", 200, "ready-4.json");
    stub("/config", 200, "config-2023.json");
    stub("/metrics", 200, "metrics-2024.txt");

    // when
    ConnectorReport report = inspect(options().metricsAddress(address()).fileModel(fileModel()));

    // then
    assertThat(report.findings()).isEmpty();
    assertThat(report.tunnel()).isNull();
    assertThat(report.effective()).isPresent();
  }

  @Test
  void reportsNotReadyWithTheHaConnectionsCaveat() throws Exception {
    // given
    stub("/ready", 503, "ready-503.json");
    stub("/metrics", 200, "metrics-2023-not-ready.txt");

    // when
    ConnectorReport report = inspect(options().metricsAddress(address()));

    // then
    Finding finding = single(report);
    assertThat(finding.code()).isEqualTo(FindingCode.CONNECTOR_NOT_READY);
    assertThat(finding.severity()).isEqualTo(Severity.ERROR);
    assertThat(finding.check()).isEqualTo("connector");
    assertThat(finding.subject()).isEqualTo(address());
    assertThat(finding.message())
        .isEqualTo(
            "The connector at "
                + address()
                + " has no connection registered with Cloudflare's edge (/ready: HTTP 503, readyConnections 0): visitors get 530 / error 1033.");
    assertThat(finding.evidence())
        .containsEntry("source", "metrics")
        .containsEntry("readyConnections", "0")
        .containsEntry("metrics.haConnections", "1")
        .containsEntry("metrics.registerFailures", "3")
        .containsEntry("metrics.version", "2023.7.3")
        .containsEntry(
            "note",
            "cloudflared_tunnel_ha_connections counts connection attempts (incremented before registration), not live connections; /ready's readyConnections is the live count");
  }

  @Test
  void reportsDegradedWhenFewerConnectionsThanExpectedAreReady() throws Exception {
    // given
    serve2024("ready-2.json", 200, "config-2024.json", "diag-tunnel-2024.json");

    // when
    ConnectorReport report = inspect(options().metricsAddress(address()).fileModel(fileModel()));

    // then
    Finding finding = single(report);
    assertThat(finding.code()).isEqualTo(FindingCode.CONNECTOR_DEGRADED);
    assertThat(finding.severity()).isEqualTo(Severity.WARNING);
    assertThat(finding.message())
        .isEqualTo(
            "The connector at " + address() + " has 2 of 4 edge connections ready: requests still work, but a failing connection is not covered.");
  }

  @Test
  void reportsDriftRuleByRuleWhenTheConnectorRunsAnOlderConfig() throws Exception {
    // given: a 2024.12 connector started with another config file
    serve2024("ready-4.json", 200, "config-drift.json", "diag-tunnel-2024.json");
    stub("/diag/configuration", 200, "diag-configuration-2024.json");
    IngressModel file = fileModel();

    // when
    ConnectorReport report = inspect(options().metricsAddress(address()).fileModel(file));

    // then
    Finding finding = single(report);
    assertThat(finding.code()).isEqualTo(FindingCode.CONNECTOR_CONFIG_DRIFT);
    assertThat(finding.severity()).isEqualTo(Severity.ERROR);
    String location = file.source().location();
    assertThat(finding.message())
        .isEqualTo(
            "The connector at "
                + address()
                + " runs an ingress that differs from "
                + location
                + " (rule #1 service: file http://127.0.0.1:8081, running http://127.0.0.1:9090; rule #1 originRequest.connectTimeout: file 5s, running 10s): it still serves the configuration it read at start-up.");
    assertThat(finding.remediation())
        .isEqualTo(
            "Restart cloudflared (e.g. sudo systemctl restart cloudflared) so it reads "
                + location
                + "; cloudflared reads a local config only at start-up. If it was started with another --config, point it at this file.");
    assertThat(finding.evidence())
        .containsEntry("differences", "2")
        .containsEntry("difference.1", "rule #1 service: file http://127.0.0.1:8081, running http://127.0.0.1:9090")
        .containsEntry("difference.2", "rule #1 originRequest.connectTimeout: file 5s, running 10s")
        .containsEntry("rule", "1")
        .containsEntry("runningConfigFile", "/etc/cloudflared/config.yml")
        .containsEntry(
            "note",
            "the connector was started with --config /etc/cloudflared/config.yml, not " + location + ": edit that file, or start it with this one");
    assertThat(report.effective().orElseThrow().rule(1).service().toString()).isEqualTo("http://127.0.0.1:9090");
  }

  @Test
  void reportsRemoteConfigInsteadOfDrift() throws Exception {
    // given
    serve2024("ready-4.json", 200, "config-remote.json", "diag-tunnel-2024.json");

    // when
    ConnectorReport report = inspect(options().metricsAddress(address()).fileModel(fileModel()));

    // then
    Finding finding = single(report);
    assertThat(finding.code()).isEqualTo(FindingCode.CONNECTOR_REMOTE_CONFIG);
    assertThat(finding.severity()).isEqualTo(Severity.WARNING);
    assertThat(finding.message())
        .isEqualTo(
            "The connector at "
                + address()
                + " runs a remotely managed configuration (version 3, from the dashboard or API). The 3 ingress rules in "
                + fileModel().source().location()
                + " are ignored.");
    assertThat(report.effective().orElseThrow().source().isRemotelyManaged()).isTrue();
  }

  @Test
  void reportsAConnectorThatRunsAnotherTunnel() throws Exception {
    // given
    serve2024("ready-4.json", 200, "config-2024.json", "diag-tunnel-other.json");

    // when
    ConnectorReport report = inspect(options().metricsAddress(address()).fileModel(fileModel()));

    // then
    Finding finding = single(report);
    assertThat(finding.code()).isEqualTo(FindingCode.CONNECTOR_WRONG_TUNNEL);
    assertThat(finding.evidence())
        .containsEntry("runningTunnel", "0b8c1c6e-1111-4a5b-9c4d-1234567890ab")
        .containsEntry("configuredTunnel", "6ff42ae2-765d-4adf-8112-31c55c1551ef");
    assertThat(finding.message())
        .startsWith("The connector at " + address() + " serves tunnel 0b8c1c6e-1111-4a5b-9c4d-1234567890ab, but ");
  }

  @Test
  void reportsAConnectorWithoutIngressRules() throws Exception {
    // given
    serve2024("ready-4.json", 200, "config-no-ingress.json", "diag-tunnel-2024.json");

    // when
    ConnectorReport report = inspect(options().metricsAddress(address()));

    // then
    Finding finding = single(report);
    assertThat(finding.code()).isEqualTo(FindingCode.NO_INGRESS_LOADED);
    assertThat(finding.message()).isEqualTo("The connector at " + address() + " runs without ingress rules and answers 503 to every request.");
  }

  @Test
  void reportsAnErrorWhenNothingAnswersAtTheGivenAddress() throws Exception {
    // given
    String closed = "127.0.0.1:" + closedPort();

    // when
    ConnectorReport report = inspect(options().metricsAddress(closed));

    // then
    Finding finding = single(report);
    assertThat(finding.code()).isEqualTo(FindingCode.CONNECTOR_NOT_FOUND);
    assertThat(finding.severity()).isEqualTo(Severity.ERROR);
    assertThat(finding.subject()).isEqualTo(closed);
    assertThat(finding.message())
        .isEqualTo(
            "No cloudflared metrics server answers at "
                + closed
                + " (connection refused (nothing listens)): the connector is not running, or its metrics server listens elsewhere; visitors get 530 / error 1033 when no connector runs.");
    assertThat(finding.evidence()).containsEntry("namedBy." + closed, "given").containsEntry("tried." + closed, "connection refused (nothing listens)");
    assertThat(report.found()).isFalse();
    assertThat(report.effective()).isEmpty();
  }

  @Test
  void reportsInfoWhenOnlyTheDefaultAddressesWereTried() throws Exception {
    // given
    String closed = "127.0.0.1:" + closedPort();

    // when
    ConnectorReport report = inspect(options().candidates(List.of(closed)));

    // then
    Finding finding = single(report);
    assertThat(finding.code()).isEqualTo(FindingCode.CONNECTOR_NOT_FOUND);
    assertThat(finding.severity()).isEqualTo(Severity.INFO);
    assertThat(finding.message())
        .isEqualTo(
            "No cloudflared metrics server answers on "
                + closed
                + "; connectors before 2024.12 pick a random metrics port, so the running connector was not checked.");
    assertThat(finding.remediation()).startsWith("Run cloudflared with --metrics localhost:20241");
  }

  @Test
  void discoversTheConnectorAmongTheCandidateAddresses() throws Exception {
    // given
    serve2024("ready-4.json", 200, "config-2024.json", "diag-tunnel-2024.json");
    String closed = "127.0.0.1:" + closedPort();

    // when
    ConnectorReport report = inspect(options().candidates(List.of(closed, address())));

    // then
    assertThat(report.address()).isEqualTo(address());
    assertThat(report.findings()).isEmpty();
  }

  @Test
  void skipsAServiceThatIsNoCloudflared() throws Exception {
    // given: something answers, but not like a metrics server
    connector.stubFor(get("/ready").willReturn(aResponse().withStatus(404).withBody("404 page not found")));

    // when
    ConnectorReport report = inspect(options().candidates(List.of(address())));

    // then
    Finding finding = single(report);
    assertThat(finding.code()).isEqualTo(FindingCode.CONNECTOR_NOT_FOUND);
    assertThat(finding.evidence()).containsEntry("tried." + address(), "answers HTTP 404 but is not a cloudflared metrics server");
  }

  @Test
  void findsTheMetricsAddressOfARunningProcessAndNeverItsToken() throws Exception {
    // given: a fake /proc with a cloudflared started with --metrics and a token
    serve2024("ready-4.json", 200, "config-2024.json", "diag-tunnel-2024.json");
    Path proc = temp.resolve("proc");
    fakeProcess(proc, 4242, "/usr/bin/cloudflared\0tunnel\0--metrics\0" + address() + "\0--config\0/etc/cloudflared/config.yml\0run\0--token\0eyJhIjoiZmFrZSJ9\0my-tunnel\0",
        "PATH=/usr/bin\0TUNNEL_TOKEN=eyJhIjoiZmFrZSJ9\0HTTPS_PROXY=http://user:pw@proxy:3128\0");
    fakeProcess(proc, 17, "/usr/sbin/nginx\0-g\0daemon off;\0", "");

    // when
    ConnectorReport report = inspect(options().procRoot(proc).candidates(List.of()));

    // then
    assertThat(report.address()).isEqualTo(address());
    assertThat(report.processes())
        .containsExactly(
            new ConnectorProcess(4242, address(), "/etc/cloudflared/config.yml", "my-tunnel", true, false, true, List.of("HTTPS_PROXY", "TUNNEL_TOKEN")));
    assertThat(report.toString()).doesNotContain("eyJhIjoiZmFrZSJ9").doesNotContain("user:pw");
  }

  @Test
  void reportsAnErrorWhenTheAddressARunningProcessNamesIsDead() throws Exception {
    // given
    String closed = "127.0.0.1:" + closedPort();
    Path proc = temp.resolve("proc");
    fakeProcess(proc, 99, "cloudflared\0tunnel\0--metrics=" + closed + "\0run\0", "");

    // when
    ConnectorReport report = inspect(options().procRoot(proc).candidates(List.of()));

    // then
    Finding finding = single(report);
    assertThat(finding.severity()).isEqualTo(Severity.ERROR);
    assertThat(finding.evidence())
        .containsEntry("namedBy." + closed, "--metrics of cloudflared process 99")
        .containsEntry("process.99", "metrics " + closed);
  }

  @Test
  void rejectsAMalformedMetricsAddressWithTheExpectedForm() {
    org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
        .isThrownBy(() -> options().metricsAddress("localhost").build())
        .withMessage("metrics address 'localhost' must be HOST:PORT, e.g. localhost:20241 (cloudflared's --metrics value)");
  }

  // ---- helpers

  private static ConnectorOptions.Builder options() {
    return ConnectorOptions.builder().procRoot(null).connectTimeout(Duration.ofSeconds(5)).requestTimeout(Duration.ofSeconds(10)); // generous: a loaded CI machine
  }

  private static ConnectorReport inspect(ConnectorOptions.Builder options) {
    return new ConnectorInspector(options.build()).inspect();
  }

  private static Finding single(ConnectorReport report) {
    assertThat(report.findings()).hasSize(1);
    return report.findings().get(0);
  }

  private static String address() {
    return "127.0.0.1:" + connector.getPort();
  }

  private void serve2024(String ready, int readyStatus, String config, String diag) throws Exception {
    stub("/ready", readyStatus, ready);
    stub("/config", 200, config);
    stub("/diag/tunnel", 200, diag);
    stub("/metrics", 200, "metrics-2024.txt");
  }

  private static void stub(String path, int status, String fixture) throws Exception {
    connector.stubFor(get(path).willReturn(aResponse().withStatus(status).withHeader("Content-Type", "text/plain; charset=utf-8").withBody(fixture(fixture))));
  }

  static String fixture(String name) throws IOException, URISyntaxException {
    return Files.readString(fixturePath(name), StandardCharsets.UTF_8);
  }

  static Path fixturePath(String name) throws URISyntaxException {
    return Path.of(ConnectorInspectorTest.class.getResource("/fixtures/ConnectorInspectorTest/" + name).toURI());
  }

  static IngressModel fileModel() throws Exception {
    return ConfigLoader.load(fixturePath("config.yml"));
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static void fakeProcess(Path proc, int pid, String cmdline, String environ) throws IOException {
    Path dir = Files.createDirectories(proc.resolve(Integer.toString(pid)));
    Files.write(dir.resolve("cmdline"), cmdline.getBytes(StandardCharsets.UTF_8));
    Files.write(dir.resolve("environ"), environ.getBytes(StandardCharsets.UTF_8));
  }
}
