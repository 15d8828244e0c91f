package io.github.tunneldiagnostics.core.internal.connector;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.check.FindingCode;
import io.github.tunneldiagnostics.core.ConnectorOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every metrics-server read has a byte and a time budget (issue 12): hostile connectors end within the deadline, and are named. */
class MetricsBudgetTest {
  /** How a path misbehaves. */
  enum Behaviour { READY, STREAM_FOREVER, HANG, HUGE, DEEP, NOT_FOUND }

  final Map<String, Behaviour> paths = new ConcurrentHashMap<>();
  ServerSocket server;

  @AfterEach
  void stop() throws IOException {
    if (server != null) {
      server.close();
    }
  }

  void start() throws IOException {
    server = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
    Thread t = new Thread(() -> {
      while (!server.isClosed()) {
        try {
          Socket client = server.accept();
          Thread handler = new Thread(() -> handle(client));
          handler.setDaemon(true);
          handler.start();
        } catch (IOException e) {
          return;
        }
      }
    });
    t.setDaemon(true);
    t.start();
  }

  private void handle(Socket client) {
    try (client) {
      InputStream in = client.getInputStream();
      StringBuilder head = new StringBuilder();
      while (!head.toString().endsWith("\r\n\r\n")) {
        int c = in.read();
        if (c < 0) {
          return;
        }
        head.append((char) c);
      }
      String path = head.toString().split(" ")[1];
      OutputStream out = new java.io.BufferedOutputStream(client.getOutputStream(), 1 << 16);
      switch (paths.getOrDefault(path, Behaviour.NOT_FOUND)) {
        case READY -> send(out, 200, "{\"status\":200,\"readyConnections\":4,\"connectorId\":\"5c3f1d7e-9b2a-4e8f-a1c6-0123456789ab\"}");
        case NOT_FOUND -> send(out, 404, "404 page not found");
        case HANG -> Thread.sleep(30_000);
        case STREAM_FOREVER -> {
          out.write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
          byte[] line = "cloudflared_tunnel_total_requests 1\n".getBytes(StandardCharsets.US_ASCII);
          while (true) {
            out.write(line);
            out.flush(); // trickles: never ends
            Thread.sleep(5);
          }
        }
        case HUGE -> {
          out.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n{\"version\":-1,\"config\":{\"ingress\":[".getBytes(StandardCharsets.US_ASCII));
          byte[] rule = "{\"hostname\":\"a.example.com\",\"service\":\"http://127.0.0.1:1\"},".getBytes(StandardCharsets.US_ASCII);
          for (long written = 0; written < 50L << 20; written += rule.length) {
            out.write(rule);
          }
        }
        case DEEP -> send(out, 200, "{\"version\":-1,\"config\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}");
      }
    } catch (IOException | InterruptedException e) {
      // client went away
    }
  }

  private static void send(OutputStream out, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    out.write(("HTTP/1.1 " + status + " X\r\nContent-Length: " + bytes.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    out.write(bytes);
    out.flush();
  }

  String address() {
    return "127.0.0.1:" + server.getLocalPort();
  }

  ConnectorReport inspect(Duration timeout) {
    return inspect(timeout, Duration.ofMillis(700));
  }

  ConnectorReport inspect(Duration timeout, Duration requestTimeout) {
    ConnectorOptions options = ConnectorOptions.builder().metricsAddress(address()).procRoot(null).requestTimeout(requestTimeout).build();
    Clock clock = Clock.systemUTC();
    return new ConnectorInspector(options).inspect(clock.instant().plus(timeout), clock);
  }

  @Test
  void aMetricsEndpointThatStreamsForeverEndsAtItsBudgetAndIsNamed() throws Exception {
    // given
    start();
    paths.put("/ready", Behaviour.READY);
    paths.put("/metrics", Behaviour.STREAM_FOREVER);

    // when
    Instant started = Instant.now();
    ConnectorReport report = inspect(Duration.ofSeconds(3));

    // then
    assertThat(Duration.between(started, Instant.now())).isLessThan(Duration.ofSeconds(3));
    assertThat(report.found()).isTrue();
    Finding f = report.findings().stream().filter(x -> x.subject().endsWith("/metrics")).findFirst().orElseThrow();
    assertThat(f.code()).isEqualTo(FindingCode.CHECK_FAILED);
    assertThat(f.message()).startsWith("The connector at " + address() + " answered /metrics too slowly (the body did not end within 700 ms (")
        .endsWith(" bytes read)); its request and error counters were not read.");
    assertThat(f.evidence()).containsEntry("result", "over the time budget").containsEntry("timeBudget", "700 ms");
  }

  @Test
  void aReadyThatNeverAnswersIsAHangingConnectorNotAnAbsentOne() throws Exception {
    // given
    start();
    paths.put("/ready", Behaviour.HANG);

    // when
    ConnectorReport report = inspect(Duration.ofSeconds(3));

    // then
    assertThat(report.findings()).singleElement().satisfies(f -> {
      assertThat(f.code()).isEqualTo(FindingCode.CONNECTOR_NOT_READY);
      assertThat(f.message()).isEqualTo("The connector's metrics server at " + address()
          + " accepts connections but /ready did not answer (connected, but no response within 700 ms): cloudflared is hung or overloaded, and a hung connector serves no visitor.");
      assertThat(f.evidence()).containsEntry("result", "no answer to /ready");
    });
  }

  @Test
  void aFiftyMegabyteConfigIsSaidNotDropped() throws Exception {
    // given
    start();
    paths.put("/ready", Behaviour.READY);
    paths.put("/config", Behaviour.HUGE);

    // when
    ConnectorReport report = inspect(Duration.ofSeconds(30), Duration.ofSeconds(15)); // generous: only the byte budget may end it

    // then
    assertThat(report.effective()).isEmpty();
    Finding f = report.findings().stream().filter(x -> x.subject().endsWith("/config")).findFirst().orElseThrow();
    assertThat(f.code()).isEqualTo(FindingCode.CHECK_FAILED);
    assertThat(f.message()).isEqualTo(
        "The connector at " + address() + " answered /config with more than 16777216 bytes (the body is larger than the 16777216-byte budget); "
            + "its effective ingress was not read, so the config file is diagnosed instead of what it serves.");
    assertThat(f.evidence()).containsEntry("result", "over the byte budget").containsEntry("byteBudget", "16777216");
  }

  @Test
  void aConfigNestedAHundredThousandDeepIsSaidNotDropped() throws Exception {
    // given
    start();
    paths.put("/ready", Behaviour.READY);
    paths.put("/config", Behaviour.DEEP);

    // when
    ConnectorReport report = inspect(Duration.ofSeconds(5));

    // then
    Finding f = report.findings().stream().filter(x -> x.subject().endsWith("/config")).findFirst().orElseThrow();
    assertThat(f.message()).isEqualTo("The connector at " + address() + " answered /config with 200024 bytes that are not cloudflared's configuration JSON "
        + "(it nests deeper than 64 levels); its effective ingress was not read, so the config file is diagnosed instead of what it serves.");
  }

  @Test
  void readsLabelsWithBracesInQuotesAndInfinity() {
    PrometheusText text = PrometheusText.parse("""
        # HELP build_info Build and version information
        build_info{goversion="go1.22.5",revision="2024.12.2 {dirty}",type="",version="2024.12.2"} 1
        cloudflared_tunnel_response_by_code{status_code="502"} 7
        cloudflared_proxy_connect_latency_bucket{le="+Inf"} 12
        cloudflared_proxy_connect_latency_bucket{le="0.5"} +Inf
        weird{a="x\\"}y",b="2"} -Inf 1700000000000
        broken{a="unterminated} 3
        nan_metric NaN
        """);
    assertThat(text.label("build_info", "version")).isEqualTo("2024.12.2");
    assertThat(text.label("build_info", "revision")).isEqualTo("2024.12.2 {dirty}");
    assertThat(text.byLabel("cloudflared_proxy_connect_latency_bucket", "le")).isEqualTo(Map.of("+Inf", 12.0, "0.5", Double.POSITIVE_INFINITY));
    assertThat(text.label("weird", "a")).isEqualTo("x\"}y");
    assertThat(text.label("weird", "b")).isEqualTo("2");
    assertThat(text.sum("weird").getAsDouble()).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(text.sum("broken")).isEmpty();
    assertThat(text.sum("nan_metric").getAsDouble()).isNaN();
    assertThat(List.of(text.sum("cloudflared_tunnel_response_by_code").getAsDouble())).containsExactly(7.0);
  }
}
