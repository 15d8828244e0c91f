package io.github.tunneldiagnostics.core;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.tunneldiagnostics.api.DiagnosisReport;
import io.github.tunneldiagnostics.api.Route;
import io.github.tunneldiagnostics.api.RouteUrl;
import io.github.tunneldiagnostics.api.RouteReport;
import io.github.tunneldiagnostics.api.Verdict;
import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.check.FindingCode;
import io.github.tunneldiagnostics.api.check.Resolver;
import io.github.tunneldiagnostics.api.ingress.ConfigSource;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class TunnelDiagnosticsDiagnoseTest {
  private static final Resolver LOOPBACK_ONLY = host -> {
    throw new UnknownHostException(host + ": this test resolves nothing");
  };

  @RegisterExtension
  static WireMockExtension app = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

  @RegisterExtension
  static WireMockExtension connector =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

  @TempDir Path dir;

  private ConnectorOptions nowhere;

  @BeforeEach
  void startApp() throws IOException {
    app.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(200).withBody("hello")));
    nowhere = ConnectorOptions.builder().candidates(List.of("127.0.0.1:" + closedPort())).procRoot(null).build();
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static String address(WireMockExtension server) {
    return "127.0.0.1:" + server.getPort();
  }

  private Path config(String service) throws IOException {
    Path file = dir.resolve("config.yml");
    Files.writeString(file, "ingress:\n  - hostname: app.test.example\n    service: " + service + "\n  - service: http_status:404\n");
    return file;
  }

  @Test
  void diagnoseProbesEveryRuleOfTheFileWhenNoConnectorAnswers() throws IOException {
    // given
    TunnelDiagnostics diagnostics = TunnelDiagnostics.forConfig(config("http://" + address(app))).resolver(LOOPBACK_ONLY).connector(nowhere);

    // when
    DiagnosisReport report = diagnostics.diagnose();

    // then
    assertThat(report.verdict()).isEqualTo(Verdict.HEALTHY);
    assertThat(report.ingress().source().kind()).isEqualTo(ConfigSource.Kind.FILE);
    assertThat(report.results()).extracting(r -> r.checkId()).containsExactly("config", "ingress", "ingress.route", "origin", "connector");
    assertThat(report.findingsWithCode(FindingCode.ORIGIN_REACHABLE)).extracting(Finding::subject)
        .containsExactly("rule #0 http://" + address(app));
    assertThat(report.findingsWithCode(FindingCode.CONNECTOR_NOT_FOUND)).singleElement()
        .satisfies(f -> assertThat(f.severity().name()).isEqualTo("INFO"));
  }

  @Test
  void diagnoseMatchesAndProbesTheConnectorsEffectiveIngress() throws IOException {
    // given: the file names a port where nothing listens; the running connector serves the app's port
    connector.stubFor(get("/ready").willReturn(aResponse().withStatus(200)
        .withBody("{\"status\":200,\"readyConnections\":4,\"connectorId\":\"5c3f1d7e-9b2a-4e8f-a1c6-0123456789ab\"}")));
    connector.stubFor(get("/config").willReturn(aResponse().withStatus(200)
        .withBody("{\"version\": -1, \"config\": {\"ingress\": [{\"hostname\": \"app.test.example\", \"service\": \"http://"
            + address(app) + "\"}, {\"service\": \"http_status:404\"}]}}")));
    TunnelDiagnostics diagnostics = TunnelDiagnostics.forConfig(config("http://127.0.0.1:" + closedPort()))
        .resolver(LOOPBACK_ONLY)
        .connector(nowhere)
        .metrics(address(connector))
        .url("https://APP.test.example/");

    // when
    DiagnosisReport report = diagnostics.diagnose();

    // then
    assertThat(report.ingress().source()).isEqualTo(ConfigSource.connector(address(connector), -1));
    assertThat(report.routes()).extracting(RouteReport::route)
        .containsExactly(Route.forUrl(RouteUrl.parse("https://app.test.example/"), 0, "http://" + address(app)));
    assertThat(report.findingsWithCode(FindingCode.ORIGIN_REACHABLE)).hasSize(1);
    assertThat(report.findingsWithCode(FindingCode.ORIGIN_CONNECTION_REFUSED)).isEmpty();
    assertThat(report.findingsWithCode(FindingCode.CONNECTOR_CONFIG_DRIFT)).hasSize(1);
  }

  @Test
  void diagnoseWithoutConfigOrConnectorSaysNeitherWasFound() {
    // when
    DiagnosisReport report = TunnelDiagnostics.withoutConfig().resolver(LOOPBACK_ONLY).connector(nowhere).diagnose();

    // then
    assertThat(report.ingress()).isNull();
    assertThat(report.verdict()).isEqualTo(Verdict.BROKEN);
    assertThat(report.findings()).extracting(Finding::code).containsExactly(FindingCode.CONFIG_NOT_FOUND, FindingCode.CONNECTOR_NOT_FOUND);
    assertThat(report.findings().get(0).message()).isEqualTo("No config file was given, and none was found in cloudflared's default places.");
  }

  @Test
  void analyzeLogsWithoutConfigReportsWhatTheLogShows() throws IOException {
    // given
    Path log = dir.resolve("cloudflared.log");
    Files.writeString(log, "2023-07-20T10:00:02Z ERR  error=\"Unable to reach the origin service. The service may be down or it may not be "
        + "responding to traffic from cloudflared: dial tcp 127.0.0.1:8080: connect: connection refused\" cfRay=7e8f9a0b1c2d3e4f-AMS "
        + "event=1 ingressRule=0 originService=http://127.0.0.1:8080\n");

    // when
    DiagnosisReport report = TunnelDiagnostics.withoutConfig().logs(log).analyzeLogs();

    // then
    assertThat(report.ingress()).isNull();
    assertThat(report.findingsWithCode(FindingCode.ORIGIN_CONNECTION_REFUSED)).singleElement()
        .satisfies(f -> assertThat(f.evidence()).containsEntry("source", "log").containsEntry("count", "1")
            .containsEntry("firstSeen", "2023-07-20T10:00:02Z"));
  }

  @Test
  void analyzeLogsNeedsALogFile() {
    assertThatIllegalStateException()
        .isThrownBy(() -> TunnelDiagnostics.withoutConfig().analyzeLogs())
        .withMessage("no log file given: call logs(Path...) first");
  }
}
