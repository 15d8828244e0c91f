package io.github.tunneldiagnostics.core.internal.seat;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tunneldiagnostics.api.Diagnosis;
import io.github.tunneldiagnostics.api.DiagnosisReport;
import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.check.FindingCode;
import io.github.tunneldiagnostics.api.check.Severity;
import io.github.tunneldiagnostics.api.ingress.IngressModel;
import io.github.tunneldiagnostics.core.internal.config.ConfigLoader;
import io.github.tunneldiagnostics.core.internal.vantage.ProxyEnvironment;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ORIGIN_VIA_PROXY against a loopback fake proxy; the origin itself is never contacted. */
class ProxyCheckTest {
  @TempDir Path temp;
  ServerSocket proxy;
  final List<String> requests = new CopyOnWriteArrayList<>();

  @AfterEach
  void stop() throws IOException {
    if (proxy != null) {
      proxy.close();
    }
  }

  void proxyAnswering(String statusLine) throws IOException {
    proxy = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
    Thread t = new Thread(() -> {
      while (!proxy.isClosed()) {
        try (Socket client = proxy.accept()) {
          BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.ISO_8859_1));
          StringBuilder head = new StringBuilder();
          String line;
          while ((line = in.readLine()) != null && !line.isEmpty()) {
            head.append(line).append('\n');
          }
          requests.add(head.toString());
          client.getOutputStream().write((statusLine + "\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
          // closed
        }
      }
    });
    t.setDaemon(true);
    t.start();
  }

  DiagnosisReport diagnose(ProxyEnvironment env) throws Exception {
    IngressModel model = ConfigLoader.parse("ingress:\n  - hostname: app.example.com\n    service: https://app.internal:8443\n"
        + "  - hostname: local.example.com\n    service: http://localhost:8080\n  - service: http_status:404\n", temp.resolve("config.yml"));
    return Diagnosis.builder().ingress(model).check(new ProxyCheck(env)).timeout(Duration.ofSeconds(5)).build().run();
  }

  @Test
  void aProxyThatCannotReachTheOriginIsAnErrorAndItsPasswordIsNeverShown() throws Exception {
    // given
    proxyAnswering("HTTP/1.1 502 Bad Gateway");
    ProxyEnvironment env = ProxyEnvironment.fromMap(Map.of("HTTPS_PROXY", "http://alice:s3cret@127.0.0.1:" + proxy.getLocalPort()));

    // when
    DiagnosisReport report = diagnose(env);

    // then
    Finding f = report.findings().stream().filter(x -> x.code().equals(FindingCode.ORIGIN_VIA_PROXY)).findFirst().orElseThrow();
    assertThat(report.findings()).filteredOn(x -> x.code().equals(FindingCode.ORIGIN_VIA_PROXY)).hasSize(1); // localhost is never proxied
    assertThat(f.severity()).isEqualTo(Severity.ERROR);
    assertThat(f.message()).isEqualTo("cloudflared sends rule #0's requests to app.internal:8443 through the proxy http://****@127.0.0.1:" + proxy.getLocalPort()
        + " (HTTPS_PROXY in cloudflared's environment), and the proxy cannot reach the origin (502): visitors get 502, whatever the direct probe says.");
    assertThat(f.remediation()).isEqualTo("Add app.internal to NO_PROXY in cloudflared's environment (NO_PROXY=app.internal; in Compose: environment: "
        + "[\"NO_PROXY=app.internal\"]) so that it connects directly, or allow app.internal:8443 on the proxy.");
    assertThat(f.toString()).doesNotContain("s3cret").doesNotContain("alice");
    assertThat(requests).singleElement().satisfies(r -> assertThat(r).startsWith("CONNECT app.internal:8443 HTTP/1.1\nHost: app.internal:8443\n")
        .contains("Proxy-Authorization: Basic YWxpY2U6czNjcmV0"));
  }

  @Test
  void aWorkingProxyIsAWarningAndARefusingOneAnError() throws Exception {
    // given
    proxyAnswering("HTTP/1.1 200 Connection established");
    ProxyEnvironment env = ProxyEnvironment.fromMap(Map.of("HTTPS_PROXY", "127.0.0.1:" + proxy.getLocalPort(), "NO_PROXY", "example.org"));

    // when / then
    Finding works = diagnose(env).findings().stream().filter(x -> x.code().equals(FindingCode.ORIGIN_VIA_PROXY)).findFirst().orElseThrow();
    assertThat(works.severity()).isEqualTo(Severity.WARNING);
    assertThat(works.message()).isEqualTo("cloudflared sends rule #0's requests to app.internal:8443 through the proxy http://127.0.0.1:" + proxy.getLocalPort()
        + " (HTTPS_PROXY in cloudflared's environment), not directly (NO_PROXY does not exempt app.internal); the proxy gets through now (the proxy answered 200), "
        + "but the origin depends on it.");

    try (Socket refusing = refusingPort()) {
      int port = refusing.getLocalPort();
      Finding refused = diagnose(ProxyEnvironment.fromMap(Map.of("HTTPS_PROXY", "127.0.0.1:" + port))).findings().stream()
          .filter(x -> x.code().equals(FindingCode.ORIGIN_VIA_PROXY)).findFirst().orElseThrow();
      assertThat(refused.severity()).isEqualTo(Severity.ERROR);
      assertThat(refused.message()).isEqualTo("cloudflared sends rule #0's requests to app.internal:8443 through the proxy http://127.0.0.1:" + port
          + " (HTTPS_PROXY in cloudflared's environment), and nothing accepts connections at the proxy (127.0.0.1:" + port + " refused): every request fails with 502.");
    }
  }

  /**
   * A loopback port that refuses connections for as long as the test holds it: bound, never listening. A port
   * that was closed to be "refused" is free again, and another process on the machine (another build's test
   * server) may bind it before the probe connects; that is how this test once saw a working proxy (a 200
   * from someone else's server) where it expected a refusal. A bound port is taken by no one else, and no
   * probe can connect to itself on it either.
   */
  static Socket refusingPort() throws IOException {
    Socket socket = new Socket();
    socket.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    return socket;
  }
}
