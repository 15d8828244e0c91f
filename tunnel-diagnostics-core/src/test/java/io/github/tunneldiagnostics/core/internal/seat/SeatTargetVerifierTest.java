package io.github.tunneldiagnostics.core.internal.seat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.tunneldiagnostics.api.check.Resolver;
import io.github.tunneldiagnostics.api.ingress.IngressModel;
import io.github.tunneldiagnostics.core.fix.TargetVerifier;
import io.github.tunneldiagnostics.core.internal.config.ConfigLoader;
import io.github.tunneldiagnostics.core.internal.fix.SeatTargetVerifier;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The write gate probes a changed rule's new target from cloudflared's seat: inside the stand-in connector's
 * own network namespace (loopback only, no route out), where "localhost" is the container itself.
 */
@Tag("netns")
class SeatTargetVerifierTest {
  @TempDir Path dir;

  @BeforeAll
  static void privileged() {
    assumeTrue(Namespaces.unavailable().isEmpty(), () -> Namespaces.unavailable().orElse(""));
  }

  private static String config(String service) {
    return "ingress:\n  - hostname: app.example.com\n    service: " + service + "\n  - service: http_status:404\n";
  }

  @Test
  void aTargetThatAnswersOnlyInsideTheConnectorsNamespacePassesAndTheHostsLoopbackIsRefused() throws Exception {
    try (TinyHttpServer app = TinyHttpServer.start("127.0.0.1", 0, path -> Map.entry(200, "ok"))) {
      ConnectorSeatTest.writeConnectorFiles(dir, "http://localhost:" + app.port(), "127.0.0.1\tlocalhost\n");
      // the stand-in's metrics server listens on 0.0.0.0:20241 inside its namespace only: an origin only the container reaches
      try (Namespaces.Connector connector = Namespaces.Connector.start(dir, "0.0.0.0:20241")) {
        String inside = config("http://localhost:20241");
        String onTheHost = config("http://localhost:" + app.port());
        IngressModel insideModel = ConfigLoader.parse(inside, dir.resolve("config.yml"));
        IngressModel hostModel = ConfigLoader.parse(onTheHost, dir.resolve("config.yml"));
        String pid = Long.toString(connector.pid());

        TargetVerifier toInside = SeatTargetVerifier.of(inside, pid, Path.of("/proc"), Resolver.system(), Duration.ofSeconds(60));
        TargetVerifier toHost = SeatTargetVerifier.of(onTheHost, pid, Path.of("/proc"), Resolver.system(), Duration.ofSeconds(60));

        assertThat(toInside.problems(insideModel, Set.of(0))).isEmpty();
        List<String> refused = toHost.problems(hostModel, Set.of(0));
        assertThat(refused).singleElement().asString().startsWith("rule #0's new target http://localhost:" + app.port()
            + " does not answer: ORIGIN_LOOPBACK_IN_CONTAINER: cloudflared runs in its own network namespace");
      }
    }
  }
}
