package io.github.tunneldiagnostics.core.internal.seat;

import io.github.tunneldiagnostics.api.check.Check;
import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.ingress.ConfigSource;
import io.github.tunneldiagnostics.api.ingress.IngressModel;
import io.github.tunneldiagnostics.core.internal.connector.BoundedGet;
import io.github.tunneldiagnostics.core.ConnectorOptions;
import io.github.tunneldiagnostics.core.internal.connector.MetricsTransport;
import io.github.tunneldiagnostics.core.internal.connector.ConnectorProcess;
import io.github.tunneldiagnostics.core.internal.connector.ProcessScanner;
import io.github.tunneldiagnostics.core.internal.probe.OriginCheck;
import io.github.tunneldiagnostics.core.internal.probe.SocketTable;
import io.github.tunneldiagnostics.core.internal.probe.TcpListener;
import io.github.tunneldiagnostics.core.internal.vantage.ConnectorVantage;
import io.github.tunneldiagnostics.core.internal.vantage.FdUsage;
import io.github.tunneldiagnostics.core.internal.vantage.Placement;
import io.github.tunneldiagnostics.core.internal.vantage.VantageReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Decides, before a live diagnosis, which connector it judges from and how: its process (the one
 * {@code --connector} selects, else the only one, else the first), its {@link ConnectorVantage}, how its
 * metrics server is reached (its own listening socket, through its namespace when it has one), the
 * findings about its seat (not inspectable, open files), and the origin check that probes from there.
 */
public final class SeatPlan {
  private final @Nullable ConnectorVantage vantage;
  private final ConnectorOptions options;
  private final List<Finding> findings;
  private final Path procRoot;
  private final List<ConnectorProcess> processes;
  private final @Nullable ConnectorProcess chosen;
  private final @Nullable MetricsTransport transport;

  private SeatPlan(@Nullable ConnectorVantage vantage, ConnectorOptions options, List<Finding> findings, Path procRoot, List<ConnectorProcess> processes,
      @Nullable ConnectorProcess chosen, @Nullable MetricsTransport transport) {
    this.transport = transport;
    this.vantage = vantage;
    this.options = options;
    this.findings = List.copyOf(findings);
    this.procRoot = procRoot;
    this.processes = List.copyOf(processes);
    this.chosen = chosen;
  }

  /** Plans from {@code options}; without a {@code /proc} the options are used unchanged. */
  public static SeatPlan prepare(ConnectorOptions options, Instant deadline, Clock clock) {
    Path procRoot = options.procRoot();
    if (procRoot == null) {
      return new SeatPlan(null, options, List.of(), Path.of("/proc"), List.of(), null, null);
    }
    List<ConnectorProcess> processes = new ProcessScanner(procRoot).scan();
    ConnectorProcess chosen = choose(processes, options.selector(), procRoot);
    if (chosen == null) {
      List<Finding> none = options.selector() == null ? List.of() : List.of(SeatFindings.noSuchConnector(options.selector(), processes, procRoot));
      return new SeatPlan(null, options, none, procRoot, processes, null, null);
    }
    return forProcess(options, chosen, processes, procRoot, deadline, clock);
  }

  private static SeatPlan forProcess(ConnectorOptions options, ConnectorProcess chosen, List<ConnectorProcess> processes, Path procRoot, Instant deadline,
      Clock clock) {
    ConnectorVantage vantage = new VantageReader(procRoot).read(chosen.pid());
    List<Finding> findings = new ArrayList<>();
    if (vantage.placement() == Placement.UNKNOWN && vantage.inspectionProblem() != null) {
      findings.add(SeatFindings.notInspectable(vantage, vantage.inspectionProblem()));
    }
    try {
      Finding fd = SeatFindings.fdExhausted(vantage, FdUsage.read(procRoot.resolve(Long.toString(chosen.pid()))));
      if (fd != null) {
        findings.add(fd);
      }
    } catch (IOException | SecurityException e) {
      // fd not listable without privileges
    }
    ConnectorOptions.Builder b = options.toBuilder();
    if (options.metricsAddress() == null) {
      Optional<String> own = metricsListener(procRoot, chosen.pid());
      if (own.isPresent()) {
        b.metricsAddress(own.get());
      }
    }
    MetricsTransport transport = null;
    if (vantage.needsOwnNetwork()) {
      transport = new NamespaceFetch(chosen.pid(), options.requestTimeout(), deadline, clock, BoundedGet::budgetFor);
      if (options.metricsAddress() == null && metricsListener(procRoot, chosen.pid()).isEmpty()) {
        b.candidates(List.of("127.0.0.1:20241", "127.0.0.1:20242", "127.0.0.1:20243", "127.0.0.1:20244", "127.0.0.1:20245"));
      }
    }
    return new SeatPlan(vantage, b.build(), findings, procRoot, processes, chosen, transport);
  }

  /**
   * Plans for every other cloudflared on this host (none when {@code --connector} chose one), to
   * compare the replicas.
   */
  public List<SeatPlan> others(Instant deadline, Clock clock) {
    if (chosen == null || options.selector() != null) {
      return List.of();
    }
    List<SeatPlan> plans = new ArrayList<>();
    for (ConnectorProcess p : processes) {
      if (p.pid() != chosen.pid()) {
        ConnectorOptions base = options.toBuilder().metricsAddress(null).candidates(List.of()).build();
        plans.add(forProcess(base, p, processes, procRoot, deadline, clock));
      }
    }
    return plans;
  }

  /** True when this host's processes were looked at (a {@code /proc} was given). */
  public boolean scanned() {
    return options.procRoot() != null;
  }

  /** The cloudflared processes on this host. */
  public List<ConnectorProcess> processes() {
    return processes;
  }

  /** The process the diagnosis judges from, if any. */
  public Optional<ConnectorProcess> chosen() {
    return Optional.ofNullable(chosen);
  }

  public Path procRoot() {
    return procRoot;
  }

  /** The process {@code selector} names (pid, or container id prefix), the only one, or the first. */
  static @Nullable ConnectorProcess choose(List<ConnectorProcess> processes, @Nullable String selector, Path procRoot) {
    if (processes.isEmpty()) {
      return null;
    }
    if (selector == null || selector.isBlank()) {
      return processes.get(0);
    }
    for (ConnectorProcess p : processes) {
      if (Long.toString(p.pid()).equals(selector.strip())) {
        return p;
      }
    }
    VantageReader reader = new VantageReader(procRoot);
    for (ConnectorProcess p : processes) {
      var container = reader.read(p.pid()).container();
      if (container != null && selector.length() >= 4 && container.id().startsWith(selector.strip().toLowerCase(java.util.Locale.ROOT))) {
        return p;
      }
    }
    return null;
  }

  /**
   * The address of the metrics server the process itself listens on: a LISTEN socket in its {@code
   * net/tcp{,6}} whose inode is one of its open files (needs root or the same user); a wildcard bind is
   * reached at {@code 127.0.0.1} (inside its namespace when it has its own).
   */
  public static Optional<String> metricsListener(Path procRoot, long pid) {
    Path dir = procRoot.resolve(Long.toString(pid));
    Set<String> sockets = new HashSet<>();
    try (DirectoryStream<Path> fds = Files.newDirectoryStream(dir.resolve("fd"))) {
      int n = 0;
      for (Path fd : fds) {
        if (++n > 100_000) {
          break;
        }
        try {
          sockets.add(Files.readSymbolicLink(fd).toString());
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
          // closed meanwhile
        }
      }
    } catch (IOException | SecurityException e) {
      return Optional.empty();
    }
    List<TcpListener> own = SocketTable.at(dir.resolve("net")).read().tcp().stream()
        .filter(l -> sockets.contains("socket:[" + l.inode() + "]"))
        .sorted((a, c) -> Boolean.compare(!inDefaultRange(a.port()), !inDefaultRange(c.port())))
        .toList();
    if (own.isEmpty()) {
      return Optional.empty();
    }
    TcpListener l = own.get(0);
    // a wildcard bind (0.0.0.0, or :: which also takes IPv4) is reached at 127.0.0.1, as cloudflared's own log suggests
    String host = l.isWildcard() ? "127.0.0.1" : l.render().substring(0, l.render().lastIndexOf(':'));
    return Optional.of(host + ":" + l.port());
  }

  private static boolean inDefaultRange(int port) {
    return port >= 20241 && port <= 20245;
  }

  /** The connector the diagnosis judges from, if one runs here. */
  public Optional<ConnectorVantage> vantage() {
    return Optional.ofNullable(vantage);
  }

  /** The options to inspect the connector with (its own metrics address and transport filled in). */
  public ConnectorOptions options() {
    return options;
  }

  /** How the connector's metrics server is reached: through its namespace, or null for directly. */
  public @Nullable MetricsTransport transport() {
    return transport;
  }

  /** Findings about the seat known before probing. */
  public List<Finding> findings() {
    return findings;
  }

  /**
   * The origin check for {@code diagnosed}: from the connector's seat when one was found, else the host's
   * origin check. {@code rawConfig} is the connector's {@code /config} JSON when that is what is diagnosed.
   */
  public Check originCheck(IngressModel diagnosed, @Nullable String rawConfig, OriginCheck hostCheck) {
    if (vantage == null) {
      return hostCheck;
    }
    return new SeatOriginCheck(vantage, configArgs(diagnosed, rawConfig), hostCheck, procRoot);
  }

  private static List<String> configArgs(IngressModel diagnosed, @Nullable String rawConfig) {
    ConfigSource source = diagnosed.source();
    if (source.kind() == ConfigSource.Kind.FILE && source.file() != null) {
      return List.of("--config-file", source.file().toAbsolutePath().toString());
    }
    if (source.kind() == ConfigSource.Kind.CONNECTOR && rawConfig != null) {
      try {
        Path file = Files.createTempFile("tunnel-doctor-config", ".json",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        file.toFile().deleteOnExit();
        Files.writeString(file, rawConfig, StandardCharsets.UTF_8);
        return List.of("--config-json", file.toString(), "--config-address", source.location());
      } catch (IOException | UnsupportedOperationException e) {
        return List.of();
      }
    }
    return List.of();
  }
}
