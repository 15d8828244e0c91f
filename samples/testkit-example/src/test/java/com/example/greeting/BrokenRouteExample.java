package com.example.greeting;

import static io.github.tunneldiagnostics.testkit.TunnelAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.tunneldiagnostics.testkit.TunnelRoutes;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * What a broken route looks like: the app listens only on IPv6 loopback while the config sends cloudflared
 * to 127.0.0.1. The README shows this failure's message; this test fails when the message and the README
 * differ in anything but the run's port, timings and process id.
 */
class BrokenRouteExample {
  private static final Path README = Path.of("../../README.md");
  private static final String README_BLOCK_START = "```\nExpecting route\n";

  @Test
  void appBoundOnlyToIpv6LoopbackFailsWithTheMessageTheReadmeShows() throws IOException {
    // given: the app on [::1] only, the committed config's 127.0.0.1:8080 pointed at its port
    GreetingApp ipv6Only;
    try {
      ipv6Only = GreetingApp.start(InetAddress.getByName("::1"), 0);
    } catch (IOException e) {
      assumeTrue(false, "this machine has no IPv6 loopback: " + e.getMessage());
      return;
    }
    try (GreetingApp app = ipv6Only) {
      TunnelRoutes tunnel = TunnelRoutes.fromClasspath("cloudflared/config.yml")
          .withService("http://127.0.0.1:8080", "http://127.0.0.1:" + app.port())
          .withResolver(GreetingTunnelRouteTest.LOOPBACK_ONLY);
      String readme = readmeMessage();

      // when / then
      assertThatExceptionOfType(AssertionError.class)
          .isThrownBy(() -> assertThat(tunnel.route("https://greeting.example.com/health")).resolvesToLiveOrigin())
          .satisfies(e -> org.assertj.core.api.Assertions.assertThat(normalized(e.getMessage().strip(), Integer.toString(app.port())))
              .isEqualTo(normalized(readme, "34711")));
    }
  }

  /** The README's example message: the code block that starts with "Expecting route". */
  private static String readmeMessage() throws IOException {
    String readme = Files.readString(README, StandardCharsets.UTF_8);
    int start = readme.indexOf(README_BLOCK_START);
    if (start < 0) {
      throw new AssertionError("README.md has lost its failure-message example (a code block starting with \"Expecting route\")");
    }
    int from = start + "```\n".length();
    return readme.substring(from, readme.indexOf("\n```", from)).strip();
  }

  /**
   * The message without what differs from run to run: the app's port, every timing, the process id, and the
   * listeners that happen to sit near the port on this machine.
   */
  private static String normalized(String message, String port) {
    return message.replace(":" + port, ":<port>")
        .replaceAll("\\b\\d+ ms\\b", "<n> ms")
        .replaceAll("(?m)^(\\s+\\w+Ms): \\d+$", "$1: <n>")
        .replaceAll("\\(pid \\d+\\)", "(pid <pid>)")
        .replaceAll("(?m)^(\\s+nearbyListeners): .*$", "$1: <listeners>");
  }
}
