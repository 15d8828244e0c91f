package io.github.tunneldiagnostics.testkit;

import static io.github.tunneldiagnostics.testkit.TunnelAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;

import io.github.tunneldiagnostics.testkit.fake.FakeOrigin;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TunnelRouteAssertTest {

  static TunnelRoutes tunnel() {
    return TunnelRoutes.fromClasspath("cloudflared/config.yml").withResolver(new LoopbackResolver()).withTimeout(Duration.ofSeconds(3));
  }

  static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** Timings vary from run to run; everything else in a message is asserted letter by letter. */
  static String withoutTimings(String message, int port) {
    return message.replaceAll("\\d+(\\.\\d+)? ?(ms|µs|s)\\b", "<t>").replace(Integer.toString(port), "<port>");
  }

  @Test
  void liveOriginPasses() {
    try (FakeOrigin app = FakeOrigin.healthy().start()) {
      TunnelRoutes routes = tunnel().withService("http://localhost:8080", "http://localhost:" + app.port());

      assertThatNoException().isThrownBy(() -> assertThat(routes.route("https://api.example.com/health")).resolvesToLiveOrigin());
      assertThat(routes.route("https://api.example.com/health")).isServedByRule(0);
    }
  }

  @Test
  void refusedOriginFailsWithTheChainTheFixAndTheOverride() throws IOException {
    // given: the app is not running on the overridden port
    int port = closedPort();
    TunnelRoutes routes = tunnel().withService("http://localhost:8080", "http://localhost:" + port);
    // when / then
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(routes.route("https://api.example.com/health")).resolvesToLiveOrigin())
        .satisfies(e -> org.assertj.core.api.Assertions.assertThat(withoutTimings(e.getMessage(), port)).startsWith(String.join("\n",
            "",
            "Expecting route",
            "  https://api.example.com/health",
            "to resolve to a live origin, but it does not:",
            "  https://api.example.com/health",
            "    → rule #0 (api.example.com)",
            "    → service http://localhost:<port>")))
        .satisfies(e -> org.assertj.core.api.Assertions.assertThat(withoutTimings(e.getMessage(), port)).contains(
            "✗ ORIGIN_CONNECTION_REFUSED",
            "service overrides in force:\n  http://localhost:8080 → http://localhost:<port> (service override)\n",
            "findings:\n  ERROR ORIGIN_CONNECTION_REFUSED — rule #0",
            "    fix: "));
  }

  @Test
  void originAnswering502FailsWithTheOriginsOwnError() {
    try (FakeOrigin app = FakeOrigin.builder().status(502).build().start()) {
      TunnelRoutes routes = tunnel().withService("http://localhost:8080", "http://localhost:" + app.port());

      assertThatExceptionOfType(AssertionError.class)
          .isThrownBy(() -> assertThat(routes.route("https://api.example.com/")).within(Duration.ofSeconds(2)).resolvesToLiveOrigin())
          .withMessageContaining("ORIGIN_HTTP_ERROR");
    }
  }

  @Test
  void urlFallingThroughToTheCatchAllIsNoLiveOrigin() {
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(tunnel().route("https://www.example.com/")).resolvesToLiveOrigin())
        .withMessageStartingWith(String.join("\n",
            "",
            "Expecting route",
            "  https://www.example.com/",
            "to resolve to a live origin, but rule #2 serves it with http_status:404: there is no origin to reach.",
            "  ERROR HOSTNAME_NOT_ROUTED"));
  }

  @Test
  void modelAssertionsUseCloudflaredsExactMatching() {
    TunnelRoutes routes = tunnel();

    assertThatNoException().isThrownBy(() -> assertThat(routes.model()).isValid().hasNoUnreachableRules()
        .routes("https://api.example.com/v1").toService("http://localhost:8080").toRule(0));
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(routes.model()).routes("https://API.example.com/v1").toRule(0))
        .withMessage(String.join("\n",
            "",
            "Expecting",
            "  https://API.example.com/v1",
            "to be routed to rule #0 but it is routed to rule #2 (the catch-all)"));
  }

  @Test
  void invalidConfigFailsIsValidWithCloudflaredsMessage() {
    TunnelRoutes routes = TunnelRoutes.fromClasspath("cloudflared/invalid.yml");

    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(routes.model()).isValid())
        .withMessageStartingWith("\nExpecting the config classpath:cloudflared/invalid.yml to be valid, but:\n  ERROR INGRESS_INVALID — rule #0")
        .withMessageContaining("Hostname cannot contain a port");
  }

  @Test
  void overrideOfAServiceTheConfigDoesNotHaveIsRefused() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> tunnel().withService("http://localhost:9999", "http://localhost:1"))
        .withMessage("withService(\"http://localhost:9999\", ...): no rule's service is 'http://localhost:9999'. "
            + "The config's services are: [http://localhost:8080, http_status:204, http_status:404]");
  }

  @Test
  void missingClasspathConfigSaysWhereToPutIt() {
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> TunnelRoutes.fromClasspath("classpath:nope/config.yml"))
        .withMessage("No cloudflared config on the class path at 'nope/config.yml'. Put it under src/test/resources/nope/config.yml or name the right resource.");
  }
}
