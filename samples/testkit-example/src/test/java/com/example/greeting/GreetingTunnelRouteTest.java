package com.example.greeting;

import static io.github.tunneldiagnostics.testkit.TunnelAssertions.assertThat;

import io.github.tunneldiagnostics.api.check.Resolver;
import io.github.tunneldiagnostics.api.ingress.IngressModel;
import io.github.tunneldiagnostics.testkit.TunnelRoutes;
import io.github.tunneldiagnostics.testkit.junit.TunnelDiagnosticsExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Proves, in the app's own build, that the committed cloudflared config reaches the app the way cloudflared will. */
class GreetingTunnelRouteTest {
  static final GreetingApp APP = start(); // on a random port of 127.0.0.1; the committed config says 8080

  /** Tests never resolve real names: 127.0.0.1 is all this config needs. */
  static final Resolver LOOPBACK_ONLY = host -> {
    if (!host.startsWith("127.") && !host.equals("localhost")) {
      throw new UnknownHostException(host);
    }
    return List.of(InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1}));
  };

  @RegisterExtension
  static final TunnelDiagnosticsExtension TUNNEL = TunnelDiagnosticsExtension.builder()
      .config("classpath:cloudflared/config.yml")                                   // the committed config
      .withService("http://127.0.0.1:8080", () -> "http://127.0.0.1:" + APP.port()) // shown in every failure
      .resolver(LOOPBACK_ONLY)
      .timeout(Duration.ofSeconds(5))
      .build();

  @Test
  void publicHostnameResolvesToTheLiveApp(TunnelRoutes tunnel) {
    assertThat(tunnel.route("https://greeting.example.com/health")).resolvesToLiveOrigin();
  }

  @Test
  void configRoutesTheHostnameToTheAppAndNothingElse(IngressModel model) {
    assertThat(model).isValid().hasNoUnreachableRules()
        .routes("https://greeting.example.com/greet").toRule(0);
    assertThat(model).routes("https://www.greeting.example.com/").toService("http_status:404");
  }

  static GreetingApp start() {
    try {
      return GreetingApp.start(InetAddress.getLoopbackAddress(), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @AfterAll
  static void stopApp() {
    APP.close();
  }
}
