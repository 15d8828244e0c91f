package io.github.tunneldiagnostics.core.internal.probe;

import static io.github.tunneldiagnostics.core.internal.probe.ProbeFixture.LOCALHOST_V4;
import static io.github.tunneldiagnostics.core.internal.probe.ProbeFixture.probe;
import static io.github.tunneldiagnostics.core.internal.probe.ProbeFixture.rule;
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

  /** Serves one plain HTTP answer per connection on a unix socket. */
  private static ServerSocketChannel servePlain(Path path) throws Exception {
    ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(UnixDomainSocketAddress.of(path));
    Thread acceptor = new Thread(() -> {
      while (server.isOpen()) {
        try (SocketChannel client = server.accept()) {
          ByteBuffer request = ByteBuffer.allocate(4096);
          client.read(request);
          client.write(ByteBuffer.wrap("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".getBytes(StandardCharsets.ISO_8859_1)));
          Thread.sleep(100);
        } catch (Exception ignored) {
          // test server
        }
      }
    });
    acceptor.setDaemon(true);
    acceptor.start();
    return server;
  }

  @Test
  void presentUnixSocketAnswersHttp() throws Exception {
    // given
    Path path = directory.resolve("app.sock");
    try (ServerSocketChannel server = servePlain(path)) {

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
      assertThat(f.message()).isEqualTo("The unix socket " + path + " does not exist; cloudflared would log dial unix " + path
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
      assertThat(f.message()).isEqualTo("The unix socket " + path + " exists but is a regular file, not a socket; cloudflared would log dial unix " + path
          + ": connect: connection refused.");
    });
  }

  @Test
  void unixTlsSocketIsProbedOverTls() throws Exception {
    // given: a TLS server on a unix socket, its CA given as caPool
    TestCertificates.Identity ca = TestCertificates.authority("Unix CA");
    TestCertificates.Identity identity = TestCertificates.issuedBy(ca,
        TestCertificates.Spec.valid("app.example.test", List.of("app.example.test"), List.of()));
    Path caPool = TestCertificates.writePem(directory.resolve("ca.pem"), ca.leaf());
    javax.net.ssl.KeyManagerFactory keys = javax.net.ssl.KeyManagerFactory.getInstance(javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
    keys.init(identity.keyStore(), "changeit".toCharArray());
    javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
    context.init(keys.getKeyManagers(), null, null);
    Path path = directory.resolve("tls.sock");
    try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      server.bind(UnixDomainSocketAddress.of(path));
      Thread acceptor = new Thread(() -> {
        while (server.isOpen()) {
          try (SocketChannel client = server.accept();
              javax.net.ssl.SSLSocket tls = (javax.net.ssl.SSLSocket) context.getSocketFactory().createSocket(new ChannelSocket(client), "localhost", 0, true)) {
            tls.setUseClientMode(false);
            tls.startHandshake();
            LoopbackServer.http(request -> LoopbackServer.response(200, "OK", "over tls")).handle(tls);
          } catch (Exception ignored) {
            // test server
          }
        }
      });
      acceptor.setDaemon(true);
      acceptor.start();

      // when
      List<Finding> findings = probe(check, rule(0, "app.example.test", new OriginService.UnixSocket(path.toString(), true),
          ProbeFixture.settings(b -> b.caPool(caPool.toString()))), LOCALHOST_V4, TIMEOUT);

      // then
      assertThat(findings).singleElement().satisfies(f -> {
        assertThat(f.code()).isEqualTo(FindingCode.ORIGIN_REACHABLE);
        assertThat(f.evidence()).containsEntry("sni", "app.example.test").containsEntry("verification", "ok for app.example.test")
            .containsEntry("status", "HTTP/1.1 200 OK");
      });
    }
  }

  @Test
  void unixTlsServiceOnAPlainSocketSpeaksPlaintext() throws Exception {
    // given
    Path path = directory.resolve("plain.sock");
    try (ServerSocketChannel server = servePlain(path)) {
      // when
      List<Finding> findings = probe(check, rule(0, "app.example.test", new OriginService.UnixSocket(path.toString(), true)), LOCALHOST_V4, TIMEOUT);

      // then
      assertThat(findings).singleElement().satisfies(f -> {
        assertThat(f.code()).isEqualTo(FindingCode.ORIGIN_SPEAKS_PLAINTEXT);
        assertThat(f.remediation()).isEqualTo("Change rule #0's service to unix:" + path + ".");
      });
    }
  }
}
