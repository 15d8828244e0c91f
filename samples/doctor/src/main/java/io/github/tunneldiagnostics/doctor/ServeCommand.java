package io.github.tunneldiagnostics.doctor;

import io.github.tunneldiagnostics.core.TunnelDiagnostics;
import io.github.tunneldiagnostics.api.InvalidRouteUrlException;
import io.github.tunneldiagnostics.api.RouteUrl;
import io.github.tunneldiagnostics.doctor.serve.ConnectorReadiness;
import io.github.tunneldiagnostics.doctor.serve.DiagnosisLoop;
import io.github.tunneldiagnostics.doctor.serve.MetricsServer;
import io.github.tunneldiagnostics.doctor.serve.PrometheusExposition;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tunnel-doctor serve}: a Prometheus exporter that re-diagnoses the tunnel every interval. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    versionProvider = TunnelDoctor.Version.class,
    description = {
      "Run as a Prometheus exporter: diagnose the tunnel every --interval (never two runs at once, each within --timeout) "
          + "and serve the last result at /metrics, /ready and /report.json.",
      "",
      "The diagnosis is the one 'diagnose' runs (config, running connector, origin probes); the config file is read anew "
          + "by every run. Runs until stopped (or --stop-after)."
    },
    footer = {"", "Exit codes: 0 stopped, 2 usage error (bad option, address in use, unreadable config), 3 internal error."})
final class ServeCommand implements Callable<Integer> {
  /** cloudflared's own metrics use 20241-20245; the exporter stays clear of them. */
  static final String DEFAULT_LISTEN = "localhost:9810";

  private final DoctorContext context;

  @Spec
  @Nullable CommandSpec spec;

  @Mixin
  ConfigOption config = new ConfigOption();

  @Option(names = "--url", paramLabel = "URL", description = "Diagnose only the rule that serves URL (repeatable).")
  List<String> urls = new ArrayList<>();

  @Option(names = "--metrics", paramLabel = "HOST:PORT",
      description = "The connector's metrics server, as given to cloudflared --metrics (default: localhost ports 20241-20245).")
  @Nullable String metrics;

  @Option(names = "--listen", paramLabel = "HOST:PORT", defaultValue = DEFAULT_LISTEN,
      description = "Where to serve /metrics (default: ${DEFAULT-VALUE}; port 0 picks a free one).")
  String listen = DEFAULT_LISTEN;

  @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "30s", converter = DurationConverter.class,
      description = "Time between the starts of two runs (default: ${DEFAULT-VALUE}).")
  Duration interval = Duration.ofSeconds(30);

  @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "Deadline of each run, shorter than --interval (default: 10s, or 80% of a shorter interval).")
  @Nullable Duration timeout;

  @Option(names = "--stop-after", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "Stop after this long, e.g. to measure the exporter's cost (default: run until stopped).")
  @Nullable Duration stopAfter;

  private final CountDownLatch stopped = new CountDownLatch(1);

  ServeCommand(DoctorContext context) {
    this.context = context;
  }

  /** Ends a running {@link #call()}, as SIGTERM does. */
  void stop() {
    stopped.countDown();
  }

  @Override
  public Integer call() throws InterruptedException {
    Duration deadline = deadline();
    InetSocketAddress address = address();
    Path file = config.file != null ? ConfigFiles.readable(config.file) : context.defaultConfig().get().map(ConfigFiles::readable).orElse(null);
    TunnelDiagnostics diagnostics = file != null ? context.diagnostics().apply(file) : context.withoutConfig().get();
    if (metrics != null) {
      try {
        diagnostics = diagnostics.metrics(metrics);
      } catch (IllegalArgumentException e) {
        throw new UsageException("--metrics " + metrics + ": " + e.getMessage());
      }
    }
    // a run is the diagnosis, then (for a connector's /config) one read of its /ready: both within the deadline
    Duration readinessBudget = deadline.dividedBy(10).compareTo(Duration.ofSeconds(1)) > 0 ? Duration.ofSeconds(1) : deadline.dividedBy(10);
    TunnelDiagnostics configured = diagnostics.url(urls.toArray(String[]::new)).timeout(deadline.minus(readinessBudget)).discoverChecks();
    for (String url : urls) {
      try {
        RouteUrl.parse(url); // a URL cloudflared refuses is a usage error now, not a failed run every interval
      } catch (InvalidRouteUrlException e) {
        throw new UsageException(e.getMessage());
      }
    }
    PrintWriter err = TunnelDoctor.err(spec);
    try (DiagnosisLoop loop = new DiagnosisLoop(configured::diagnose, new ConnectorReadiness(readinessBudget, metrics), interval, Clock.systemUTC(),
            warning -> {
              synchronized (err) {
                err.println("tunnel-doctor: serve: " + warning);
                err.flush();
              }
            });
        MetricsServer server = startServer(address, loop)) {
      Thread hook = new Thread(stopped::countDown, "tunnel-doctor-serve-stop");
      Runtime.getRuntime().addShutdownHook(hook);
      err.println("tunnel-doctor: serving http://" + hostPort(server.address()) + "/metrics (also /ready, /report.json); diagnosing "
          + (file != null ? file : "the running connector's ingress") + " every " + DurationText.of(interval) + ", each run within "
          + DurationText.of(deadline));
      err.flush();
      loop.start();
      if (stopAfter != null) {
        stopped.await(stopAfter.toNanos(), TimeUnit.NANOSECONDS);
      } else {
        stopped.await();
      }
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException alreadyShuttingDown) {
        // the JVM is stopping: the hook has run
      }
    }
    return ExitCode.OK;
  }

  private MetricsServer startServer(InetSocketAddress address, DiagnosisLoop loop) {
    try {
      return MetricsServer.start(address, loop::snapshot, new PrometheusExposition(interval, deadline()));
    } catch (IOException e) {
      throw new UsageException("cannot listen on " + listen + ": " + ConfigFiles.reason(e) + "; choose another with --listen HOST:PORT");
    }
  }

  private Duration deadline() {
    Duration fallback = Duration.ofSeconds(10);
    Duration chosen = timeout != null ? timeout : (fallback.compareTo(interval.multipliedBy(4).dividedBy(5)) < 0 ? fallback
        : interval.multipliedBy(4).dividedBy(5));
    if (chosen.compareTo(interval) >= 0) {
      throw new UsageException("--timeout " + DurationText.of(chosen) + " must be shorter than --interval " + DurationText.of(interval)
          + ", so that runs never overlap");
    }
    return chosen;
  }

  private InetSocketAddress address() {
    int colon = listen.lastIndexOf(':');
    String host = colon > 0 ? listen.substring(0, colon) : "";
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    try {
      int port = Integer.parseInt(listen.substring(colon + 1));
      if (colon <= 0 || port < 0 || port > 65535) {
        throw new NumberFormatException();
      }
      return new InetSocketAddress(host.equals("localhost") ? "127.0.0.1" : host, port);
    } catch (NumberFormatException e) {
      throw new UsageException("--listen " + listen + " is not HOST:PORT; write it like localhost:9810 or 0.0.0.0:9810");
    }
  }

  private static String hostPort(InetSocketAddress address) {
    String host = address.getAddress().getHostAddress();
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
  }
}
