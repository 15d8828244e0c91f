package io.github.tunneldiagnostics.core.internal.fix;

import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.check.Remedy;
import io.github.tunneldiagnostics.api.ingress.IngressRule;
import io.github.tunneldiagnostics.api.ingress.OriginService;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The container fixes that live in the config, for ORIGIN_LOOPBACK_IN_CONTAINER (cloudflared in a container
 * with its own network, the service names loopback, the port listens elsewhere), judged only from the
 * finding's evidence of where the app really listens:
 * <ul>
 *   <li>the app listens on the host where the container's host-gateway name reaches it (all interfaces, or the
 *       gateway's own address), and cloudflared's hosts file already maps that name
 *       ({@code extra_hosts: host-gateway}): the service becomes {@code scheme://host.docker.internal:PORT};
 *   <li>the same, but the name is not mapped yet: what a person must do first (the {@code extra_hosts} line),
 *       then the same change; never the service change alone, which would fail with "no such host";
 *   <li>the app listens on the host's loopback only, in Kubernetes, or in another container: what a person
 *       must do. A sibling container's Compose service name is not visible from {@code /proc}, and a target
 *       for another app is never guessed.
 * </ul>
 */
final class ContainerRemedies {
  private ContainerRemedies() {}

  static List<Remedy> loopbackInContainer(Finding finding, IngressRule rule) {
    String place = finding.evidence().getOrDefault("listenerPlace", "");
    String runtime = finding.evidence().getOrDefault("runtime", "");
    String name = finding.evidence().getOrDefault("hostGatewayName", "");
    boolean reaches = Boolean.parseBoolean(finding.evidence().getOrDefault("hostGatewayReachesListener", "false"));
    String listener = finding.evidence().getOrDefault("listenerAddress", "");
    String container = finding.evidence().getOrDefault("container", "its own network namespace");
    if (!(rule.service() instanceof OriginService.Http http) || !place.equals("host") || runtime.toLowerCase(Locale.ROOT).startsWith("kubernetes")) {
      return List.of(manual(finding, place.equals("other")
          ? "The port belongs to another container; its Compose service or container name is not visible from /proc, and the doctor never "
              + "guesses a target for another application: use the name you gave it."
          : "The pod's or container's network decides this (pod spec, compose file, docker run flags), not cloudflared's config alone."));
    }
    String gatewayName = name.isEmpty() ? "host.docker.internal" : name;
    Optional<String> service = ServiceText.withHostName(rule.rawService(), gatewayName);
    if (service.isEmpty()) {
      return List.of(manual(finding, "The service's host cannot be rewritten as written."));
    }
    if (!name.isEmpty() && reaches) {
      return List.of(new Remedy.SetService(rule.index(), rule.rawService(), service.get(),
          "cloudflared runs in " + container + ", where " + http.host() + " is the container itself; the app listens on the host at " + listener
              + ", which the container reaches as " + name + " (its hosts file maps the name to the host gateway)."));
    }
    if (name.isEmpty() && (listener.startsWith("0.0.0.0:") || listener.startsWith("[::]:"))) {
      return List.of(new Remedy.Manual("Add the host gateway to the cloudflared service (Compose: extra_hosts: [\"host.docker.internal:host-gateway\"]; "
          + "docker run: --add-host=host.docker.internal:host-gateway), restart it, then change rule #" + rule.index() + "'s service to "
          + service.get() + " (run fix again and it proposes that change).",
          "The app listens on the host at " + listener + ", but host.docker.internal does not resolve inside cloudflared's container yet (Docker on "
              + "Linux defines it only when asked): changing the service alone would fail with \"no such host\"."));
    }
    return List.of(manual(finding, "The app listens on the host at " + listener + ", which the container's host-gateway address does not reach: the app's "
        + "bind address or cloudflared's network must change first."));
  }

  private static Remedy manual(Finding finding, String why) {
    return new Remedy.Manual(finding.remediation(), why);
  }
}
