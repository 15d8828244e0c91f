package io.github.tunneldiagnostics.core.internal.seat;

import io.github.tunneldiagnostics.core.internal.resolver.GoAddressSelection;
import io.github.tunneldiagnostics.core.internal.resolver.GoResolver;
import io.github.tunneldiagnostics.core.internal.vantage.ContainerRoot;
import java.nio.file.Path;
import java.time.Clock;

/**
 * cloudflared's resolver from its seat: Go's resolver over the connector's own {@code /etc/hosts},
 * {@code /etc/resolv.conf}, {@code /etc/nsswitch.conf} and host name, each resolved inside its root
 * ({@code /proc/<pid>/root}, symlinks re-anchored there). Used inside its network namespace, where its
 * nameservers (e.g. Docker's {@code 127.0.0.11}) are.
 */
final class SeatResolver {
  private SeatResolver() {}

  static GoResolver of(ContainerRoot root, Clock clock) {
    Path hosts = root.resolve("/etc/hosts").orElse(root.root().resolve("etc/hosts"));
    Path resolv = root.resolve("/etc/resolv.conf").orElse(root.root().resolve("etc/resolv.conf"));
    Path nsswitch = root.resolve("/etc/nsswitch.conf").orElse(root.root().resolve("etc/nsswitch.conf"));
    String hostname = root.readText("/etc/hostname", 256).map(String::strip).orElse("");
    return GoResolver.of(new GoResolver.Files(hosts, resolv, nsswitch, hostname), GoAddressSelection.SourceAddresses.kernel(), clock);
  }
}
