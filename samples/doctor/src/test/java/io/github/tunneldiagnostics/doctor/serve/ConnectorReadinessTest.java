package io.github.tunneldiagnostics.doctor.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.github.tunneldiagnostics.api.DiagnosisReport;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** tunnel_doctor_connector_ready_connections also for a connector that is ready and leaves no finding. */
class ConnectorReadinessTest {
  private HttpServer connector;

  @BeforeEach
  void startConnector() throws IOException {
    connector = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4);
    connector.createContext("/ready", exchange -> {
      try (exchange) {
        byte[] body = "{\"status\":200,\"readyConnections\":4,\"connectorId\":\"5c3f1d7e-9b2a-4e8f-a1c6-0123456789ab\"}"
            .getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
      }
    });
    connector.start();
  }

  @AfterEach
  void stopConnector() {
    connector.stop(0);
  }

  @Test
  void aHealthyConnectorGivenWithMetricsIsAskedForItsReadyConnections() {
    // given: a report of a file's rules with no connector finding (the connector is ready and serves them)
    DiagnosisReport report = DiagnosisReport.of(Instant.parse("2026-11-30T12:00:00Z"), Duration.ofMillis(5), null, List.of(), List.of());
    String address = "127.0.0.1:" + connector.getAddress().getPort();

    // when
    Map<String, Integer> given = new ConnectorReadiness(Duration.ofSeconds(5), address).apply(report);
    Map<String, Integer> notGiven = new ConnectorReadiness(Duration.ofSeconds(5), null).apply(report);

    // then
    assertThat(given).containsExactly(Map.entry(address, 4));
    assertThat(notGiven).isEmpty();
  }
}
