package io.github.tunneldiagnostics.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tunneldiagnostics.core.ConnectorOptions;
import io.github.tunneldiagnostics.testkit.fake.EdgeFixture;
import io.github.tunneldiagnostics.testkit.fake.FakeDnsServer;
import io.github.tunneldiagnostics.testkit.fake.FakeEdge;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fix} end to end on loopback origins: broken → fix --write → HEALTHY; the neighbour-port trap left alone. */
class FixCommandTest {
  @TempDir Path dir;

  private ConnectorOptions noConnector;

  @BeforeEach
  void noConnectorOnThisMachine() throws IOException {
    noConnector = LoopbackOrigin.noConnectorHere();
  }

  /** A closed port next to {@code port}. */
  private static int closedNeighbour(int port) throws IOException {
    for (int candidate : new int[] {port + 1, port - 1, port + 2, port - 2}) {
      try (ServerSocket socket = new ServerSocket(candidate, 1, LoopbackOrigin.LOOPBACK)) {
        return socket.getLocalPort();
      } catch (IOException busy) {
        // try the next one
      }
    }
    throw new IOException("no free port next to " + port);
  }

  private Path config(String yaml) throws IOException {
    Path file = dir.resolve("config.yml");
    Files.writeString(file, yaml);
    return file;
  }

  private long backups() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".bak")).count();
    }
  }

  @Test
  void brokenThenFixWriteWaitThenHealthy() throws IOException {
    try (LoopbackOrigin app = new LoopbackOrigin(200, "text/plain", "hello")) {
      int appPort = Integer.parseInt(app.address().substring(app.address().indexOf(':') + 1));
      int wrong = closedNeighbour(appPort);
      String yaml = """
          # the app moved; this file did not
          ingress:
            - hostname: app.example.test   # the shop
              service: http://127.0.0.1:%d
            - service: http_status:404
          """.formatted(wrong);
      Path file = config(yaml);
      try (FileBackedConnector connector = new FileBackedConnector(file)) {
        DoctorRun run = LoopbackOrigin.run(LoopbackOrigin.context(noConnector, Optional::empty),
            "fix", "--config", file.toString(), "--metrics", connector.address(), "--write", "--wait", "5s");

        assertThat(run.out()).isEqualTo("""
            --- a/config.yml
            +++ b/config.yml
            @@ -1,5 +1,5 @@
             # the app moved; this file did not
             ingress:
               - hostname: app.example.test   # the shop
            -    service: http://127.0.0.1:%d
            +    service: http://127.0.0.1:%d
               - service: http_status:404
            """.formatted(wrong, appPort));
        assertThat(Files.readString(file)).isEqualTo(yaml.replace(":" + wrong, ":" + appPort));
        assertThat(backups()).isOne();
        assertThat(run.err()).contains(
            "Changes (the diff is on standard output):\n  1. rule #0: service http://127.0.0.1:" + wrong + " → http://127.0.0.1:" + appPort + "\n",
            "Written: " + file + " (1 change); the old file is at ",
            "The connector serves the new configuration (/config changed, /ready 200) after ",
            "Routes, before -> after:\n  rule #0: BROKEN http://127.0.0.1:" + wrong + " -> HEALTHY http://127.0.0.1:" + appPort + "\n",
            "Verdict: BROKEN -> HEALTHY\n");
        assertThat(run.exitCode()).as(run.err()).isZero();
      }
    }
  }

  @Test
  void withPublicTheVisitorsRouteThroughTheEdgeIsProvenHealthyAfterTheFix() throws IOException {
    try (LoopbackOrigin app = new LoopbackOrigin(200, "text/plain", "hello")) {
      int appPort = Integer.parseInt(app.address().substring(app.address().indexOf(':') + 1));
      int wrong = closedNeighbour(appPort);
      Path file = config("ingress:\n  - hostname: app.example.com\n    service: http://127.0.0.1:" + wrong + "\n  - service: http_status:404\n");
      // the edge answers as the tunnel behind it does: cloudflared's 502 until the connector serves the fixed file
      try (FileBackedConnector connector = new FileBackedConnector(file);
          FakeDnsServer dns = FakeDnsServer.builder().zone("example.com").proxied("app.example.com").build().start();
          FakeEdge edge = FakeEdge.builder().answer("app.example.com",
              () -> readQuietly(file).contains(":" + appPort + "\n") ? EdgeFixture.HEALTHY : EdgeFixture.BAD_GATEWAY_HTML).build().start()) {
        String url = edge.url("app.example.com");

        DoctorRun run = LoopbackOrigin.run(LoopbackOrigin.context(noConnector, Optional::empty),
            "fix", "--config", file.toString(), "--url", url, "--metrics", connector.address(), "--write", "--wait", "5s",
            "--public", "--dns-server", dns.address(), "--resolve", edge.resolveEntry("app.example.com"),
            "--edge-ca", edge.writeCaPem(dir.resolve("edge-ca.pem")).toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains(
            "Routes, before -> after:\n  " + url + ": BROKEN http://127.0.0.1:" + wrong + " (edge: EDGE_BAD_GATEWAY) -> HEALTHY http://127.0.0.1:"
                + appPort + " (edge: EDGE_REACHABLE)\n",
            "Verdict: BROKEN -> HEALTHY\n");
        assertThat(edge.requests()).extracting(FakeEdge.Request::method).containsExactly("GET", "GET");
      }
    }
  }

  @Test
  void withPublicAnEdgeThatStillFailsAfterTheFixIsNotHealthy() throws IOException {
    try (LoopbackOrigin app = new LoopbackOrigin(200, "text/plain", "hello")) {
      int appPort = Integer.parseInt(app.address().substring(app.address().indexOf(':') + 1));
      int wrong = closedNeighbour(appPort);
      Path file = config("ingress:\n  - hostname: app.example.com\n    service: http://127.0.0.1:" + wrong + "\n  - service: http_status:404\n");
      // the origin is fixed, but the visitors still get error 1033: the tunnel has no healthy connector at the edge
      try (FileBackedConnector connector = new FileBackedConnector(file);
          FakeDnsServer dns = FakeDnsServer.builder().zone("example.com").proxied("app.example.com").build().start();
          FakeEdge edge = FakeEdge.builder().answer("app.example.com", EdgeFixture.TUNNEL_DOWN_TEXT).build().start()) {
        String url = edge.url("app.example.com");

        DoctorRun run = LoopbackOrigin.run(LoopbackOrigin.context(noConnector, Optional::empty),
            "fix", "--config", file.toString(), "--url", url, "--metrics", connector.address(), "--write", "--wait", "5s",
            "--public", "--dns-server", dns.address(), "--resolve", edge.resolveEntry("app.example.com"),
            "--edge-ca", edge.writeCaPem(dir.resolve("edge-ca.pem")).toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(Files.readString(file)).contains("service: http://127.0.0.1:" + appPort + "\n");
        assertThat(run.err()).contains(
            "Routes, before -> after:\n  " + url + ": BROKEN http://127.0.0.1:" + wrong + " (edge: EDGE_TUNNEL_UNAVAILABLE) -> BROKEN http://127.0.0.1:"
                + appPort + " (edge: EDGE_TUNNEL_UNAVAILABLE)\n",
            "Verdict: BROKEN -> BROKEN\n");
      }
    }
  }

  private static String readQuietly(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return "";
    }
  }

  @Test
  void theNeighbourPortOfAnotherRuleIsLeftAloneAndNothingIsWritten() throws IOException {
    try (LoopbackOrigin blog = new LoopbackOrigin(200, "text/plain", "the blog")) {
      int blogPort = Integer.parseInt(blog.address().substring(blog.address().indexOf(':') + 1));
      int shopPort = closedNeighbour(blogPort);
      String yaml = """
          ingress:
            - hostname: shop.example.test
              service: http://127.0.0.1:%d
            - hostname: blog.example.test
              service: http://127.0.0.1:%d
            - service: http_status:404
          """.formatted(shopPort, blogPort);
      Path file = config(yaml);

      DoctorRun run = LoopbackOrigin.run(LoopbackOrigin.context(noConnector, Optional::empty), "fix", "--config", file.toString(), "--write");

      assertThat(run.exitCode()).isEqualTo(1);
      assertThat(run.out()).isEmpty();
      assertThat(Files.readString(file)).isEqualTo(yaml);
      assertThat(backups()).isZero();
      assertThat(run.err()).contains("No change to the config file fixes what was found.\n",
          "  - ORIGIN_CONNECTION_REFUSED at rule #0 http://127.0.0.1:" + shopPort + ": Start the app of rule #0 so that it listens on port "
              + shopPort + ", or correct the port in rule #0's service by hand.\n"
              + "    why: No port change is suggested: port " + blogPort + " serves rule #1; pointing rule #0 there could send its visitors"
              + " to another application.\n",
          "Nothing written: the patch changes nothing.\n");
    }
  }

  @Test
  void withoutWriteTheDiffIsPrintedAndTheFileKept() throws IOException {
    Path file = config("ingress:\n  - hostname: a.example.test\n    service: http://127.0.0.1:1\n    originRequest:\n      connectTimeout: 30\n  - service: http_status:404\n");

    DoctorRun run = LoopbackOrigin.run(LoopbackOrigin.context(noConnector, Optional::empty), "fix", "--config", file.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).isEqualTo("""
        --- a/config.yml
        +++ b/config.yml
        @@ -2,5 +2,5 @@
           - hostname: a.example.test
             service: http://127.0.0.1:1
             originRequest:
        -      connectTimeout: 30
        +      connectTimeout: 30s
           - service: http_status:404
        """);
    assertThat(Files.readString(file)).contains("connectTimeout: 30\n");
  }

  @Test
  void reloadAndWaitNeedWrite() throws IOException {
    Path file = config("ingress:\n  - service: http_status:404\n");

    DoctorRun run = LoopbackOrigin.run(LoopbackOrigin.context(noConnector, Optional::empty), "fix", "--config", file.toString(), "--wait", "5s");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).isEqualTo("tunnel-doctor: --wait needs --write: without it nothing changes to reload or wait for\n");
  }

  @Test
  void jsonNamesTheChangesAndTheDiff() throws IOException {
    Path file = config("ingress:\n  - hostname: a.example.test\n    service: http://127.0.0.1:1\n    originRequest:\n      connectTimeout: 30\n  - service: http_status:404\n");

    DoctorRun run = LoopbackOrigin.run(LoopbackOrigin.context(noConnector, Optional::empty), "fix", "--config", file.toString(), "--format", "json");

    assertThat(run.out()).startsWith("""
        {
          "schema": "tunnel-diagnostics/fix/v1",
          "file": "%s",
          "verdictBefore": "BROKEN",
          "remotelyManaged": false,
          "changes": [
            {
              "kind": "setOriginRequest",
              "summary": "rule #0: originRequest.connectTimeout 30 → 30s",
              "rule": 0,
              "field": "originRequest.connectTimeout",
              "old": "30",
              "new": "30s",
              "why": "cloudflared reads connectTimeout as a Go duration string and refuses the bare number 30 (cannot unmarshal !!int into time.Duration): 30s is what was meant."
            }
          ],
          "refused": [],
          "problem": null,
        """.formatted(file));
  }
}
