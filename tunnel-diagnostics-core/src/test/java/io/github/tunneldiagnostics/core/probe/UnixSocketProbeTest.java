package io.github.tunneldiagnostics.core.probe;

import static io.github.tunneldiagnostics.core.probe.ProbeFixture.LOCALHOST_V4;
import static io.github.tunneldiagnostics.core.probe.ProbeFixture.probe;
import static io.github.tunneldiagnostics.core.probe.ProbeFixture.rule;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.check.FindingCode;
import io.github.tunneldiagnostics.api.ingress.OriginService;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnixSocketProbeTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(2);
  private final OriginCheck check = OriginCheck.builder().socketTable(SocketTable.none()).build();
  @TempDir Path directory;

  @Test
  void presentUnixSocketAnswersHttp() throws Exception {
    // given
    Path path = directory.resolve("app.sock");
    try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      server.bind(UnixDomainSocketAddress.of(path));
      Thread acceptor = new Thread(() -> {
        try (SocketChannel client = server.accept()) {
          ByteBuffer request = ByteBuffer.allocate(4096);
          client.read(request);
          client.write(ByteBuffer.wrap("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".getBytes(StandardCharsets.ISO_8859_1)));
          Thread.sleep(100);
        } catch (Exception ignored) {
          // test server
        }
      });
      acceptor.setDaemon(true);
      acceptor.start();

      // when
      List<Finding> findings = probe(check, rule(0, "app.example.test", new OriginService.UnixSocket(path.toString(), false)), LOCALHOST_V4, TIMEOUT);

      // then
      assertThat(findings).singleElement().satisfies(f -> {
        assertThat(f.code()).isEqualTo(FindingCode.ORIGIN_REACHABLE);
        assertThat(f.message()).matches("The origin at unix:" + path.toString().replace(".", "\\.")
            + " answered HTTP/1\\.1 200 OK to GET / with Host: app\\.example\\.test in \\d+ ms\\.");
        assertThat(f.subject()).isEqualTo("rule #0 unix:" + path);
      });
    }
  }

  @Test
  void missingUnixSocketIsReported() throws Exception {
    // given
    Path path = directory.resolve("missing.sock");

    // when
    List<Finding> findings = probe(check, rule(0, "app.example.test", new OriginService.UnixSocket(path.toString(), false)), LOCALHOST_V4, TIMEOUT);

    // then
    assertThat(findings).singleElement().satisfies(f -> {
      assertThat(f.code()).isEqualTo(FindingCode.ORIGIN_UNIX_SOCKET_MISSING);
      assertThat(f.message()).isEqualTo("The unix socket " + path + " does not exist; cloudflared logs dial unix " + path
          + ": connect: no such file or directory.");
      assertThat(f.remediation()).isEqualTo("Start the app so that it creates " + path + ", or change rule #0's service to unix:<the socket it really creates>.");
    });
  }

  @Test
  void regularFileInsteadOfASocketIsReported() throws Exception {
    // given
    Path path = Files.writeString(directory.resolve("app.sock"), "not a socket");

    // when
    List<Finding> findings = probe(check, rule(0, "", new OriginService.UnixSocket(path.toString(), true)), LOCALHOST_V4, TIMEOUT);

    // then
    assertThat(findings).singleElement().satisfies(f -> {
      assertThat(f.code()).isEqualTo(FindingCode.ORIGIN_UNIX_SOCKET_MISSING);
      assertThat(f.message()).isEqualTo("The unix socket " + path + " exists but is a regular file, not a socket; cloudflared logs dial unix " + path
          + ": connect: connection refused.");
    });
  }
}
