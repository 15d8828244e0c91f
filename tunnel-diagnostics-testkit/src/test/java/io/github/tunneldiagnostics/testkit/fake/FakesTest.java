package io.github.tunneldiagnostics.testkit.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FakesTest {

  /** Sends one raw request with the given Host and returns everything the server sent before closing. */
  static String exchange(int port, String path, String host) throws IOException {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(3000);
      socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.ISO_8859_1));
      InputStream in = socket.getInputStream();
      byte[] head = in.readNBytes(4096);
      return new String(head, StandardCharsets.ISO_8859_1);
    }
  }

  @Test
  void originAnswersItsStatusAndCountsRequests() throws IOException {
    try (FakeOrigin origin = FakeOrigin.builder().status(502).body("upstream down").build().start()) {
      String response = exchange(origin.port(), "/", "app.example.com");

      assertThat(response).startsWith("HTTP/1.1 502 Bad Gateway\r\n").endsWith("upstream down");
      assertThat(origin.requestCount()).isEqualTo(1);
      assertThat(origin.serviceUrl()).isEqualTo("http://127.0.0.1:" + origin.port());
    }
  }

  @Test
  void virtualHostOriginAnswers404ToAForeignHost() throws IOException {
    try (FakeOrigin origin = FakeOrigin.builder().onlyForHost("localhost").build().start()) {
      assertThat(exchange(origin.port(), "/", "app.example.com")).startsWith("HTTP/1.1 404 ");
      assertThat(exchange(origin.port(), "/", "localhost:" + origin.port())).startsWith("HTTP/1.1 200 OK");
    }
  }

  @Test
  void emptyResponseClosesWithoutAByteAndResetResets() throws IOException {
    try (FakeOrigin empty = FakeOrigin.builder().fault(OriginFault.EMPTY_RESPONSE).build().start();
        FakeOrigin reset = FakeOrigin.builder().fault(OriginFault.CONNECTION_RESET).build().start()) {
      assertThat(exchange(empty.port(), "/", "x")).isEmpty();
      assertThatExceptionOfType(IOException.class).isThrownBy(() -> exchange(reset.port(), "/", "x"))
          .withMessageContaining("reset");
    }
  }

  @Test
  void connectorServesReadinessConfigAndDiagLikeCloudflared() throws IOException {
    try (FakeConnector down = FakeConnector.builder().readyConnections(0).build().start();
        FakeConnector up = FakeConnector.builder().tunnelId("6ff42ae2-765d-4adf-8112-31c55c1551ef")
            .config("{\"ingress\":[{\"service\":\"http_status:404\"}]}", 3).build().start()) {
      assertThat(exchange(down.port(), "/ready", "x"))
          .startsWith("HTTP/1.1 503 ")
          .endsWith("{\"status\":503,\"readyConnections\":0,\"connectorId\":\"1f2b3c4d-0000-4000-8000-00000000c0de\"}");
      assertThat(exchange(down.port(), "/diag/tunnel", "x")).startsWith("HTTP/1.1 404 ");
      assertThat(exchange(up.port(), "/config", "x")).endsWith("{\"version\":3,\"config\":{\"ingress\":[{\"service\":\"http_status:404\"}]}}");
      assertThat(exchange(up.port(), "/diag/tunnel", "x"))
          .contains("\"tunnelID\":\"6ff42ae2-765d-4adf-8112-31c55c1551ef\"")
          .contains("{\"isConnected\":true,\"protocol\":1,\"edgeAddress\":\"127.0.0.1\"},{\"isConnected\":true,\"protocol\":1,\"edgeAddress\":\"127.0.0.1\",\"index\":1}");
      assertThat(up.address()).isEqualTo("127.0.0.1:" + up.port());
    }
  }
}
