package io.github.tunneldiagnostics.core.internal.probe;

import static io.github.tunneldiagnostics.core.internal.probe.ProbeFixture.LOCALHOST_V4;
import static io.github.tunneldiagnostics.core.internal.probe.ProbeFixture.http;
import static io.github.tunneldiagnostics.core.internal.probe.ProbeFixture.probe;
import static io.github.tunneldiagnostics.core.internal.probe.ProbeFixture.rule;
import static io.github.tunneldiagnostics.core.internal.probe.ProbeFixture.settings;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.tunneldiagnostics.api.Route;
import io.github.tunneldiagnostics.api.RouteUrl;
import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.check.FindingCode;
import io.github.tunneldiagnostics.api.check.Severity;
import io.github.tunneldiagnostics.api.ingress.IngressRule;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import static io.github.tunneldiagnostics.core.internal.probe.LoopbackServer.response;
import org.junit.jupiter.api.Test;

class OriginCheckHttpTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(2);
  private final OriginCheck check = OriginCheck.builder().socketTable(SocketTable.none()).build();
  private LoopbackServer server;

  @AfterEach
  void stop() throws IOException {
    if (server != null) {
      server.close();
    }
  }

  private int serve(Function<LoopbackServer.Request, String> responder) throws IOException {
    server = LoopbackServer.start(LoopbackServer.http(responder));
    return server.port();
  }

  @Test
  void healthyOriginIsReachableAndGetsCloudflaredsRequestShape() throws Exception {
    // given
    Map<String, String> seen = new ConcurrentHashMap<>();
    int port = serve(request -> {
      seen.putAll(request.headers());
      seen.put("request-line", request.line());
      return response(200, "OK", "hello", "Server: test-app");
    });
    IngressRule rule = rule(0, "app.example.test", http("http", "127.0.0.1", port));
    Route route = Route.forUrl(RouteUrl.parse("https://app.example.test/status?full=1"), 0, rule.service().toString());

    // when
    List<Finding> findings = check.run(ProbeFixture.context(ProbeFixture.model(List.of(rule)), List.of(route), LOCALHOST_V4, TIMEOUT));

    // then
    assertThat(findings).singleElement().satisfies(f -> {
      assertThat(f.code()).isEqualTo(FindingCode.ORIGIN_REACHABLE);
      assertThat(f.severity()).isEqualTo(Severity.INFO);
      assertThat(f.message()).matches("The origin at 127\\.0\\.0\\.1:" + port
          + " answered HTTP/1\\.1 200 OK to GET /status\\?full=1 with Host: app\\.example\\.test in \\d+ ms\\.");
      assertThat(f.evidence())
          .containsEntry("status", "HTTP/1.1 200 OK")
          .containsEntry("server", "test-app")
          .containsEntry("bodyPrefix", "hello")
          .containsEntry("route", "https://app.example.test/status?full=1")
          .containsEntry("request", "GET /status?full=1 Host: app.example.test");
      assertThat(f.evidence().get("firstByteMs")).matches("\\d+");
    });
    assertThat(seen)
        .containsEntry("request-line", "GET /status?full=1 HTTP/1.1")
        .containsEntry("host", "app.example.test")
        .containsEntry("x-forwarded-proto", "https")
        .containsEntry("x-forwarded-for", "127.0.0.1")
        .containsEntry("cf-connecting-ip", "127.0.0.1")
        .containsEntry("cf-visitor", "{\"scheme\":\"https\"}")
        .containsEntry("cdn-loop", "cloudflare")
        .containsEntry("connection", "keep-alive")
        .containsKey("cf-ray")
        .containsKey("user-agent");
  }

  @Test
  void httpHostHeaderReplacesHostAndKeepsTheOriginalInXForwardedHost() throws Exception {
    // given
    Map<String, String> seen = new ConcurrentHashMap<>();
    int port = serve(request -> {
      seen.putAll(request.headers());
      return response(204, "No Content", "");
    });
    IngressRule rule = rule(0, "app.example.test", http("http", "127.0.0.1", port), settings(b -> b.httpHostHeader("internal.test")));

    // when
    List<Finding> findings = probe(check, rule, LOCALHOST_V4, TIMEOUT);

    // then
    assertThat(findings).extracting(Finding::code).containsExactly(FindingCode.ORIGIN_REACHABLE);
    assertThat(seen).containsEntry("host", "internal.test").containsEntry("x-forwarded-host", "app.example.test");
  }

  @Test
  void originAnswering502ItselfIsAnOriginHttpError() throws Exception {
    // given
    int port = serve(request -> response(502, "Bad Gateway", "<html>502 Bad Gateway</html>", "Server: nginx"));

    // when
    List<Finding> findings = probe(check, rule(0, "app.example.test", http("http", "127.0.0.1", port)), LOCALHOST_V4, TIMEOUT);

    // then
    assertThat(findings).singleElement().satisfies(f -> {
      assertThat(f.code()).isEqualTo(FindingCode.ORIGIN_HTTP_ERROR);
      assertThat(f.message()).isEqualTo("The origin at 127.0.0.1:" + port + " itself answers HTTP/1.1 502 Bad Gateway (Server: nginx) to GET /"
          + " with Host: app.example.test; the visitor's 502 comes from the app or its upstream, not from the tunnel.");
      assertThat(f.remediation()).isEqualTo("Fix the app behind 127.0.0.1:" + port
          + " or the upstream it proxies to (check nginx's error log); the tunnel and cloudflared work.");
      assertThat(f.evidence()).containsEntry("bodyPrefix", "<html>502 Bad Gateway</html>");
    });
  }

  @Test
  void originThatRejectsTheForeignHostGetsHostHeaderWarning() throws Exception {
    // given: a virtual host that only knows its own address
    int[] port = new int[1];
    port[0] = serve(request -> ("127.0.0.1:" + port[0]).equals(request.headers().get("host"))
        ? response(200, "OK", "ok")
        : response(400, "Bad Request", "Invalid Host header"));

    // when
    List<Finding> findings = probe(check, rule(0, "app.example.test", http("http", "127.0.0.1", port[0])), LOCALHOST_V4, TIMEOUT);

    // then
    assertThat(findings).extracting(Finding::code).containsExactly(FindingCode.ORIGIN_REACHABLE, FindingCode.ORIGIN_HOST_HEADER_REJECTED);
    Finding warning = findings.get(1);
    assertThat(warning.severity()).isEqualTo(Severity.WARNING);
    assertThat(warning.message()).isEqualTo("The origin at 127.0.0.1:" + port[0] + " answers HTTP/1.1 400 Bad Request for Host: app.example.test"
        + " (what cloudflared sends) but HTTP/1.1 200 OK for Host: 127.0.0.1:" + port[0] + ".");
    assertThat(warning.remediation()).isEqualTo("Set originRequest.httpHostHeader: \"127.0.0.1:" + port[0]
        + "\" on rule #0, or add app.example.test to the app's virtual hosts / allowed hosts.");
    assertThat(warning.evidence()).containsEntry("bodyPrefix", "Invalid Host header");
  }

  @Test
  void httpsRedirectToTheSameUrlIsARedirectLoop() throws Exception {
    // given
    int port = serve(request -> response(301, "Moved Permanently", "", "Location: https://app.example.test/"));

    // when
    List<Finding> findings = probe(check, rule(0, "app.example.test", http("http", "127.0.0.1", port)), LOCALHOST_V4, TIMEOUT);

    // then
    assertThat(findings).extracting(Finding::code).contains(FindingCode.ORIGIN_REDIRECT_LOOP);
    Finding loop = findings.stream().filter(f -> f.code().equals(FindingCode.ORIGIN_REDIRECT_LOOP)).findFirst().orElseThrow();
    assertThat(loop.message()).isEqualTo("The origin at 127.0.0.1:" + port + " answers HTTP/1.1 301 Moved Permanently to https://app.example.test/"
        + " for GET / although the request says X-Forwarded-Proto: https: the visitor already is on that URL, so browsers loop (ERR_TOO_MANY_REDIRECTS).");
    assertThat(loop.remediation()).isEqualTo("Make the app trust X-Forwarded-Proto from cloudflared (trusted proxies), or change rule #0's service to"
        + " https://127.0.0.1:" + port + " so the origin sees TLS.");
  }

  @Test
  void slowFirstByteIsReportedAboveTheThreshold() throws Exception {
    // given
    int port = serve(request -> {
      sleep(300);
      return response(200, "OK", "late");
    });
    OriginCheck slowAware = OriginCheck.builder().socketTable(SocketTable.none()).slowThreshold(Duration.ofMillis(150)).build();

    // when
    List<Finding> findings = probe(slowAware, rule(0, "", http("http", "127.0.0.1", port)), LOCALHOST_V4, TIMEOUT);

    // then
    assertThat(findings).extracting(Finding::code).containsExactly(FindingCode.ORIGIN_REACHABLE, FindingCode.ORIGIN_SLOW);
    assertThat(findings.get(1).message()).matches("The origin at 127\\.0\\.0\\.1:" + port + " took \\d+ ms to send the first byte for GET /"
        + " \\(warning threshold 150 ms\\); Cloudflare's edge gives up after 100 s and the visitor gets 524\\.");
  }

  @Test
  void originThatAcceptsAndNeverAnswersHasNoResponse() throws Exception {
    // given
    try (LoopbackServer silent = LoopbackServer.start(LoopbackServer::blackHole)) {
      // when
      List<Finding> findings = probe(check, rule(0, "app.example.test", http("http", "127.0.0.1", silent.port())), LOCALHOST_V4, Duration.ofMillis(800));

      // then
      assertThat(findings).singleElement().satisfies(f -> {
        assertThat(f.code()).isEqualTo(FindingCode.ORIGIN_NO_RESPONSE);
        assertThat(f.message()).matches("The origin at 127\\.0\\.0\\.1:" + silent.port() + " accepted the connection but sent no response to GET /"
            + " within \\d+ ms; cloudflared sets no response timeout, so the visitor waits until Cloudflare's edge gives up after 100 s \\(error 524\\)\\.");
        assertThat(f.evidence()).containsEntry("result", "no response in time");
      });
    }
  }

  @Test
  void originThatAcceptsAndClosesHasNoResponseAndCloudflaredLogsEof() throws Exception {
    // given
    try (LoopbackServer closing = LoopbackServer.start(socket -> LoopbackServer.readHead(socket))) {
      // when
      List<Finding> findings = probe(check, rule(0, "app.example.test", http("http", "127.0.0.1", closing.port())), LOCALHOST_V4, TIMEOUT);

      // then
      assertThat(findings).singleElement().satisfies(f -> {
        assertThat(f.code()).isEqualTo(FindingCode.ORIGIN_NO_RESPONSE);
        assertThat(f.message()).matches("The origin at 127\\.0\\.0\\.1:" + closing.port()
            + " accepted the connection and closed it without sending a byte in answer to GET / \\(after \\d+ ms\\); cloudflared would log EOF\\.");
        assertThat(f.evidence()).containsEntry("origin.reply", "closed-without-a-byte").containsEntry("result", "closed without response");
      });
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
