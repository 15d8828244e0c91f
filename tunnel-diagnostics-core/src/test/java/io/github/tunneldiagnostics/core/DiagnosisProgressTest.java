package io.github.tunneldiagnostics.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tunneldiagnostics.api.DiagnosisListener;
import io.github.tunneldiagnostics.api.DiagnosisReport;
import io.github.tunneldiagnostics.api.Route;
import io.github.tunneldiagnostics.api.RouteUrl;
import io.github.tunneldiagnostics.api.check.Check;
import io.github.tunneldiagnostics.api.check.CheckResult;
import io.github.tunneldiagnostics.api.check.FindingCode;
import io.github.tunneldiagnostics.api.check.Resolver;
import java.io.IOException;
import java.net.InetAddress;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a {@link DiagnosisListener} hears from a real diagnosis of loopback origins: the progress a terminal shows. */
class DiagnosisProgressTest {
  private static final Resolver LOOPBACK_ONLY = host -> {
    throw new UnknownHostException(host + ": this test resolves nothing");
  };

  @TempDir Path dir;

  private final List<ServerSocket> origins = new ArrayList<>();

  @AfterEach
  void stopOrigins() throws IOException {
    for (ServerSocket origin : origins) {
      origin.close();
    }
  }

  /** An HTTP/1.1 origin on loopback that answers every request with 200 and closes the connection. */
  private String origin() throws IOException {
    ServerSocket server = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
    origins.add(server);
    Thread thread = new Thread(() -> {
      while (!server.isClosed()) {
        try (Socket socket = server.accept()) {
          BufferedReader request = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
          for (String line = request.readLine(); line != null && !line.isEmpty(); line = request.readLine()) {
            // the request's headers, up to the empty line
          }
          OutputStream out = socket.getOutputStream();
          out.write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"
              .getBytes(StandardCharsets.ISO_8859_1));
          out.flush();
        } catch (IOException closedOrReset) {
          // the test is over, or the probe hung up: next connection
        }
      }
    }, "test-origin-" + server.getLocalPort());
    thread.setDaemon(true);
    thread.start();
    return "http://127.0.0.1:" + server.getLocalPort();
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** Keeps every event in order; the listener contract says the calls never overlap, so a plain list does. */
  private static final class Events implements DiagnosisListener {
    final List<Route> planned = new ArrayList<>();
    final List<String> lines = new ArrayList<>();
    final List<Duration> elapsed = new ArrayList<>();

    @Override
    public void diagnosisStarted(List<Route> routes) {
      planned.addAll(routes);
      lines.add("started " + routes.size());
    }

    @Override
    public void routeStarted(Route route) {
      lines.add("route started " + route.label());
    }

    @Override
    public void routeFinished(Route route, Duration took) {
      lines.add("route finished " + route.label());
      elapsed.add(took);
    }

    @Override
    public void checkStarted(Check check) {
      lines.add("check started " + check.id());
    }

    @Override
    public void checkFinished(CheckResult result) {
      lines.add("check finished " + result.checkId());
    }

    long count(String prefix) {
      return lines.stream().filter(line -> line.startsWith(prefix)).count();
    }

    int index(String line) {
      return lines.indexOf(line);
    }
  }

  @Test
  void everyRouteIsStartedAndFinishedOnceAndTheFinishedReachTheTotal() throws IOException {
    // given: three live origins, a port nothing listens on, and the catch-all cloudflared answers itself
    Path config = dir.resolve("config.yml");
    Files.writeString(config, """
        ingress:
          - hostname: a.test.example
            service: %s
          - hostname: b.test.example
            service: %s
          - hostname: c.test.example
            service: %s
          - hostname: down.test.example
            service: http://127.0.0.1:%d
          - service: http_status:404
        """.formatted(origin(), origin(), origin(), closedPort()));
    Events events = new Events();

    // when
    DiagnosisReport report = TunnelDiagnostics.forConfig(config).resolver(LOOPBACK_ONLY).noConnector().listener(events).diagnose();

    // then: the total comes first; each probed route starts before it finishes, inside the origin check
    assertThat(report.findingsWithCode(FindingCode.ORIGIN_CONNECTION_REFUSED)).hasSize(1);
    assertThat(events.lines.get(0)).isEqualTo("started 5");
    assertThat(events.planned).extracting(Route::label).containsExactly("rule #0", "rule #1", "rule #2", "rule #3", "rule #4");
    assertThat(events.count("route started ")).isEqualTo(4);
    assertThat(events.count("route finished ")).isEqualTo(events.planned.size());
    for (String rule : List.of("rule #0", "rule #1", "rule #2", "rule #3")) {
      assertThat(events.index("route started " + rule))
          .isGreaterThan(events.index("check started origin"))
          .isLessThan(events.index("route finished " + rule));
      assertThat(events.index("route finished " + rule)).isLessThan(events.index("check finished origin"));
    }
    assertThat(events.lines).doesNotContain("route started rule #4").contains("route finished rule #4");
    assertThat(events.elapsed).allSatisfy(took -> assertThat(took).isGreaterThanOrEqualTo(Duration.ZERO));
    assertThat(events.count("check started ")).isEqualTo(report.results().size());
    assertThat(events.count("check finished ")).isEqualTo(report.results().size());
    assertThat(events.lines.get(events.lines.size() - 1)).startsWith("check finished ");
  }

  @Test
  void theRoutesOfTheUrlsAskedAboutAreTheOnesHeard() throws IOException {
    // given
    Path config = dir.resolve("config.yml");
    Files.writeString(config, """
        ingress:
          - hostname: a.test.example
            service: %s
          - service: http_status:404
        """.formatted(origin()));
    Events events = new Events();

    // when
    TunnelDiagnostics.forConfig(config).resolver(LOOPBACK_ONLY).noConnector().listener(events)
        .url("https://a.test.example/", "https://other.test.example/").diagnose();

    // then
    assertThat(events.planned).containsExactly(
        Route.forUrl(RouteUrl.parse("https://a.test.example/"), 0, "http://127.0.0.1:" + origins.get(0).getLocalPort()),
        Route.forUrl(RouteUrl.parse("https://other.test.example/"), 1, "http_status:404"));
    assertThat(events.lines).containsSubsequence("route started https://a.test.example/", "route finished https://a.test.example/")
        .contains("route finished https://other.test.example/");
    assertThat(events.count("route finished ")).isEqualTo(2);
  }
}
