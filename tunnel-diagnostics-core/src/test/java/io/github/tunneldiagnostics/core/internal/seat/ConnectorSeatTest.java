package io.github.tunneldiagnostics.core.internal.seat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.tunneldiagnostics.api.DiagnosisReport;
import io.github.tunneldiagnostics.api.Verdict;
import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.check.FindingCode;
import io.github.tunneldiagnostics.core.TunnelDiagnostics;
import io.github.tunneldiagnostics.core.ConnectorOptions;
import java.io.IOException;
import java.util.Map;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The headline case on real namespaces: the app answers on this host's loopback, while cloudflared, in
 * its own network namespace (a container as far as the kernel is concerned), cannot reach it.
 */
@Tag("netns")
class ConnectorSeatTest {
  static final String ORIGIN_REQUEST = "{\"connectTimeout\": 2, \"tlsTimeout\": 10, \"tcpKeepAlive\": 30, \"noHappyEyeballs\": false, \"keepAliveTimeout\": 90,"
      + " \"keepAliveConnections\": 100, \"httpHostHeader\": \"\", \"originServerName\": \"\", \"caPool\": \"\", \"noTLSVerify\": false,"
      + " \"disableChunkedEncoding\": false, \"bastionMode\": false, \"proxyAddress\": \"127.0.0.1\", \"proxyPort\": 0, \"proxyType\": \"\","
      + " \"ipRules\": null, \"http2Origin\": false, \"access\": {\"required\": false, \"teamName\": \"\", \"audTag\": null}}";

  @TempDir Path dir;
  TinyHttpServer app;

  @BeforeAll
  static void privileged() {
    assumeTrue(Namespaces.unavailable().isEmpty(), () -> Namespaces.unavailable().orElse(""));
  }

  @BeforeEach
  void startApp() throws IOException {
    app = TinyHttpServer.start("127.0.0.1", 0, path -> Map.entry(200, "ok"));
  }

  @AfterEach
  void stopApp() throws IOException {
    app.close();
  }

  static void writeConnectorFiles(Path dir, String service, String hosts) throws IOException {
    Files.writeString(dir.resolve("config.yml"), "tunnel: 6ff42ae2-765d-4adf-8112-31c55c1551ef\ncredentials-file: " + dir.resolve("credentials.json") + "\ningress:\n  - hostname: app.example.com\n    service: " + service
        + "\n    originRequest:\n      connectTimeout: 2s\n  - service: http_status:404\n");
    Files.writeString(dir.resolve("config.json"), "{\"version\": -1, \"config\": {\"ingress\": [{\"hostname\": \"app.example.com\", \"path\": null, \"service\": \""
        + service + "\", \"originRequest\": " + ORIGIN_REQUEST + "}, {\"hostname\": \"\", \"path\": null, \"service\": \"http_status:404\", \"originRequest\": "
        + ORIGIN_REQUEST.replace("\"connectTimeout\": 2,", "\"connectTimeout\": 30,") + "}], \"warp-routing\": {\"connectTimeout\": 5}, \"originRequest\": " + ORIGIN_REQUEST + "}}");
    Files.writeString(dir.resolve("hosts"), hosts);
    Files.writeString(dir.resolve("credentials.json"), "{\"AccountTag\":\"0123456789abcdef0123456789abcdef\",\"TunnelSecret\":\"c2VjcmV0LW5vdC1yZWFsLXNlY3JldC1ub3QtcmVhbA==\","
        + "\"TunnelID\":\"6ff42ae2-765d-4adf-8112-31c55c1551ef\"}");
  }

  static Finding only(DiagnosisReport report, String code) {
    return report.findings().stream().filter(f -> f.code().equals(code)).findFirst().orElseThrow();
  }

  @Test
  void appOnTheHostLoopbackIsUnreachableFromCloudflaredsNamespaceAndTheFixSaysWhere() throws Exception {
    // given: cloudflared in its own namespace, service http://localhost:PORT, the app on this host's 127.0.0.1:PORT
    int port = app.port();
    writeConnectorFiles(dir, "http://localhost:" + port, "127.0.0.1\tlocalhost\n");
    try (Namespaces.Connector connector = Namespaces.Connector.start(dir, "0.0.0.0:20241")) {
      // when
      DiagnosisReport report = TunnelDiagnostics.forConfig(dir.resolve("config.yml"))
          .connector(ConnectorOptions.builder().selector(Long.toString(connector.pid())).build())
          .timeout(Duration.ofSeconds(90))
          .diagnose();

      // then
      long pid = connector.pid();
      String netns = Files.readSymbolicLink(Path.of("/proc/" + pid + "/ns/net")).toString(); // net:[4026532177]
      assertThat(report.verdict()).isEqualTo(Verdict.BROKEN);
      assertThat(report.findings()).extracting(Finding::code)
          .containsExactlyInAnyOrder(FindingCode.ORIGIN_LOOPBACK_IN_CONTAINER, FindingCode.CONNECTOR_IN_CONTAINER, FindingCode.CHECK_SKIPPED);
      Finding loopback = only(report, FindingCode.ORIGIN_LOOPBACK_IN_CONTAINER);
      assertThat(loopback.message()).isEqualTo("cloudflared runs in its own network namespace (" + netns + "), where \"localhost\" is the container itself: "
          + "nothing listens on port " + port + " there, and java (pid " + ProcessHandle.current().pid() + ") listens only on the host's 127.0.0.1:" + port
          + ", which containers cannot reach. cloudflared logs dial tcp 127.0.0.1:" + port + ": connect: connection refused.");
      assertThat(loopback.remediation()).isEqualTo("Give cloudflared the host network and keep http://localhost:" + port + ":\n"
          + "  services:\n    cloudflared:\n      network_mode: host\n"
          + "or bind the app to 0.0.0.0 (or to the address of cloudflared's gateway), add the host gateway and change rule #0's service to http://host.docker.internal:"
          + port + ":\n  services:\n    cloudflared:\n      extra_hosts: [\"host.docker.internal:host-gateway\"]");
      assertThat(loopback.evidence())
          .containsEntry("source", "probe")
          .containsEntry("listeningElsewhere", "127.0.0.1:" + port + " on this host (java (pid " + ProcessHandle.current().pid() + "))")
          .containsEntry("probedFrom", "inside cloudflared's network namespace (pid " + pid + ", " + netns + ")")
          // what the fix planner judges from: the app listens on the host's loopback only, which no container reaches
          .containsEntry("listenerPlace", "host")
          .containsEntry("listenerAddress", "127.0.0.1:" + port)
          .containsEntry("hostGatewayName", "")
          .containsEntry("hostGatewayReachesListener", "false");
      assertThat(loopback.configRemedies()).as("no config change: the app's bind address or cloudflared's network must change").isEmpty();
      Finding placed = only(report, FindingCode.CONNECTOR_IN_CONTAINER);
      assertThat(placed.message()).startsWith("cloudflared (pid " + pid + ") runs in its own network namespace with its own network (" + netns
          + "), where \"localhost\" is the container itself; the origin checks ran from inside that namespace. It resolves names with nameserver ");
      assertThat(placed.evidence()).containsEntry("placement", "OWN_NETNS").containsEntry("addresses", "none but loopback").containsEntry("gateway", "none");
    }
  }

  @Test
  void twoReplicasWithDifferentIngressAreComparedAndTheFileNotInUseIsNamed() throws Exception {
    // given: two connectors of one tunnel, each in its own namespace, started with different config files
    Path first = Files.createDirectories(dir.resolve("first"));
    Path second = Files.createDirectories(dir.resolve("second"));
    writeConnectorFiles(first, "http://localhost:" + app.port(), "127.0.0.1\tlocalhost\n");
    writeConnectorFiles(second, "http://localhost:" + (app.port() + 1), "127.0.0.1\tlocalhost\n");
    Path edited = dir.resolve("edited.yml");
    Files.copy(first.resolve("config.yml"), edited);
    try (Namespaces.Connector a = Namespaces.Connector.start(first, "0.0.0.0:20241");
        Namespaces.Connector b = Namespaces.Connector.start(second, "0.0.0.0:20241")) {
      // when: the file under diagnosis is a copy neither of them reads
      DiagnosisReport report = TunnelDiagnostics.forConfig(edited).timeout(Duration.ofSeconds(90)).diagnose();

      // then
      Finding divergent = only(report, FindingCode.CONNECTOR_CONFIG_DIVERGENT);
      assertThat(divergent.message()).isEqualTo("2 connectors of one tunnel run on this host and differ (cloudflared (pid " + b.pid()
          + ", own network namespace) has rule #0 service http://localhost:" + (app.port() + 1) + " where cloudflared (pid " + a.pid()
          + ", own network namespace) has http://localhost:" + app.port() + "): each visitor request goes to any of them, so the answer depends on the connection.");
      assertThat(divergent.evidence()).containsEntry("replicas", "2").containsEntry("replica.2", "cloudflared (pid " + b.pid() + ", own network namespace) at 127.0.0.1:20241");
      Finding notInUse = only(report, FindingCode.CONFIG_NOT_IN_USE);
      assertThat(notInUse.message()).isEqualTo("The file under diagnosis, " + edited + ", is not the one cloudflared reads: the running cloudflared (pid " + a.pid()
          + ") was started with --config " + first.resolve("config.yml") + "; edits to " + edited + " change nothing, and restarting cloudflared will not load them.");
      assertThat(notInUse.evidence()).containsEntry("fileInUse", first.resolve("config.yml").toString());
    }
  }

  @Test
  void withoutThePrivilegeToEnterItSaysSoInOneSentenceAndReadsItsSocketTablePassively() throws Exception {
    // given: the same headline case, but nsenter runs without CAP_SYS_ADMIN
    int port = app.port();
    writeConnectorFiles(dir, "http://localhost:" + port, "127.0.0.1\tlocalhost\n");
    try (Namespaces.Connector connector = Namespaces.Connector.start(dir, "0.0.0.0:20241")) {
      long pid = connector.pid();
      var vantage = new io.github.tunneldiagnostics.core.internal.vantage.VantageReader(Path.of("/proc")).read(pid);
      SeatOriginCheck check = new SeatOriginCheck(vantage, List.of("--config-file", dir.resolve("config.yml").toString()),
          io.github.tunneldiagnostics.core.internal.probe.OriginCheck.builder().build(), Path.of("/proc"), List.of("setpriv", "--bounding-set=-sys_admin"));

      // when
      DiagnosisReport report = io.github.tunneldiagnostics.api.Diagnosis.builder()
          .ingress(io.github.tunneldiagnostics.core.internal.config.ConfigLoader.load(dir.resolve("config.yml")))
          .check(check)
          .timeout(Duration.ofSeconds(90))
          .build()
          .run();

      // then
      assertThat(report.findings()).extracting(Finding::code).containsExactlyInAnyOrder(FindingCode.CONNECTOR_IN_CONTAINER,
          FindingCode.CONNECTOR_NOT_INSPECTABLE, FindingCode.ORIGIN_LOOPBACK_IN_CONTAINER);
      assertThat(only(report, FindingCode.CONNECTOR_NOT_INSPECTABLE).message())
          .isEqualTo("cannot enter cloudflared's network namespace (pid " + pid + "; needs CAP_SYS_ADMIN, i.e. root); showing what listens inside it instead of connecting.");
      assertThat(only(report, FindingCode.CONNECTOR_IN_CONTAINER).message()).contains("; the origin checks could not run from inside it.");
      Finding loopback = only(report, FindingCode.ORIGIN_LOOPBACK_IN_CONTAINER);
      assertThat(loopback.evidence()).containsEntry("source", "passive").containsEntry("listenersInConnectorNamespace", "none on port " + port);
      assertThat(report.verdict()).isEqualTo(Verdict.BROKEN);
    }
  }

  @Test
  void hostDockerInternalUnknownInsideTheContainerNamesTheExtraHostsFix() throws Exception {
    // given: Docker's embedded DNS address as nameserver (nothing answers there), no host.docker.internal in its hosts file
    writeConnectorFiles(dir, "http://host.docker.internal:" + app.port(), "127.0.0.1\tlocalhost\n");
    Files.writeString(dir.resolve("resolv.conf"), "nameserver 127.0.0.11\noptions ndots:0 timeout:1 attempts:1\n");
    try (Namespaces.Connector connector = Namespaces.Connector.start(dir, "0.0.0.0:20241")) {
      // when
      DiagnosisReport report = TunnelDiagnostics.forConfig(dir.resolve("config.yml"))
          .connectorProcess(Long.toString(connector.pid()))
          .timeout(Duration.ofSeconds(90))
          .diagnose();

      // then
      Finding missing = only(report, FindingCode.ORIGIN_HOST_GATEWAY_MISSING);
      assertThat(missing.message()).startsWith("\"host.docker.internal\" does not resolve inside cloudflared's container (pid " + connector.pid()
          + "): on Linux, Docker defines it only when asked; cloudflared logs dial tcp: lookup host.docker.internal on 127.0.0.11:53: ");
      assertThat(missing.remediation()).isEqualTo("Add the host gateway to the cloudflared service:\n  services:\n    cloudflared:\n"
          + "      extra_hosts: [\"host.docker.internal:host-gateway\"]\n(docker run: --add-host=host.docker.internal:host-gateway), "
          + "and make the app listen on 0.0.0.0 or on the bridge address.");
      assertThat(only(report, FindingCode.CONNECTOR_IN_CONTAINER).evidence()).containsEntry("nameservers", "127.0.0.11");
    }
  }
}
