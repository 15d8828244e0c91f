package io.github.tunneldiagnostics.core.internal.seat;

import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.check.FindingCode;
import io.github.tunneldiagnostics.api.check.Severity;
import io.github.tunneldiagnostics.api.ingress.ConfigSource;
import io.github.tunneldiagnostics.api.ingress.IngressModel;
import io.github.tunneldiagnostics.core.internal.config.ConfigLoader;
import io.github.tunneldiagnostics.core.internal.connector.ConnectorInspector;
import io.github.tunneldiagnostics.core.internal.connector.ConnectorProcess;
import io.github.tunneldiagnostics.core.internal.connector.ConnectorReport;
import io.github.tunneldiagnostics.core.internal.connector.ReplicaComparison;
import io.github.tunneldiagnostics.core.internal.vantage.ContainerRoot;
import io.github.tunneldiagnostics.core.internal.vantage.ServiceUnits;
import io.github.tunneldiagnostics.core.internal.vantage.VantageReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Every connector on this host, after the chosen one was read: the other cloudflared processes are read
 * too and compared (CONNECTOR_CONFIG_DIVERGENT), the file under diagnosis is checked against the one in
 * use (CONFIG_NOT_IN_USE), and an absent connector on what is evidently its host is an ERROR
 * (CONNECTOR_NOT_FOUND).
 */
public final class HostConnectors {
  private HostConnectors() {}

  /**
   * The connector findings to report instead of {@code primary.findings()}.
   *
   * @param file the config file under diagnosis, or null
   * @param unitDirectories where systemd units are looked for
   */
  public static List<Finding> review(SeatPlan plan, ConnectorReport primary, @Nullable IngressModel file, List<Path> unitDirectories, Instant deadline,
      Clock clock) {
    List<Finding> out = new ArrayList<>();
    List<ServiceUnits.Unit> units = ServiceUnits.find(unitDirectories);
    for (Finding f : primary.findings()) {
      out.add(f.code().equals(FindingCode.CONNECTOR_NOT_FOUND) && f.severity() == Severity.INFO && plan.scanned() && plan.processes().isEmpty()
          ? absentOnItsHost(f, file, units).orElse(f)
          : f);
    }
    replicas(plan, primary, deadline, clock).ifPresent(out::add);
    notInUse(plan, primary, file, units).ifPresent(out::add);
    return out;
  }

  private static Optional<Finding> replicas(SeatPlan plan, ConnectorReport primary, Instant deadline, Clock clock) {
    List<SeatPlan> others = plan.others(deadline, clock);
    if (others.isEmpty() || plan.chosen().isEmpty()) {
      return Optional.empty();
    }
    List<ReplicaComparison.Replica> replicas = new ArrayList<>();
    replicas.add(new ReplicaComparison.Replica(name(plan), primary, tunnel(primary, plan.chosen().get())));
    for (SeatPlan other : others) {
      ConnectorReport report = new ConnectorInspector(other.options(), other.transport()).inspect(deadline, clock);
      if (report.found() && other.chosen().isPresent()) {
        replicas.add(new ReplicaComparison.Replica(name(other), report, tunnel(report, other.chosen().get())));
      }
    }
    return ReplicaComparison.compare(replicas);
  }

  private static String name(SeatPlan plan) {
    return plan.vantage().map(v -> v.describe()).orElse("cloudflared (pid " + plan.chosen().map(ConnectorProcess::pid).orElse(-1L) + ")");
  }

  private static @Nullable String tunnel(ConnectorReport report, ConnectorProcess process) {
    return report.tunnel() != null ? report.tunnel().tunnelId() : process.tunnelReference();
  }

  /** CONFIG_NOT_IN_USE: the running connector (or its service unit) reads another file than the one diagnosed. */
  static Optional<Finding> notInUse(SeatPlan plan, ConnectorReport primary, @Nullable IngressModel file, List<ServiceUnits.Unit> units) {
    if (file == null || file.source().kind() != ConfigSource.Kind.FILE || file.source().file() == null) {
      return Optional.empty();
    }
    Path diagnosed = file.source().file();
    String inUse = null;
    Path inUseHost = null;
    String why = null;
    Optional<ConnectorProcess> running = plan.chosen();
    if (running.isPresent()) {
      ConnectorProcess p = running.get();
      ContainerRoot root = new ContainerRoot(plan.procRoot().resolve(Long.toString(p.pid())).resolve("root"));
      if (p.configPath() != null) {
        inUse = p.configPath();
        inUseHost = absolute(root, p.configPath(), plan.procRoot().resolve(Long.toString(p.pid())).resolve("cwd"));
        why = "the running cloudflared (pid " + p.pid() + ") was started with --config " + p.configPath();
      } else if (!p.usesToken()) {
        var identity = new VantageReader(plan.procRoot()).read(p.pid()).identity();
        Path home = identity != null && identity.uid() == 0 ? Path.of("/root") : null;
        for (Path dir : home == null ? List.of(Path.of("/etc/cloudflared"), Path.of("/usr/local/etc/cloudflared")) : ConfigLoader.defaultDirectories(home)) {
          for (String name : List.of("config.yml", "config.yaml")) {
            Path candidate = root.resolve(dir.resolve(name).toString()).orElse(null);
            if (inUse == null && candidate != null && Files.isRegularFile(candidate)) {
              inUse = dir.resolve(name).toString();
              inUseHost = candidate;
              why = "the running cloudflared (pid " + p.pid() + ") has no --config and reads the first file of its default search path, " + inUse;
            }
          }
        }
      }
    } else {
      for (ServiceUnits.Unit unit : units) {
        if (unit.configPath() != null) {
          inUse = unit.configPath();
          inUseHost = Path.of(unit.configPath());
          why = "the service unit " + unit.name() + " (" + unit.file() + ") starts cloudflared with --config " + unit.configPath();
          break;
        }
      }
    }
    if (inUseHost == null || why == null || sameFile(diagnosed, inUseHost)) {
      return Optional.empty();
    }
    return Optional.of(Finding.warning(FindingCode.CONFIG_NOT_IN_USE)
        .check(ConnectorInspector.CHECK_ID)
        .subject(diagnosed.toString())
        .message("The file under diagnosis, " + diagnosed + ", is not the one cloudflared reads: " + why
            + "; edits to " + diagnosed + " change nothing, and restarting cloudflared will not load them.")
        .remediation("Edit " + inUse + " instead, or start cloudflared with --config " + diagnosed + " (in a service unit: change --config in ExecStart, then "
            + "systemctl daemon-reload and systemctl restart cloudflared), and diagnose again.")
        .evidence("source", running.isPresent() ? "process" : "config")
        .evidence("diagnosedFile", diagnosed.toString())
        .evidence("fileInUse", inUse)
        .evidence("fileInUseOnThisHost", inUseHost.toString())
        .build());
  }

  private static Path absolute(ContainerRoot root, String path, Path cwd) {
    if (path.startsWith("/")) {
      return root.resolve(path).orElse(root.root().resolve(path.substring(1)));
    }
    try {
      return cwd.toRealPath().resolve(path);
    } catch (IOException | SecurityException e) {
      return Path.of(path);
    }
  }

  private static boolean sameFile(Path a, Path b) {
    try {
      return Files.isSameFile(a, b);
    } catch (IOException | SecurityException e) {
      return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }
  }

  /** CONNECTOR_NOT_FOUND as an ERROR when this host is evidently the connector's host but no cloudflared runs. */
  static Optional<Finding> absentOnItsHost(Finding info, @Nullable IngressModel file, List<ServiceUnits.Unit> units) {
    String evidence = null;
    if (!units.isEmpty()) {
      evidence = "the service unit " + units.get(0).name() + " (" + units.get(0).file() + ") starts cloudflared";
    } else if (file != null && file.source().file() != null) {
      Path dir = file.source().file().toAbsolutePath().getParent();
      Path home = Path.of(System.getProperty("user.home"));
      if (dir != null && ConfigLoader.defaultDirectories(home).contains(dir)) {
        evidence = file.source().file() + " is in cloudflared's default search path";
      } else if (file.setting("credentials-file").map(c -> Files.isRegularFile(Path.of(c))).orElse(false)) {
        evidence = "the tunnel's credentials file " + file.setting("credentials-file").get() + " is on this host";
      }
    }
    if (evidence == null) {
      return Optional.empty();
    }
    String start = !units.isEmpty() ? "sudo systemctl start " + units.get(0).name() + " (and systemctl enable it so it survives a reboot)"
        : "cloudflared tunnel --config " + (file != null && file.source().file() != null ? file.source().file() : "/etc/cloudflared/config.yml") + " run";
    Finding.Builder b = Finding.error(FindingCode.CONNECTOR_NOT_FOUND)
        .check(info.check())
        .subject(info.subject())
        .message("No cloudflared runs on this host, though it is the connector's host (" + evidence + "), and no metrics server answers on "
            + info.subject() + ": visitors get 530 / error 1033 unless another host runs the tunnel.")
        .remediation("Start the connector: " + start + "; then check its log.")
        .evidence(info.evidence())
        .evidence("connectorHost", evidence);
    units.forEach(u -> b.evidence("unit." + u.name(), u.file() + (u.configPath() != null ? " --config " + u.configPath() : "")));
    return Optional.of(b.build());
  }
}
