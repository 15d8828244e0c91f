package io.github.tunneldiagnostics.core.internal.probe;

import static io.github.tunneldiagnostics.core.internal.probe.ProbeFixture.LOCALHOST_V4;
import static io.github.tunneldiagnostics.core.internal.probe.ProbeFixture.http;
import static io.github.tunneldiagnostics.core.internal.probe.ProbeFixture.probe;
import static io.github.tunneldiagnostics.core.internal.probe.ProbeFixture.rule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.check.FindingCode;
import io.github.tunneldiagnostics.api.check.Severity;
import io.github.tunneldiagnostics.api.ingress.IngressRule;
import io.github.tunneldiagnostics.api.ingress.OriginService;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OriginCheckConnectTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(2);

  @TempDir Path proc;

  static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** A /proc/net/tcp fixture with 127.0.0.1 listeners on the given ports. */
  private SocketTable tableWithLoopbackListeners(int... ports) throws IOException {
    StringBuilder tcp = new StringBuilder("  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n");
    for (int i = 0; i < ports.length; i++) {
      tcp.append(String.format("   %d: 0100007F:%04X 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 %d 1 0000000000000000 100 0 0 10 0%n", i, ports[i], 4000 + i));
    }
    Files.writeString(proc.resolve("tcp"), tcp);
    Files.writeString(proc.resolve("tcp6"), "  sl  local_address                         remote_address                        st\n");
    Files.writeString(proc.resolve("unix"), "Num       RefCount Protocol Flags    Type St Inode Path\n");
    return SocketTable.at(proc);
  }

  @Test
  void closedPortIsRefusedAndANearbyListenerIsSuggested() throws Exception {
    // given
    int port = closedPort();
    OriginCheck check = OriginCheck.builder().socketTable(tableWithLoopbackListeners(port + 1)).build();
    IngressRule rule = rule(0, "app.example.test", http("http", "127.0.0.1", port));

    // when
    List<Finding> findings = probe(check, rule, LOCALHOST_V4, TIMEOUT);

    // then
    assertThat(findings).hasSize(1);
    Finding finding = findings.get(0);
    assertThat(finding.code()).isEqualTo(FindingCode.ORIGIN_CONNECTION_REFUSED);
    assertThat(finding.severity()).isEqualTo(Severity.ERROR);
    assertThat(finding.check()).isEqualTo("origin");
    assertThat(finding.subject()).isEqualTo("rule #0 http://127.0.0.1:" + port);
    assertThat(finding.message()).isEqualTo(
        "Nothing listens on 127.0.0.1:" + port + "; a process listens on 127.0.0.1:" + (port + 1)
            + "; cloudflared would log dial tcp 127.0.0.1:" + port + ": connect: connection refused.");
    assertThat(finding.remediation()).isEqualTo(
        "Change rule #0's service to http://127.0.0.1:" + (port + 1) + ", or start the app on port " + port + ".");
    assertThat(finding.evidence())
        .containsEntry("source", "probe")
        .containsEntry("rule", "0")
        .containsEntry("listenersOnPort", "none")
        .containsEntry("nearbyListeners", "127.0.0.1:" + (port + 1))
        .containsKeys("resolveMs", "connectMs", "tlsMs", "firstByteMs", "attempts", "goDial");
    assertThat(finding.evidence().get("attempts")).startsWith("127.0.0.1:" + port + " refused after ");
  }

  /** A port within the nearby window of {@code port} that nothing listens on. */
  static int closedPortNear(int port) throws IOException {
    for (int delta : new int[] {1, -1, 2, -2, 3, -3, 4, -4, 5, -5}) {
      try (ServerSocket probe = new ServerSocket(port + delta, 1, InetAddress.getLoopbackAddress())) {
        return probe.getLocalPort();
      } catch (IOException taken) {
        // try the next one
      }
    }
    throw new IOException("no free port within ±5 of " + port);
  }

  @Test
  void neverSuggestsThePortOfAnotherRulesApp() throws Exception {
    // given: rule #1's app listens; rule #0's app, on a port next to it, is down
    try (ServerSocket other = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      int otherPort = other.getLocalPort();
      int port = closedPortNear(otherPort);
      OriginCheck check = OriginCheck.builder().socketTable(tableWithLoopbackListeners(otherPort)).build();
      IngressRule down = rule(0, "app.example.test", http("http", "127.0.0.1", port));
      IngressRule api = rule(1, "api.example.test", http("http", "localhost", otherPort));
      // only rule #0 is probed, with rule #1 in the model
      var model = ProbeFixture.model(List.of(down, api));
      var routes = List.of(io.github.tunneldiagnostics.api.Route.forRule(0, down.service().toString()));

      // when
      List<Finding> findings = check.run(ProbeFixture.context(model, routes, LOCALHOST_V4, TIMEOUT));

      // then
      assertThat(findings).singleElement().satisfies(f -> {
        assertThat(f.code()).isEqualTo(FindingCode.ORIGIN_CONNECTION_REFUSED);
        assertThat(f.message()).isEqualTo("Nothing listens on 127.0.0.1:" + port + "; the only listener nearby, 127.0.0.1:" + otherPort
            + ", is rule #1 (api.example.test)'s service http://localhost:" + otherPort + ", not this rule's app; cloudflared would log"
            + " dial tcp 127.0.0.1:" + port + ": connect: connection refused.");
        assertThat(f.remediation()).isEqualTo("Start the app of rule #0 (app.example.test) so that it listens on 127.0.0.1:" + port
            + ", or correct the port in rule #0's service; do not point it at 127.0.0.1:" + otherPort
            + ", which would send its hostname to another rule's app.");
        assertThat(f.remediation()).doesNotContain("Change rule #0's service");
      });
    }
  }

  @Test
  void rulesSharingOneDeadOriginGetOneFindingNamingEveryRule() throws Exception {
    // given
    int port = closedPort();
    OriginCheck check = OriginCheck.builder().socketTable(tableWithLoopbackListeners()).build();
    var model = ProbeFixture.model(List.of(
        rule(0, "a.example.test", http("http", "127.0.0.1", port)),
        rule(1, "b.example.test", http("http", "127.0.0.1", port)),
        rule(2, "c.example.test", http("http", "127.0.0.1", port))));

    // when
    List<Finding> findings = check.run(ProbeFixture.context(model, LOCALHOST_V4, TIMEOUT));

    // then
    assertThat(findings).filteredOn(f -> !f.code().equals(FindingCode.CHECK_SKIPPED)).singleElement().satisfies(f -> {
      assertThat(f.code()).isEqualTo(FindingCode.ORIGIN_CONNECTION_REFUSED);
      assertThat(f.subject()).isEqualTo("rules #0, #1, #2 http://127.0.0.1:" + port);
      assertThat(f.message()).isEqualTo("Rules #0, #1, #2 share http://127.0.0.1:" + port + ": Nothing listens on port " + port
          + " at any address, nor on a port within ±10 reachable at 127.0.0.1:" + port + "; cloudflared would log dial tcp 127.0.0.1:"
          + port + ": connect: connection refused.");
      assertThat(f.remediation()).isEqualTo("Start the app so that it listens on 127.0.0.1:" + port
          + ", or correct the port in the service of rules #0, #1, #2.");
      assertThat(f.evidence()).containsEntry("rules", "0, 1, 2").containsEntry("route", "rule #0, rule #1, rule #2")
          .doesNotContainKey("rule");
    });
  }

  @Test
  void closedPortWithNothingNearbyAsksToStartTheApp() throws Exception {
    // given
    int port = closedPort();
    OriginCheck check = OriginCheck.builder().socketTable(tableWithLoopbackListeners()).build();

    // when
    List<Finding> findings = probe(check, rule(0, "app.example.test", http("http", "127.0.0.1", port)), LOCALHOST_V4, TIMEOUT);

    // then
    assertThat(findings).singleElement().satisfies(f -> {
      assertThat(f.code()).isEqualTo(FindingCode.ORIGIN_CONNECTION_REFUSED);
      assertThat(f.remediation()).isEqualTo("Start the app so that it listens on 127.0.0.1:" + port + ", or correct the port in rule #0's service.");
      assertThat(f.evidence().get("address.127.0.0.1:" + port)).startsWith("refused after ");
    });
  }

  @Test
  void appOnIpv6LoopbackOnlyIsBoundElsewhereWhenTheServiceSaysIpv4() throws Exception {
    // given
    InetAddress v6 = InetAddress.getByName("::1");
    ServerSocket server;
    try {
      server = new ServerSocket();
      server.bind(new InetSocketAddress(v6, 0));
    } catch (IOException e) {
      assumeTrue(false, "IPv6 loopback unavailable: " + e.getMessage());
      return;
    }
    try (server) {
      int port = server.getLocalPort();
      assumeTrue(v6 instanceof Inet6Address);
      OriginCheck check = OriginCheck.builder().socketTable(SocketTable.system()).build();
      assumeTrue(SocketTable.system().read().available(), "no /proc/net on this system");

      // when
      List<Finding> findings = probe(check, rule(0, "app.example.test", http("http", "127.0.0.1", port)), LOCALHOST_V4, TIMEOUT);

      // then
      assertThat(findings).singleElement().satisfies(f -> {
        assertThat(f.code()).isEqualTo(FindingCode.ORIGIN_BOUND_ELSEWHERE);
        // the listener is this very JVM, so /proc/<pid>/fd names it
        String me = "(pid " + ProcessHandle.current().pid() + ")";
        assertThat(f.message()).startsWith("Nothing listens on 127.0.0.1:" + port + ", but ")
            .contains(me + " listens on [::1]:" + port + "; cloudflared would log dial tcp 127.0.0.1:" + port + ": connect: connection refused.");
        assertThat(f.evidence().get("listenerProcess")).endsWith(me);
        assertThat(f.remediation()).isEqualTo("Change rule #0's service to http://[::1]:" + port
            + ", or make the app listen on 127.0.0.1:" + port + " (or on all interfaces: 0.0.0.0 / [::]).");
        assertThat(f.evidence()).containsEntry("listenersOnPort", "[::1]:" + port);
      });
    }
  }

  @Test
  void localhostResolvingToBothFamiliesExplainsGosDialOrder() throws Exception {
    // given: localhost -> ::1 first, then 127.0.0.1; nothing listens on either
    int port = closedPort();
    var resolver = ProbeFixture.resolver(Map.of("localhost", List.of(InetAddress.getByName("::1"), InetAddress.getByName("127.0.0.1"))));
    OriginCheck check = OriginCheck.builder().socketTable(tableWithLoopbackListeners()).build();

    // when
    List<Finding> findings = probe(check, rule(0, "app.example.test", http("http", "localhost", port)), resolver, TIMEOUT);

    // then: Go reports the primary (IPv6) family's error
    assertThat(findings).singleElement().satisfies(f -> {
      assertThat(f.code()).isEqualTo(FindingCode.ORIGIN_CONNECTION_REFUSED);
      assertThat(f.message()).endsWith("cloudflared would log dial tcp [::1]:" + port + ": connect: connection refused.");
      assertThat(f.evidence().get("goDial")).startsWith("IPv6 first (family of the first address), other family 300 ms later or as soon as it fails: [::1]:" + port);
    });
  }

  @Test
  void containerNameThatDoesNotResolveIsUnresolvable() throws Exception {
    // given
    OriginCheck check = OriginCheck.builder().socketTable(SocketTable.none()).build();

    // when
    List<Finding> findings = probe(check, rule(0, "app.example.test", http("http", "nginxproxymanager", 81)), LOCALHOST_V4, TIMEOUT);

    // then
    assertThat(findings).singleElement().satisfies(f -> {
      assertThat(f.code()).isEqualTo(FindingCode.ORIGIN_UNRESOLVABLE);
      assertThat(f.message()).isEqualTo("'nginxproxymanager' does not resolve on this machine; cloudflared would log dial tcp: lookup nginxproxymanager on"
          + " <resolver>: no such host. 'nginxproxymanager' looks like a container or service name: such names resolve only inside their Docker or"
          + " Kubernetes network, not on the host where cloudflared runs.");
      assertThat(f.remediation()).startsWith("Run cloudflared in the same Docker network as 'nginxproxymanager'");
      assertThat(f.evidence()).containsEntry("resolveMs", f.evidence().get("resolveMs")).containsEntry("connectMs", "-");
    });
  }

  @Test
  void streamServiceIsOnlyConnected() throws Exception {
    // given
    try (LoopbackServer ssh = LoopbackServer.start(LoopbackServer::blackHole)) {
      OriginService.Stream stream = new OriginService.Stream("ssh", "127.0.0.1", ssh.port());
      // when
      List<Finding> findings = probe(new OriginCheck(), rule(0, "ssh.example.test", stream), LOCALHOST_V4, TIMEOUT);
      // then
      assertThat(findings).singleElement().satisfies(f -> {
        assertThat(f.code()).isEqualTo(FindingCode.ORIGIN_REACHABLE);
        assertThat(f.message()).isEqualTo("The ssh origin accepts TCP connections at 127.0.0.1:" + ssh.port()
            + "; cloudflared carries ssh as a raw TCP stream, so nothing beyond the connect was probed.");
      });
    }
  }

  @Test
  void servicesCloudflaredAnswersItselfAreNotProbed() throws Exception {
    // given
    var model = ProbeFixture.model(List.of(rule(0, "hello.example.test", new OriginService.HelloWorld())));

    // when
    List<Finding> findings = new OriginCheck().run(ProbeFixture.context(model, LOCALHOST_V4, TIMEOUT));

    // then
    assertThat(findings).extracting(Finding::code).containsExactly(FindingCode.CHECK_SKIPPED, FindingCode.CHECK_SKIPPED);
    assertThat(findings.get(0).message()).isEqualTo("Rule #0's service hello_world is answered by cloudflared itself; there is no origin to probe.");
  }

  @Test
  void everyOriginIsProbedAtOnceNotOneAfterAnother() throws Exception {
    // given: 30 origins that answer only once all 30 probes are connected (a probe that waited for another one
    // before it started would never get its answer), and 30 refusing ports. This proves structurally what makes
    // many dead origins cost about one timeout; the cost itself is measured by OriginProbeBenchmark (README).
    int origins = 30;
    java.util.concurrent.CountDownLatch allConnected = new java.util.concurrent.CountDownLatch(origins);
    List<LoopbackServer> servers = new ArrayList<>();
    List<java.net.Socket> refusing = new ArrayList<>();
    List<IngressRule> rules = new ArrayList<>();
    try {
      for (int i = 0; i < origins; i++) {
        LoopbackServer server = LoopbackServer.start(socket -> {
          LoopbackServer.readHead(socket);
          allConnected.countDown();
          if (allConnected.await(25, java.util.concurrent.TimeUnit.SECONDS)) {
            socket.getOutputStream().write(LoopbackServer.response(200, "OK", "ok").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
          }
        });
        servers.add(server);
        rules.add(rule(rules.size(), "waits" + i + ".example.test", http("http", "127.0.0.1", server.port())));
      }
      for (int i = 0; i < origins; i++) {
        java.net.Socket bound = refusingPort();
        refusing.add(bound);
        rules.add(rule(rules.size(), "closed" + i + ".example.test", http("http", "127.0.0.1", bound.getLocalPort())));
      }
      var model = ProbeFixture.model(rules);
      OriginCheck check = OriginCheck.builder().socketTable(SocketTable.none()).build();
      // the deadline only bounds a failure: when the probes run at once, they end as soon as the machine allows
      var context = ProbeFixture.context(model, LOCALHOST_V4, Duration.ofSeconds(30));

      // when
      List<Finding> findings = check.run(context);

      // then
      assertThat(findings.stream().filter(f -> f.code().equals(FindingCode.ORIGIN_REACHABLE))).hasSize(origins);
      assertThat(findings.stream().filter(f -> f.code().equals(FindingCode.ORIGIN_CONNECTION_REFUSED))).hasSize(origins);
    } finally {
      for (LoopbackServer server : servers) {
        server.close();
      }
      for (java.net.Socket bound : refusing) {
        bound.close();
      }
    }
  }

  /**
   * A loopback port that refuses connections while the test holds it: bound, never listening, so that no
   * other process can take it (as it can take a port that was closed to be "refused").
   */
  static java.net.Socket refusingPort() throws IOException {
    java.net.Socket socket = new java.net.Socket();
    socket.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    return socket;
  }

  @Test
  void connectThatNeverCompletesIsAConnectTimeout() throws Exception {
    // given: a listener whose accept queue is full, so the kernel drops further SYNs (a black-holed port)
    try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      List<java.net.Socket> fillers = new ArrayList<>();
      try {
        for (int i = 0; i < 8; i++) {
          java.net.Socket filler = new java.net.Socket();
          try {
            filler.connect(full.getLocalSocketAddress(), 200);
            fillers.add(filler);
          } catch (IOException e) {
            filler.close();
            break;
          }
        }
        assumeTrue(fillers.size() < 8, "the kernel did not drop SYNs for a full accept queue");
        OriginCheck check = OriginCheck.builder().socketTable(SocketTable.none()).build();

        // when
        List<Finding> findings = probe(check, rule(0, "app.example.test", http("http", "127.0.0.1", full.getLocalPort())), LOCALHOST_V4, TIMEOUT);

        // then
        assertThat(findings).singleElement().satisfies(f -> {
          assertThat(f.code()).isEqualTo(FindingCode.ORIGIN_CONNECT_TIMEOUT);
          assertThat(f.message()).matches("The TCP connect to 127\\.0\\.0\\.1:" + full.getLocalPort() + " did not complete within \\d+ ms"
              + " \\(connectTimeout 300ms\\); cloudflared would log dial tcp 127\\.0\\.0\\.1:" + full.getLocalPort() + ": i/o timeout\\.");
          assertThat(f.remediation()).isEqualTo("Check that 127.0.0.1:" + full.getLocalPort() + " is the right address for rule #0's service"
              + " and that no firewall or route drops packets to port " + full.getLocalPort() + "; lower originRequest.connectTimeout to fail faster.");
        });
      } finally {
        for (java.net.Socket filler : fillers) {
          filler.close();
        }
      }
    }
  }
}
