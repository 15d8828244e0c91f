package io.github.tunneldiagnostics.core.internal.probe;

import static io.github.tunneldiagnostics.core.internal.probe.ProbeFixture.http;
import static io.github.tunneldiagnostics.core.internal.probe.ProbeFixture.probe;
import static io.github.tunneldiagnostics.core.internal.probe.ProbeFixture.rule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.check.FindingCode;
import io.github.tunneldiagnostics.core.internal.resolver.GoResolver;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dial model and its evidence follow Go's address order: a hosts file that lists {@code 127.0.0.1
 * localhost} before {@code ::1 localhost} still has cloudflared dial {@code [::1]} first (RFC 6724), where
 * the JVM would try 127.0.0.1 first.
 */
class GoAddressOrderProbeTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(3);
  @TempDir Path root;

  private GoResolver connectorResolver(String hosts) throws IOException {
    Files.createDirectories(root.resolve("etc"));
    Files.writeString(root.resolve("etc/hosts"), hosts);
    Files.writeString(root.resolve("etc/resolv.conf"), "nameserver 127.0.0.1\n");
    // each loopback address is its own source, as on a host with IPv6 up on lo
    return GoResolver.of(GoResolver.Files.under(root, "connector"), destination -> destination, Clock.systemUTC());
  }

  private static void assumeIpv6Loopback() {
    try (ServerSocket probe = new ServerSocket()) {
      probe.bind(new InetSocketAddress(InetAddress.getByName("::1"), 0));
    } catch (IOException e) {
      assumeTrue(false, "IPv6 loopback unavailable: " + e.getMessage());
    }
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  @Test
  void refusedLocalhostIsReportedForIpv6FirstWhateverTheHostsFileOrder() throws Exception {
    // given
    assumeIpv6Loopback();
    int port = closedPort();
    GoResolver resolver = connectorResolver("127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost\n");
    OriginCheck check = OriginCheck.builder().socketTable(SocketTable.none()).build();

    // when
    List<Finding> findings = probe(check, rule(0, "app.example.test", http("http", "localhost", port)), resolver, TIMEOUT);

    // then
    assertThat(findings).singleElement().satisfies(f -> {
      assertThat(f.code()).isEqualTo(FindingCode.ORIGIN_CONNECTION_REFUSED);
      assertThat(f.message()).endsWith("cloudflared logs dial tcp [::1]:" + port + ": connect: connection refused.");
      assertThat(f.evidence()).containsEntry("resolved", root.resolve("etc/hosts") + " gives 127.0.0.1, ::1; Go sorts them (RFC 6724): ::1, 127.0.0.1");
      assertThat(f.evidence().get("goDial")).startsWith("IPv6 first (family of the first address), other family 300 ms later or as soon as it fails: [::1]:" + port
          + " refused after ");
      assertThat(f.evidence().keySet()).filteredOn(k -> k.startsWith("address.")).containsExactly("address.[::1]:" + port, "address.127.0.0.1:" + port);
    });
  }

  @Test
  void appOnIpv4OnlyIsReachedAfterIpv6IsRefused() throws Exception {
    // given: the app listens on 127.0.0.1 only
    assumeIpv6Loopback();
    try (ServerSocket app = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
      int port = app.getLocalPort();
      Thread server = new Thread(() -> {
        try (var socket = app.accept()) {
          LoopbackServer.readHead(socket);
          socket.getOutputStream().write("HTTP/1.1 204 No Content\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
          socket.getOutputStream().flush();
        } catch (IOException ignored) {
          // the test's assertions tell
        }
      });
      server.setDaemon(true);
      server.start();
      GoResolver resolver = connectorResolver("::1 localhost\n127.0.0.1 localhost\n");
      OriginCheck check = OriginCheck.builder().socketTable(SocketTable.none()).build();

      // when
      List<Finding> findings = probe(check, rule(0, "app.example.test", http("http", "localhost", port)), resolver, TIMEOUT);

      // then
      assertThat(findings).singleElement().satisfies(f -> {
        assertThat(f.code()).isEqualTo(FindingCode.ORIGIN_REACHABLE);
        assertThat(f.evidence()).containsEntry("address", "127.0.0.1:" + port)
            .containsEntry("resolved", root.resolve("etc/hosts") + " gives ::1, 127.0.0.1");
        assertThat(f.evidence().get("address.[::1]:" + port)).startsWith("refused after ");
        assertThat(f.evidence().get("address.127.0.0.1:" + port)).startsWith("connected after ");
      });
    }
  }
}
