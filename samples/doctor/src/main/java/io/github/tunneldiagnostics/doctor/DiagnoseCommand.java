package io.github.tunneldiagnostics.doctor;

import io.github.tunneldiagnostics.api.DiagnosisReport;
import io.github.tunneldiagnostics.api.Verdict;
import io.github.tunneldiagnostics.core.TunnelDiagnostics;
import io.github.tunneldiagnostics.api.InvalidRouteUrlException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tunnel-doctor diagnose} (also what runs without a command): the static checks, the running
 * connector, the origin probes and the logs, as one report.
 */
@Command(
    name = "diagnose",
    mixinStandardHelpOptions = true,
    versionProvider = TunnelDoctor.Version.class,
    description = {
      "Diagnose the tunnel: check the config, read the running connector (--metrics, else localhost ports 20241-20245), "
          + "probe every rule's origin the way cloudflared reaches it, and classify the connector's logs.",
      "",
      "This is what runs when no command is given. Without --config, the config is looked for where cloudflared "
          + "looks; when the connector's effective ingress (/config) can be read, that is what is matched and probed. "
          + "Only this machine is contacted, unless --public (DNS and one request per public hostname through "
          + "Cloudflare's edge) or --cloudflare-api (the account, read-only) is given.",
      "",
      "Try --demo to see it diagnose a few loopback origins with typical faults."
    },
    footer = {
      "",
      "Exit codes: 0 healthy (or degraded without --strict), 1 broken (or degraded with --strict), "
          + "2 usage error, unreadable config or log, or nothing found to diagnose, 3 internal error."
    })
final class DiagnoseCommand implements Callable<Integer> {
  private final DoctorContext context;

  @Spec
  @Nullable CommandSpec spec;

  @Mixin
  ConfigOption config = new ConfigOption();

  @Option(names = "--url", paramLabel = "URL",
      description = "Diagnose only the rule that serves URL (repeatable); the hostname is lower-cased as a browser does.")
  List<String> urls = new ArrayList<>();

  @Option(names = "--metrics", paramLabel = "HOST:PORT",
      description = "The connector's metrics server, as given to cloudflared --metrics (default: localhost ports 20241-20245).")
  @Nullable String metrics;

  @Option(names = "--connector", paramLabel = "PID|CONTAINER",
      description = "Diagnose from this connector when several run here: its process id or container id (default: all are read and compared; "
          + "origins are probed from the first one's seat).")
  @Nullable String connector;

  @Option(names = "--log", paramLabel = "FILE",
      description = "A cloudflared log file to classify (repeatable; console or JSON lines, plain or .gz).")
  List<Path> logs = new ArrayList<>();

  @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "10s", converter = DurationConverter.class,
      description = "Bound the whole diagnosis, e.g. 10s, 500ms, 1m (default: ${DEFAULT-VALUE}).")
  Duration timeout = Duration.ofSeconds(10);

  @Option(names = "--quiet", description = "No progress lines, and no report when the verdict is HEALTHY (the exit code says it).")
  boolean quiet;

  @Option(names = "--strict", description = "Exit with 1 when the verdict is DEGRADED (warnings only).")
  boolean strict;

  @Mixin
  VisitorOptions visitor = new VisitorOptions();

  @Option(names = "--demo",
      description = "Start a few loopback origins with typical faults, write a config for them, diagnose it and print the report.")
  boolean demo;

  @Mixin
  OutputOptions output = new OutputOptions();

  DiagnoseCommand(DoctorContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    if (demo) {
      return demo();
    }
    logs.forEach(LogFiles::readable);
    Path file = config.file != null ? ConfigFiles.readable(config.file) : context.defaultConfig().get().map(ConfigFiles::readable).orElse(null);
    TunnelDiagnostics diagnostics = file != null ? context.diagnostics().apply(file) : context.withoutConfig().get();
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
    diagnostics = visitor.apply(diagnostics.url(urls.toArray(String[]::new)).logs(logs.toArray(Path[]::new)).timeout(timeout).discoverChecks(), context);
    DiagnosisReport report = run(diagnostics);
    if (file == null && report.ingress() == null && logs.isEmpty()) {
      return nothingFound();
    }
    return print(report);
  }

  private int demo() {
    if (config.file != null || metrics != null || connector != null || !logs.isEmpty()) {
      throw new UsageException("--demo diagnoses its own loopback origins; leave out --config, --metrics, --connector and --log");
    }
    if (visitor.anyGivenBesidesPublic()) {
      throw new UsageException("--demo --public brings its own loopback DNS server and edge; leave out --resolve, --dns-server, --edge-ca "
          + "and --cloudflare-api");
    }
    try (DemoOrigins origins = DemoOrigins.start(visitor.publicRoute)) {
      List<String> hosts = DemoPublicSide.hostsOf(origins.urls());
      try (DemoPublicSide visitorSide = visitor.publicRoute ? DemoPublicSide.start(hosts, origins.services()) : null) {
        if (!quiet) {
          PrintWriter err = TunnelDoctor.err(spec);
          err.println("tunnel-doctor: demo: loopback origins with typical faults (a healthy app, a wrong port, an app on [::1] only, "
              + "a self-signed TLS origin, an app answering 502); config " + origins.config());
          if (visitorSide != null) {
            err.println("tunnel-doctor: demo: the visitor's side on loopback: a DNS server answering Cloudflare addresses and a fake edge "
                + "(cloudflared's 502 where it cannot reach the origin, the origin's own 502 for shop.demo.example, error 1033 for "
                + "old.demo.example), and cloudflared's log lines of those requests");
          }
          origins.notes().forEach(note -> err.println("tunnel-doctor: demo: " + note));
          err.flush();
        }
        List<String> asked = new ArrayList<>(urls.isEmpty() ? origins.urls() : urls);
        Optional<Map.Entry<String, Long>> headline = origins.headline().filter(h -> asked.remove(h.getKey()));
        List<String> demoUrls = asked;
        if (visitorSide != null) {
          demoUrls = demoUrls.stream().map(u -> visitorSide.url(java.net.URI.create(u).getHost())).toList();
        }
        TunnelDiagnostics diagnostics = TunnelDiagnostics.forConfig(origins.config())
            .url(demoUrls.toArray(String[]::new))
            .resolver(DemoOrigins.resolver())
            .noConnector()
            .timeout(timeout);
        if (visitorSide != null) {
          diagnostics = diagnostics.publicRoute(visitorSide.options(hosts)).logs(visitorSide.log());
        }
        DiagnosisReport report = run(diagnostics);
        if (headline.isPresent()) {
          // the headline case is judged from the stand-in cloudflared's seat: its own network namespace
          DiagnosisReport seat = run(TunnelDiagnostics.forConfig(origins.config())
              .url(headline.get().getKey())
              .resolver(DemoOrigins.resolver())
              .connectorProcess(Long.toString(headline.get().getValue()))
              .timeout(timeout));
          report = DemoReports.merge(report, seat);
        }
        return print(report);
      }
    } catch (IOException e) {
      throw new UsageException("the demo could not start its loopback origins: " + e.getMessage());
    }
  }

  private DiagnosisReport run(TunnelDiagnostics diagnostics) {
    try (@Nullable ProgressLine progress = quiet ? null : context.progress(TunnelDoctor.err(spec))) {
      return (progress != null ? diagnostics.listener(progress) : diagnostics).diagnose();
    } catch (InvalidRouteUrlException e) {
      throw new UsageException(String.valueOf(e.getMessage()));
    }
  }

  private int print(DiagnosisReport report) {
    if (!quiet || report.verdict() != Verdict.HEALTHY || output.output != null) {
      output.print(report, context, TunnelDoctor.out(spec));
    }
    return ExitCode.of(report.verdict(), strict);
  }

  private int nothingFound() {
    PrintWriter err = TunnelDoctor.err(spec);
    String where = metrics != null ? "at " + metrics : "at localhost:20241-20245";
    err.println("tunnel-doctor: no cloudflared config found (~/.cloudflared, ~/.cloudflare-warp, ~/cloudflare-warp, "
        + "/etc/cloudflared, /usr/local/etc/cloudflared) and no connector answers " + where + ".");
    err.println("Pass --config FILE (and --metrics HOST:PORT), or run 'tunnel-doctor --demo' to see what the doctor does.");
    err.flush();
    return ExitCode.USAGE;
  }
}
