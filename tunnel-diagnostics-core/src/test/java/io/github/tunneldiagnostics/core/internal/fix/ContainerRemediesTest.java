package io.github.tunneldiagnostics.core.internal.fix;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tunneldiagnostics.api.DiagnosisReport;
import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.check.FindingCode;
import io.github.tunneldiagnostics.api.check.Remedy;
import io.github.tunneldiagnostics.api.ingress.IngressModel;
import io.github.tunneldiagnostics.core.fix.ConfigPatch;
import io.github.tunneldiagnostics.core.internal.config.ConfigLoader;
import io.github.tunneldiagnostics.core.internal.probe.SocketTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ORIGIN_LOOPBACK_IN_CONTAINER's config fix: host.docker.internal only when the evidence says where the app
 * listens and that cloudflared's container already resolves the name to an address that reaches it.
 */
class ContainerRemediesTest {
  static final String REMEDIATION = "Give cloudflared the host network and keep http://localhost:8080, or …";
  @TempDir Path dir;

  private static Finding loopbackInContainer(Map<String, String> evidence) {
    Finding.Builder finding = Finding.error(FindingCode.ORIGIN_LOOPBACK_IN_CONTAINER).check("origin").subject("rule #0 http://localhost:8080")
        .message("cloudflared runs in Docker container 3f2a…, where \"localhost\" is the container itself.").remediation(REMEDIATION).rule(0)
        .evidence("container", "Docker container 3f2a9c1b7d44").evidence("runtime", "docker");
    evidence.forEach(finding::evidence);
    return finding.build();
  }

  private List<Remedy> plan(Finding finding) throws Exception {
    Path file = Files.writeString(dir.resolve("config.yml"), """
        ingress:
          - hostname: app.example.com   # the app, on the host
            service: http://localhost:8080
          - service: http_status:404
        """);
    IngressModel model = ConfigLoader.load(file);
    return RemedyPlanner.forFile(file).sockets(SocketTable.none())
        .attach(DiagnosisReport.of(Instant.EPOCH, Duration.ZERO, model, List.of(), List.of(finding))).remedies();
  }

  @Test
  void anAppOnAllHostInterfacesWithTheHostGatewayMappedGetsHostDockerInternal() throws Exception {
    List<Remedy> remedies = plan(loopbackInContainer(Map.of("listenerPlace", "host", "listenerAddress", "0.0.0.0:8080",
        "hostGatewayName", "host.docker.internal", "hostGatewayReachesListener", "true")));

    assertThat(remedies).containsExactly(new Remedy.SetService(0, "http://localhost:8080", "http://host.docker.internal:8080",
        "cloudflared runs in Docker container 3f2a9c1b7d44, where localhost is the container itself; the app listens on the host at 0.0.0.0:8080, "
            + "which the container reaches as host.docker.internal (its hosts file maps the name to the host gateway)."));
    ConfigPatch patch = ConfigPatch.read(dir.resolve("config.yml"), remedies);
    assertThat(patch.patched()).isEqualTo("""
        ingress:
          - hostname: app.example.com   # the app, on the host
            service: http://host.docker.internal:8080
          - service: http_status:404
        """);
  }

  @Test
  void withoutTheHostGatewayMappedTheExtraHostsLineComesFirstAndTheServiceIsNotChangedAlone() throws Exception {
    List<Remedy> remedies = plan(loopbackInContainer(Map.of("listenerPlace", "host", "listenerAddress", "0.0.0.0:8080",
        "hostGatewayName", "", "hostGatewayReachesListener", "true")));

    assertThat(remedies).containsExactly(new Remedy.Manual("Add the host gateway to the cloudflared service (Compose: extra_hosts: "
        + "[\"host.docker.internal:host-gateway\"]; docker run: --add-host=host.docker.internal:host-gateway), restart it, then change rule #0's "
        + "service to http://host.docker.internal:8080 (run fix again and it proposes that change).",
        "The app listens on the host at 0.0.0.0:8080, but host.docker.internal does not resolve inside cloudflared's container yet (Docker on "
            + "Linux defines it only when asked): changing the service alone would fail with \"no such host\"."));
  }

  @Test
  void anAppOnTheHostLoopbackOnlyGetsNoConfigChange() throws Exception {
    List<Remedy> remedies = plan(loopbackInContainer(Map.of("listenerPlace", "host", "listenerAddress", "127.0.0.1:8080",
        "hostGatewayName", "host.docker.internal", "hostGatewayReachesListener", "false")));

    assertThat(remedies).containsExactly(new Remedy.Manual(REMEDIATION, "The app listens on the host at 127.0.0.1:8080, which the container's "
        + "host-gateway address does not reach: the app's bind address or cloudflared's network must change first."));
  }

  @Test
  void aSiblingContainersNameIsNeverGuessed() throws Exception {
    List<Remedy> remedies = plan(loopbackInContainer(Map.of("listenerPlace", "other", "listenerAddress", "0.0.0.0:8080",
        "hostGatewayName", "", "hostGatewayReachesListener", "false")));

    assertThat(remedies).containsExactly(new Remedy.Manual(REMEDIATION, "The port belongs to another container; its Compose service or "
        + "container name is not visible from /proc, and the doctor never guesses a target for another application: use the name you gave it."));
  }
}
