package io.github.tunneldiagnostics.core.internal.probe;

import static io.github.tunneldiagnostics.core.internal.probe.ProbeFixture.LOCALHOST_V4;
import static io.github.tunneldiagnostics.core.internal.probe.ProbeFixture.http;
import static io.github.tunneldiagnostics.core.internal.probe.ProbeFixture.probe;
import static io.github.tunneldiagnostics.core.internal.probe.ProbeFixture.rule;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.check.FindingCode;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Origins that misbehave on purpose: the probe must end in the right code, by the deadline, with bounded memory. */
class HostileOriginTest {
  private static final Duration DEADLINE = Duration.ofMillis(1500);
  private final OriginCheck check = OriginCheck.builder().socketTable(SocketTable.none()).build();
  private LoopbackServer server;

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  private List<Finding> probeWithin(String scheme, LoopbackServer.Handler handler) throws Exception {
    server = LoopbackServer.start(handler);
    Instant start = Instant.now();
    List<Finding> findings = probe(check, rule(0, "app.example.test", http(scheme, "127.0.0.1", server.port())), LOCALHOST_V4, DEADLINE);
    assertThat(Duration.between(start, Instant.now())).isLessThan(DEADLINE.plusMillis(250));
    return findings;
  }

  private static void dribble(Socket socket, byte[] bytes, long pauseMillis) throws Exception {
    OutputStream out = socket.getOutputStream();
    for (byte b : bytes) {
      out.write(b);
      out.flush();
      Thread.sleep(pauseMillis);
    }
  }

  @Test
  void originThatDribblesItsStatusLineHasNoResponseByTheDeadline() throws Exception {
    // when: one byte every 100 ms, so every single read succeeds before any read timeout
    List<Finding> findings = probeWithin("http", socket -> {
      LoopbackServer.readHead(socket);
      dribble(socket, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), 100);
    });

    // then
    assertThat(findings).singleElement().satisfies(f -> {
      assertThat(f.code()).isEqualTo(FindingCode.ORIGIN_NO_RESPONSE);
      assertThat(f.message()).contains(" (only \"HTTP/");
    });
  }

  @Test
  void originThatDribblesOneByteASecondHasNoResponseByTheDeadline() throws Exception {
    // when
    List<Finding> findings = probeWithin("http", socket -> {
      LoopbackServer.readHead(socket);
      dribble(socket, "HTTP/1.1 200 OK\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), 1000);
    });

    // then
    assertThat(findings).extracting(Finding::code).containsExactly(FindingCode.ORIGIN_NO_RESPONSE);
  }

  @Test
  void endlessBodyIsReadOnlyAsABoundedPrefix() throws Exception {
    // when
    List<Finding> findings = probeWithin("http", socket -> {
      LoopbackServer.readHead(socket);
      OutputStream out = socket.getOutputStream();
      out.write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
      byte[] chunk = ("1000\r\n" + "x".repeat(4096) + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
      while (true) {
        out.write(chunk);
      }
    });

    // then
    assertThat(findings).singleElement().satisfies(f -> {
      assertThat(f.code()).isEqualTo(FindingCode.ORIGIN_REACHABLE);
      assertThat(f.evidence().get("bodyPrefix")).hasSizeLessThanOrEqualTo(200).startsWith("1000");
    });
  }

  @Test
  void endlessRedirectsAreNotFollowed() throws Exception {
    // when: every answer redirects somewhere new
    int[] hops = new int[1];
    List<Finding> findings = probeWithin("http", LoopbackServer.http(request ->
        LoopbackServer.response(302, "Found", "", "Location: /hop/" + (++hops[0]))));

    // then
    assertThat(findings).singleElement().satisfies(f -> {
      assertThat(f.code()).isEqualTo(FindingCode.ORIGIN_REACHABLE);
      assertThat(f.evidence()).containsEntry("status", "HTTP/1.1 302 Found").containsEntry("location", "/hop/1");
    });
  }

  @Test
  void randomBytesAreNotAnHttpResponse() throws Exception {
    // when
    List<Finding> findings = probeWithin("http", socket -> {
      LoopbackServer.readHead(socket);
      byte[] noise = new byte[64 * 1024];
      new Random(7).nextBytes(noise);
      noise[0] = 'X';
      socket.getOutputStream().write(noise);
      Thread.sleep(300);
    });

    // then
    assertThat(findings).singleElement().satisfies(f -> {
      assertThat(f.code()).isEqualTo(FindingCode.ORIGIN_NO_RESPONSE);
      assertThat(f.message()).contains("with bytes that are not an HTTP/1.x response (\"X")
          .contains("cloudflared would log net/http: HTTP/1.x transport connection broken: malformed HTTP response \"X");
    });
  }

  @Test
  void tlsHandshakeThatDribblesIsCutAtTheTlsTimeout() throws Exception {
    // when: a TLS record header, then one byte every 50 ms
    List<Finding> findings = probeWithin("https", socket -> {
      byte[] hello = new byte[200];
      hello[0] = 0x16;
      hello[1] = 0x03;
      hello[2] = 0x03;
      hello[3] = 0x00;
      hello[4] = (byte) 195;
      dribble(socket, hello, 50);
    });

    // then
    assertThat(findings).singleElement().satisfies(f -> {
      assertThat(f.code()).isEqualTo(FindingCode.ORIGIN_NO_RESPONSE);
      assertThat(f.message()).contains("did not complete the TLS handshake").endsWith("cloudflared would log net/http: TLS handshake timeout.");
    });
  }
}
