package io.github.tunneldiagnostics.doctor;

import io.github.tunneldiagnostics.api.DiagnosisReport;
import io.github.tunneldiagnostics.api.Verdict;
import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.check.FindingCode;
import io.github.tunneldiagnostics.api.check.Remedy;
import io.github.tunneldiagnostics.api.check.Resolver;
import io.github.tunneldiagnostics.core.TunnelDiagnostics;
import io.github.tunneldiagnostics.core.fix.ConfigPatch;
import io.github.tunneldiagnostics.core.fix.ConnectorWatch;
import io.github.tunneldiagnostics.core.fix.TargetVerifier;
import io.github.tunneldiagnostics.core.fix.WriteResult;
import io.github.tunneldiagnostics.core.internal.fix.Reload;
import io.github.tunneldiagnostics.core.internal.fix.ReloadAdvisor;
import io.github.tunneldiagnostics.core.internal.fix.RemedyPlanner;
import io.github.tunneldiagnostics.core.internal.fix.RemoteApiRequest;
import io.github.tunneldiagnostics.core.internal.fix.SeatTargetVerifier;
import java.time.Clock;
import java.time.Instant;
import io.github.tunneldiagnostics.api.InvalidRouteUrlException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tunnel-doctor fix}: diagnose, then print the config change that fixes each cause a config change
 * can fix, as a unified diff that keeps every other byte; {@code --write} applies it behind the gate, then
 * says how to reload the connector ({@code --reload} runs the service manager's command), and {@code --wait}
 * proves the routes healthy.
 */
@Command(
    name = "fix",
    mixinStandardHelpOptions = true,
    versionProvider = TunnelDoctor.Version.class,
    description = {
      "Diagnose, then print the config change that fixes each cause a config change can fix, as a unified diff of the "
          + "config file (standard output) that keeps every other byte: comments, order, quoting, anchors, indentation.",
      "",
      "What each change does and why, what was left out and why, what a person must do instead, and how to reload "
          + "the connector go to standard error. --write applies the change only when the patched config validates as "
          + "cloudflared validates it, every changed rule's new target answers, and the file has not changed since it was "
          + "read; it is replaced atomically, keeping its mode and owner, with a backup beside it. A remotely managed "
          + "tunnel's file is never written."
    },
    footer = {
      "",
      "Exit codes: 0 healthy (nothing to fix, or fixed and, with --wait, proven healthy), 1 still broken, 2 usage error, 3 internal error."
    })
final class FixCommand implements Callable<Integer> {
  private final DoctorContext context;

  @Spec
  @Nullable CommandSpec spec;

  @Mixin
  ConfigOption config = new ConfigOption();

  @Option(names = "--url", paramLabel = "URL", description = "Fix only the routes of URL (repeatable); the hostname is lower-cased as a browser does.")
  List<String> urls = new ArrayList<>();

  @Option(names = "--metrics", paramLabel = "HOST:PORT",
      description = "The connector's metrics server (default: localhost ports 20241-20245); --wait watches its /config and /ready.")
  @Nullable String metrics;

  @Option(names = "--connector", paramLabel = "PID|CONTAINER",
      description = "The connector to judge from and to reload when several run here: its process id or container id.")
  @Nullable String connector;

  @Mixin
  VisitorOptions visitor = new VisitorOptions();

  @Option(names = "--write", description = "Apply the change to the config file, behind the gate (see above).")
  boolean write;

  @Option(names = "--reload", description = "After --write, run the service manager's restart command (systemctl, docker, podman); never anything else.")
  boolean reload;

  @Option(names = "--wait", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "After --write, wait up to DURATION until the connector serves the new configuration, then re-check the routes "
          + "(and with --public their public hostnames) and report before -> after; exit 0 only when they are healthy.")
  @Nullable Duration wait;

  @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "10s", converter = DurationConverter.class,
      description = "Bound each diagnosis and the probes of the new targets (default: ${DEFAULT-VALUE}).")
  Duration timeout = Duration.ofSeconds(10);

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "diff", description = "diff or json (default: ${DEFAULT-VALUE}).")
  FixFormat format = FixFormat.DIFF;

  /** The output formats of {@code fix}. */
  enum FixFormat {
    DIFF,
    JSON
  }

  FixCommand(DoctorContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    if ((reload || wait != null) && !write) {
      throw new UsageException((reload ? "--reload" : "--wait") + " needs --write: without it nothing changes to reload or wait for");
    }
    Path file = ConfigFiles.readable(config.file);
    TunnelDiagnostics diagnostics = context.diagnostics().apply(file);
    if (metrics != null) {
      try {
        diagnostics = diagnostics.metrics(metrics);
      } catch (IllegalArgumentException e) {
        throw new UsageException("--metrics " + metrics + ": " + e.getMessage());
      }
    }
    if (connector != null) {
      try {
        diagnostics = diagnostics.connectorProcess(connector);
      } catch (IllegalArgumentException e) {
        throw new UsageException("--connector " + connector + ": " + e.getMessage());
      }
    }
    diagnostics = visitor.apply(diagnostics.url(urls.toArray(String[]::new)).timeout(timeout).discoverChecks(), context);
    Optional<ConnectorWatch> watch = metricsAddress().map(ConnectorWatch::of);
    Optional<ConnectorWatch.State> connectorBefore = wait != null ? watch.flatMap(ConnectorWatch::read) : Optional.empty();
    DiagnosisReport before = diagnose(diagnostics);
    boolean remote = remotelyManaged(before);
    ConfigPatch patch;
    try {
      patch = ConfigPatch.read(file, remote ? List.of() : before.remedies());
    } catch (IOException e) {
      throw new UsageException("cannot read the config file '" + file + "': " + ConfigFiles.reason(e));
    }
    FixReport out = new FixReport(file, before, patch, remote);
    if (remote) {
      List<Remedy> changes = RemedyPlanner.forFile(file).remoteChanges(before);
      RemoteApiRequest.Outcome request = null;
      if (visitor.cloudflareApi && !changes.isEmpty()) {
        request = RemoteApiRequest.build(visitor.apiSettings(context), file, changes, Clock.systemUTC(), Instant.now().plus(timeout));
      }
      out.remote(changes, request, visitor.cloudflareApi);
    }
    Reload advice = new ReloadAdvisor(Path.of("/proc")).advise(file, remote, connector);
    out.reload(advice);

    int exit;
    if (!write) {
      exit = before.verdict() == Verdict.BROKEN ? ExitCode.BROKEN : ExitCode.OK;
    } else if (remote) {
      out.written(new WriteResult(WriteResult.Status.REFUSED, file, null,
          List.of("the tunnel is managed remotely (dashboard or API): its config file is never written"), List.of()));
      exit = ExitCode.BROKEN;
    } else {
      WriteResult result;
      try {
        result = patch.write(gate(before, patch));
      } catch (IOException e) {
        throw new UsageException("cannot write the config file '" + file + "': " + ConfigFiles.reason(e) + "; it is unchanged");
      }
      out.written(result);
      exit = result.written() || result.status() == WriteResult.Status.NOTHING_TO_WRITE
          ? (unfixedErrors(before, result).isEmpty() ? ExitCode.OK : ExitCode.BROKEN)
          : ExitCode.BROKEN;
      if (result.written() && reload && !advice.command().isEmpty()) {
        out.reloaded(runReload(advice));
      }
      if (result.written() && wait != null) {
        exit = verify(diagnostics, watch, connectorBefore, out);
      }
    }
    out.print(format, TunnelDoctor.out(spec), TunnelDoctor.err(spec));
    return exit;
  }

  private int verify(TunnelDiagnostics diagnostics, Optional<ConnectorWatch> watch, Optional<ConnectorWatch.State> connectorBefore,
      FixReport out) {
    Duration limit = java.util.Objects.requireNonNull(wait);
    if (watch.isPresent() && connectorBefore.isPresent()) {
      ConnectorWatch.Outcome outcome = watch.get().awaitChange(connectorBefore.get(), limit);
      out.connector(outcome, limit);
      if (!outcome.servesNewConfig()) {
        return ExitCode.BROKEN;
      }
    } else {
      out.connector(null, limit);
    }
    DiagnosisReport after = diagnose(diagnostics);
    out.after(after);
    return FixReport.provenHealthy(after, out.changedRoutes(after)) ? ExitCode.OK : ExitCode.BROKEN;
  }

  /** The metrics address: --metrics, else the first of localhost:20241-20245 whose /config answers. */
  private Optional<String> metricsAddress() {
    if (metrics != null) {
      return Optional.of(metrics);
    }
    if (wait == null) {
      return Optional.empty();
    }
    for (int port = 20241; port <= 20245; port++) {
      String address = "127.0.0.1:" + port;
      if (ConnectorWatch.of(address).read().isPresent()) {
        return Optional.of(address);
      }
    }
    return Optional.empty();
  }

  private static boolean remotelyManaged(DiagnosisReport report) {
    return (report.ingress() != null && report.ingress().source().isRemotelyManaged())
        || !report.findingsWithCode(FindingCode.CONNECTOR_REMOTE_CONFIG).isEmpty();
  }

  /** ERROR findings whose config remedies are not all in the written file. */
  private static List<Finding> unfixedErrors(DiagnosisReport before, WriteResult result) {
    return before.findings().stream()
        .filter(f -> f.severity() == io.github.tunneldiagnostics.api.check.Severity.ERROR)
        .filter(f -> f.configRemedies().isEmpty() || !result.applied().containsAll(f.configRemedies()))
        .toList();
  }

  /**
   * The write gate's probe of the new targets, from the seat the diagnosis judged from: inside the connector's
   * network namespace when the diagnosis ran there (CONNECTOR_IN_CONTAINER names its pid), else from this host.
   * Never another process found meanwhile.
   */
  private TargetVerifier gate(DiagnosisReport before, ConfigPatch patch) {
    Optional<String> seat = before.findingsWithCode(FindingCode.CONNECTOR_IN_CONTAINER).stream()
        .map(f -> f.evidence().get("pid")).filter(java.util.Objects::nonNull).findFirst();
    if (seat.isPresent()) {
      return SeatTargetVerifier.of(patch.patched(), seat.get(), Path.of("/proc"), Resolver.system(), timeout);
    }
    return TargetVerifier.probing(Resolver.system(), timeout);
  }

  private String runReload(Reload advice) {
    ProcessBuilder builder = new ProcessBuilder(advice.command()).redirectErrorStream(true);
    try {
      Process process = builder.start();
      byte[] output = process.getInputStream().readNBytes(16 * 1024);
      if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroy();
        return advice.commandLine() + " did not finish within 60 s";
      }
      String text = new String(output, java.nio.charset.StandardCharsets.UTF_8).strip();
      return advice.commandLine() + " exited with " + process.exitValue() + (text.isEmpty() ? "" : ": " + text);
    } catch (IOException e) {
      return advice.commandLine() + " could not run: " + e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return advice.commandLine() + " was interrupted";
    }
  }

  private DiagnosisReport diagnose(TunnelDiagnostics diagnostics) {
    try {
      return diagnostics.diagnose();
    } catch (InvalidRouteUrlException e) {
      throw new UsageException(String.valueOf(e.getMessage()));
    }
  }
}
