package com.example.greeting;

import static io.github.tunneldiagnostics.testkit.TunnelAssertions.assertThat;

import io.github.tunneldiagnostics.testkit.TunnelRoutes;
import java.io.IOException;
import java.net.InetAddress;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/**
 * What a broken route looks like: the app listens only on IPv6 loopback while the config sends cloudflared
 * to 127.0.0.1. Disabled because it fails on purpose; the README shows its message.
 */
class BrokenRouteExample {

  @Test
  @Disabled("fails on purpose: shows the message of a broken route (see README)")
  void appBoundOnlyToIpv6LoopbackIsNotReachable() throws IOException {
    try (GreetingApp ipv6Only = GreetingApp.start(InetAddress.getByName("::1"), 0)) {
      TunnelRoutes tunnel = TunnelRoutes.fromClasspath("cloudflared/config.yml")
          .withService("http://127.0.0.1:8080", "http://127.0.0.1:" + ipv6Only.port())
          .withResolver(GreetingTunnelRouteTest.LOOPBACK_ONLY);

      assertThat(tunnel.route("https://greeting.example.com/health")).resolvesToLiveOrigin();
    }
  }
}
