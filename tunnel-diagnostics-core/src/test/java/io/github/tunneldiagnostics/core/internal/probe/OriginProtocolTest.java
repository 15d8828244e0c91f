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
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What cloudflared really sends, and the ways an origin answers it that are not a plain HTTP/1.1 response:
 * WebSocket handshakes, proxy headers, h2c-only servers, garbage, a close without a byte, a reset. Every
 * case is a real loopback server.
 */
class OriginProtocolTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(3);
  private final OriginCheck check = OriginCheck.builder().socketTable(SocketTable.none()).build();
  private final List<LoopbackServer.Request> requests = new CopyOnWriteArrayList<>();
  private LoopbackServer server;

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  private List<Finding> probeWith(String scheme, LoopbackServer.Handler handler) throws Exception {
    server = LoopbackServer.start(handler);
    return probe(check, rule(0, "app.example.test", http(scheme, "127.0.0.1", server.port())), LOCALHOST_V4, TIMEOUT);
  }

  private LoopbackServer.Handler recording(java.util.function.Function<LoopbackServer.Request, String> responder) {
    return LoopbackServer.http(request -> {
      requests.add(request);
      return responder.apply(request);
    });
  }

  private static String accept(String key) throws Exception {
    byte[] digest = MessageDigest.getInstance("SHA-1").digest((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.ISO_8859_1));
    return Base64.getEncoder().encodeToString(digest);
  }

  @Test
  void websocketOriginThatAcceptsTheUpgradeIsReachable() throws Exception {
    // when
    List<Finding> findings = probeWith("ws", recording(request -> {
      try {
        return "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: "
            + accept(request.headers().get("sec-websocket-key")) + "\r\n\r\n";
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }));

    // then: the handshake is shaped like cloudflared's
    assertThat(requests).singleElement().satisfies(r -> {
      assertThat(r.line()).isEqualTo("GET / HTTP/1.1");
      assertThat(r.headers()).containsEntry("connection", "Upgrade").containsEntry("upgrade", "websocket")
          .containsEntry("sec-websocket-version", "13").containsEntry("origin", "https://app.example.test")
          .containsEntry("host", "app.example.test").containsEntry("x-forwarded-for", "127.0.0.1").containsKey("sec-websocket-key");
    });
    assertThat(findings).singleElement().satisfies(f -> {
      assertThat(f.code()).isEqualTo(FindingCode.ORIGIN_REACHABLE);
      assertThat(f.message()).matches("The origin at 127\\.0\\.0\\.1:" + server.port() + " accepted cloudflared's WebSocket handshake for / with"
          + " Host: app\\.example\\.test \\(HTTP/1\\.1 101 Switching Protocols\\) in \\d+ ms; the probe closed the connection without sending a frame\\.");
      assertThat(f.evidence()).containsEntry("websocket", "101, Sec-WebSocket-Accept matches the key")
          .containsEntry("request", "the WebSocket handshake (GET / with Upgrade: websocket) Host: app.example.test");
    });
  }

  @Test
  void websocketOriginThatRefusesTheUpgradeIsRejected() throws Exception {
    // when: the app answers every request as a plain page
    List<Finding> findings = probeWith("ws", recording(request -> LoopbackServer.response(200, "OK", "hello")));

    // then
    assertThat(findings).singleElement().satisfies(f -> {
      assertThat(f.code()).isEqualTo(FindingCode.ORIGIN_WEBSOCKET_REJECTED);
      assertThat(f.severity()).hasToString("ERROR");
      assertThat(f.message()).isEqualTo("The origin at 127.0.0.1:" + server.port() + " answered cloudflared's WebSocket handshake for / with"
          + " HTTP/1.1 200 OK instead of 101 Switching Protocols: it answered as to a plain GET, so nothing on that path speaks WebSocket (or a"
          + " proxy in front of it drops the Upgrade header); the visitor's WebSocket fails (a 1006 close or an error in the browser).");
      assertThat(f.remediation()).isEqualTo("Point rule #0's service (and the route's path) at the app's"
          + " WebSocket endpoint; if a proxy such as nginx sits in front of the app, pass the upgrade on (proxy_http_version 1.1;"
          + " proxy_set_header Upgrade $http_upgrade; proxy_set_header Connection \"upgrade\").");
      assertThat(f.evidence()).containsEntry("websocket", "expected 101, got 200").containsEntry("status", "HTTP/1.1 200 OK");
    });
  }

  @Test
  void originThatRejectsForwardedForIsProxyHeadersRejected() throws Exception {
    // when: Home Assistant's behaviour: 400 when X-Forwarded-For comes from a proxy it does not trust
    List<Finding> findings = probeWith("http", recording(request -> request.headers().containsKey("x-forwarded-for")
        ? LoopbackServer.response(400, "Bad Request", "400: Bad Request", "Server: Python/3.12 aiohttp/3.9.5")
        : LoopbackServer.response(200, "OK", "home", "Server: Python/3.12 aiohttp/3.9.5")));

    // then: one repeat, without the proxy headers, and only that one
    assertThat(requests).hasSize(2);
    assertThat(requests.get(1).headers()).doesNotContainKeys("x-forwarded-for", "cf-connecting-ip", "x-forwarded-proto", "cf-ray", "cf-visitor", "cdn-loop")
        .containsEntry("host", "app.example.test");
    assertThat(findings).singleElement().satisfies(f -> {
      assertThat(f.code()).isEqualTo(FindingCode.ORIGIN_PROXY_HEADERS_REJECTED);
      assertThat(f.message()).isEqualTo("The origin at 127.0.0.1:" + server.port() + " answers HTTP/1.1 400 Bad Request to cloudflared's request"
          + " (GET / with Cdn-Loop, Cf-Connecting-Ip, Cf-Ray, Cf-Visitor, X-Forwarded-For, X-Forwarded-Proto) but HTTP/1.1 200 OK to the same request"
          + " without those headers: the app refuses requests forwarded by a proxy it does not trust, most likely because of X-Forwarded-For.");
      assertThat(f.remediation()).isEqualTo("Make the app trust cloudflared, which connects from 127.0.0.1, as a reverse proxy so that it accepts"
          + " X-Forwarded-For: in Home Assistant's configuration.yaml set http: use_x_forwarded_for: true and trusted_proxies: [127.0.0.1], then restart it.");
      assertThat(f.evidence()).containsEntry("statusWithoutProxyHeaders", "HTTP/1.1 200 OK").containsEntry("header", "X-Forwarded-For");
    });
  }

  @Test
  void originThat404sEitherWayIsJustReachable() throws Exception {
    // when
    List<Finding> findings = probeWith("http", recording(request -> LoopbackServer.response(404, "Not Found", "")));

    // then: the proxy-header repeat changed nothing, so no finding about it
    assertThat(findings).extracting(Finding::code).containsExactly(FindingCode.ORIGIN_REACHABLE);
  }

  @Test
  void h2cOnlyServerThatAnswersWithSettingsIsH2cOnly() throws Exception {
    // when: like a gRPC server: its SETTINGS first, then a GOAWAY (PROTOCOL_ERROR) for the bad preface
    List<Finding> findings = probeWith("http", socket -> {
      OutputStream out = socket.getOutputStream();
      out.write(new byte[] {0, 0, 6, 4, 0, 0, 0, 0, 0, 0, 5, 0, 0, 0x40, 0});
      out.flush();
      socket.getInputStream().readNBytes(24);
      byte[] debug = "bogus greeting".getBytes(StandardCharsets.ISO_8859_1);
      byte[] goaway = new byte[9 + 8 + debug.length];
      goaway[2] = (byte) (8 + debug.length);
      goaway[3] = 7;
      goaway[16] = 1;
      System.arraycopy(debug, 0, goaway, 17, debug.length);
      out.write(goaway);
      out.flush();
      LoopbackServer.readHead(socket);
    });

    // then
    assertThat(findings).singleElement().satisfies(f -> {
      assertThat(f.code()).isEqualTo(FindingCode.ORIGIN_H2C_ONLY);
      assertThat(f.message()).isEqualTo("The origin at 127.0.0.1:" + server.port() + " answered the HTTP/1.1 request with HTTP/2 frames (SETTINGS,"
          + " GOAWAY (PROTOCOL_ERROR)): it speaks only cleartext HTTP/2 with prior knowledge (h2c, e.g. a gRPC server), which cloudflared never uses"
          + " for rule #0's service; cloudflared logs net/http: HTTP/1.x transport connection broken:"
          + " malformed HTTP response \"\\x00\\x00\\x06\\x04\\x00\\x00\\x00\\x00\\x00\\x00\\x05\\x00\\x00@\\x00\\x00\\x00\\x16\\a\\x00\\x00\\x00\\x00"
          + "\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x01bogus greeting\".");
      assertThat(f.remediation()).isEqualTo("Serve TLS on the origin and change rule #0's service"
          + " to https://127.0.0.1:" + server.port() + " with originRequest.http2Origin: true (cloudflared then negotiates HTTP/2 through ALPN),"
          + " or enable HTTP/1.1 on the origin.");
      assertThat(f.evidence()).containsEntry("origin.reply", "http2-frames").containsEntry("frames", "SETTINGS, GOAWAY (PROTOCOL_ERROR)");
    });
  }

  @Test
  void h2cServerThatWaitsForThePrefaceAndClosesOnHttp1IsH2cOnly() throws Exception {
    // when: it says nothing to HTTP/1.1 and closes, but answers the HTTP/2 preface with its SETTINGS
    byte[] preface = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
    List<Finding> findings = probeWith("http", socket -> {
      byte[] first = socket.getInputStream().readNBytes(preface.length);
      if (java.util.Arrays.equals(first, preface)) {
        socket.getOutputStream().write(new byte[] {0, 0, 6, 4, 0, 0, 0, 0, 0, 0, 3, 0, 0, 0, 100});
        socket.getOutputStream().flush();
        socket.getInputStream().readNBytes(9);
        Thread.sleep(200);
        return;
      }
      LoopbackServer.readHead(socket);
      socket.shutdownOutput();
      Thread.sleep(100);
    });

    // then
    assertThat(findings).singleElement().satisfies(f -> {
      assertThat(f.code()).isEqualTo(FindingCode.ORIGIN_H2C_ONLY);
      assertThat(f.message()).isEqualTo("The origin at 127.0.0.1:" + server.port() + " closed the HTTP/1.1 request without an answer, but answers"
          + " the HTTP/2 connection preface with HTTP/2 frames (SETTINGS): it speaks only cleartext HTTP/2 with prior knowledge (h2c, e.g. a gRPC"
          + " server), which cloudflared never uses for rule #0's service; cloudflared logs EOF.");
      assertThat(f.evidence()).containsEntry("origin.reply", "closed-without-a-byte").containsEntry("frames", "SETTINGS")
          .containsEntry("result", "HTTP/2 frames to the preface");
    });
  }

  @Test
  void garbageIsNonHttpWithItsFirstBytesQuotedAndBounded() throws Exception {
    // when
    List<Finding> findings = probeWith("http", socket -> {
      LoopbackServer.readHead(socket);
      socket.getOutputStream().write(("SSH-2.0-OpenSSH_9.6\r\n" + "x".repeat(10_000)).getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
      Thread.sleep(300);
    });

    // then: 64 bytes at most, escaped as Go's %q
    String quoted = "\"SSH-2.0-OpenSSH_9.6\\r\\n" + "x".repeat(43) + "\"";
    assertThat(findings).singleElement().satisfies(f -> {
      assertThat(f.code()).isEqualTo(FindingCode.ORIGIN_NO_RESPONSE);
      assertThat(f.message()).isEqualTo("The origin at 127.0.0.1:" + server.port() + " answered GET / with bytes that are not an HTTP/1.x response ("
          + quoted + "); cloudflared logs net/http: HTTP/1.x transport connection broken: malformed HTTP response " + quoted + ".");
      assertThat(f.remediation()).isEqualTo("Point rule #0's service at the app's HTTP port; 127.0.0.1:"
          + server.port() + " speaks another protocol.");
      assertThat(f.evidence()).containsEntry("origin.reply", "non-http").containsEntry("firstBytes", quoted);
    });
  }

  @Test
  void resetByPeerIsNoResponseWithItsOwnWordingNotSpeaksTls() throws Exception {
    // when: the app reads the request and aborts the connection (SO_LINGER 0 sends a RST)
    List<Finding> findings = probeWith("http", socket -> {
      LoopbackServer.readHead(socket);
      socket.setSoLinger(true, 0);
      socket.close();
    });

    // then
    assertThat(findings).singleElement().satisfies(f -> {
      assertThat(f.code()).isEqualTo(FindingCode.ORIGIN_NO_RESPONSE);
      assertThat(f.message()).matches("The origin at 127\\.0\\.0\\.1:" + server.port() + " accepted the connection, then reset it \\(TCP RST\\)"
          + " instead of answering GET / \\(after \\d+ ms\\); cloudflared logs read tcp <cloudflared>->127\\.0\\.0\\.1:" + server.port()
          + ": read: connection reset by peer\\.");
      assertThat(f.remediation()).isEqualTo("Check the app's logs around the probe's request: a reset right after a request means the app crashed or"
          + " aborted the connection (often a request it cannot parse, or a worker that died), or a firewall or proxy in front of 127.0.0.1:"
          + server.port() + " killed it.");
      assertThat(f.evidence()).containsEntry("origin.reply", "reset").containsEntry("result", "connection reset");
    });
  }

  @Test
  void closeWithoutAByteIsNoResponseWithItsOwnWording() throws Exception {
    // when: the app reads the request, then closes normally (FIN)
    List<Finding> findings = probeWith("http", socket -> {
      LoopbackServer.readHead(socket);
      socket.shutdownOutput();
      Thread.sleep(100);
    });

    // then
    assertThat(findings).singleElement().satisfies(f -> {
      assertThat(f.code()).isEqualTo(FindingCode.ORIGIN_NO_RESPONSE);
      assertThat(f.message()).matches("The origin at 127\\.0\\.0\\.1:" + server.port() + " accepted the connection and closed it without sending"
          + " a byte in answer to GET / \\(after \\d+ ms\\); cloudflared logs EOF\\.");
      assertThat(f.evidence()).containsEntry("origin.reply", "closed-without-a-byte");
    });
  }

  @Test
  void probesNeverSendABodyOrAnotherMethod() throws Exception {
    // when: every request the probe makes for one 4xx origin (the GET, the proxy-header repeat, the Host repeat)
    List<byte[]> raw = new CopyOnWriteArrayList<>();
    probeWith("http", socket -> {
      String head = LoopbackServer.readHead(socket);
      raw.add(head.getBytes(StandardCharsets.ISO_8859_1));
      socket.setSoTimeout(200);
      int extra = -1;
      try {
        extra = socket.getInputStream().read();
      } catch (java.net.SocketTimeoutException e) {
        // nothing more was sent: good
      }
      socket.getOutputStream().write(("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nX-Extra: " + extra + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
    });

    // then
    assertThat(raw).hasSizeGreaterThanOrEqualTo(2).allSatisfy(head -> {
      String text = new String(head, StandardCharsets.ISO_8859_1);
      assertThat(text).startsWith("GET / HTTP/1.1\r\n").doesNotContainIgnoringCase("content-length").doesNotContainIgnoringCase("transfer-encoding");
    });
  }

  static void silence(Socket socket) {
    // used to document that a handler intentionally says nothing
  }
}
