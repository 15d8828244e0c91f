package io.github.tunneldiagnostics.core;

import io.github.tunneldiagnostics.api.DiagnosisListener;
import io.github.tunneldiagnostics.api.DiagnosisReport;
import io.github.tunneldiagnostics.api.InvalidRouteUrlException;
import io.github.tunneldiagnostics.api.RouteUrl;
import io.github.tunneldiagnostics.api.check.Check;
import io.github.tunneldiagnostics.api.check.Resolver;
import io.github.tunneldiagnostics.api.ingress.IngressModel;
import io.github.tunneldiagnostics.api.internal.Redaction;
import io.github.tunneldiagnostics.core.internal.config.CheckSite;
import io.github.tunneldiagnostics.core.internal.config.ConfigLoader;
import io.github.tunneldiagnostics.core.internal.diagnosis.DiagnosisSettings;
import io.github.tunneldiagnostics.core.internal.fix.RemedyPlanner;
import io.github.tunneldiagnostics.core.internal.diagnosis.LiveDiagnosis;
import io.github.tunneldiagnostics.core.internal.diagnosis.ModelDiagnosis;
import io.github.tunneldiagnostics.core.internal.diagnosis.StandardChecks;
import io.github.tunneldiagnostics.core.internal.diagnosis.UrlMatching;
import io.github.tunneldiagnostics.core.internal.ingress.IngressMatcher;
import io.github.tunneldiagnostics.core.report.MatchReport;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The entry point for Java callers: what the command line does, as a fluent, immutable value. Every
 * {@code withX}-style method returns a new, configured instance and leaves this one unchanged, so a
 * configured instance can be shared between threads and reused.
 *
 * <pre>{@code
 * DiagnosisReport report = TunnelDiagnostics.forConfig(Path.of("/etc/cloudflared/config.yml"))
 *     .url("https://app.example.com/")
 *     .validate();
 * if (!report.isHealthy()) {
 *   report.findings().forEach(f -> log.warn("{} {}: {}", f.code(), f.subject(), f.message()));
 * }
 * RuleMatch match = TunnelDiagnostics.forConfig(path).match("https://app.example.com/api");
 * }</pre>
 *
 * <p>{@link #validate()} runs the {@linkplain #standardStaticChecks() static checks} (config, ingress
 * validation, and the routes of the URLs asked about) and never touches the network. A config that
 * cannot be loaded becomes a report with that finding (verdict BROKEN), not an exception.
 *
 * <p>URLs given with {@link #url(String...)} are read the way a browser sends them: the hostname is
 * lower-cased before matching. {@link #match(String)} uses cloudflared's exact matching instead (no
 * lower-casing), like {@code cloudflared tunnel ingress rule}.
 */
public final class TunnelDiagnostics {
  private final DiagnosisSettings settings;

  private TunnelDiagnostics(DiagnosisSettings settings) {
    this.settings = settings;
  }

  private TunnelDiagnostics with(UnaryOperator<DiagnosisSettings.Builder> change) {
    return new TunnelDiagnostics(change.apply(settings.toBuilder()).build());
  }

  /** Diagnoses the cloudflared config file at {@code file}; it is read anew by each run. */
  public static TunnelDiagnostics forConfig(Path file) {
    return new TunnelDiagnostics(DiagnosisSettings.builder().configFile(Objects.requireNonNull(file, "file")).build());
  }

  /** Diagnoses a model already loaded or built in code. */
  public static TunnelDiagnostics forModel(IngressModel model) {
    return new TunnelDiagnostics(DiagnosisSettings.builder().model(Objects.requireNonNull(model, "model")).build());
  }

  /**
   * Diagnoses the config cloudflared itself would read without {@code --config}: the first
   * {@code config.yml} or {@code config.yaml} in {@code ~/.cloudflared}, {@code ~/.cloudflare-warp},
   * {@code ~/cloudflare-warp}, {@code /etc/cloudflared}, {@code /usr/local/etc/cloudflared}.
   */
  public static Optional<TunnelDiagnostics> forDefaultConfig() {
    return ConfigLoader.findDefault().map(TunnelDiagnostics::forConfig);
  }

  /**
   * Diagnoses without a config file: {@link #diagnose()} matches and probes the ingress the running
   * connector serves ({@code /config}); when no connector answers, the report says that neither was found.
   */
  public static TunnelDiagnostics withoutConfig() {
    return new TunnelDiagnostics(DiagnosisSettings.builder().build());
  }

  /**
   * The checks {@link #validate()} runs, in order: {@code config} (what the loader noticed),
   * {@code ingress} (cloudflared's validation and our static warnings) and {@code ingress.route} (the
   * rule each route lands on). None of them uses the network. They judge from off the connector host, like
   * {@code cloudflared tunnel ingress validate}: a credentials file or {@code caPool} missing here is a
   * WARNING (only the connector host needs it); {@link #diagnose()} runs them as on the connector host.
   */
  public static List<Check> standardStaticChecks() {
    return StandardChecks.staticChecks(CheckSite.OFF_CONNECTOR_HOST);
  }

  /**
   * Adds URLs to diagnose; their routes replace the default of one route per rule. The hostname is
   * lower-cased, as a browser would send it, and the route carries that form of the URL. A URL cloudflared
   * refuses makes {@link #validate()} throw {@link InvalidRouteUrlException}.
   */
  public TunnelDiagnostics url(String... more) {
    for (String url : more) {
      Objects.requireNonNull(url, "url");
    }
    return with(b -> {
      for (String url : more) {
        b.addUrl(url);
      }
      return b;
    });
  }

  /** The overall time limit of a run (default 10 s). */
  public TunnelDiagnostics timeout(Duration value) {
    Objects.requireNonNull(value, "timeout");
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException("'timeout' must be positive but was " + value);
    }
    return with(b -> b.timeout(value));
  }

  /** Adds a custom check, run after the built-in ones; its id must differ from theirs. */
  public TunnelDiagnostics check(Check check) {
    Objects.requireNonNull(check, "check");
    return with(b -> b.addCheck(check));
  }

  /**
   * The resolver every check uses for host names; tests inject one that answers loopback only. The default
   * resolves as cloudflared's pure-Go resolver does, from this machine's /etc/hosts, /etc/nsswitch.conf and
   * /etc/resolv.conf, in Go's RFC 6724 order; the origin probe sorts any other resolver's answer that way too.
   */
  public TunnelDiagnostics resolver(Resolver value) {
    Objects.requireNonNull(value, "resolver");
    return with(b -> b.resolver(value));
  }

  /** Hears each check start and finish, e.g. to show progress. */
  public TunnelDiagnostics listener(DiagnosisListener value) {
    Objects.requireNonNull(value, "listener");
    return with(b -> b.listener(value));
  }

  /** The clock for timings and deadlines. */
  public TunnelDiagnostics clock(Clock value) {
    Objects.requireNonNull(value, "clock");
    return with(b -> b.clock(value));
  }

  /**
   * The running connector's metrics server, {@code HOST:PORT} as given to cloudflared's {@code --metrics}
   * (default: the addresses running cloudflared processes name, then localhost:20241–20245).
   *
   * @throws IllegalArgumentException when {@code hostPort} is not a {@code HOST:PORT}
   */
  public TunnelDiagnostics metrics(String hostPort) {
    Objects.requireNonNull(hostPort, "hostPort");
    ConnectorOptions current = settings.connector();
    ConnectorOptions base = current != null ? current : ConnectorOptions.defaults();
    return connector(base.toBuilder().metricsAddress(hostPort).build());
  }

  /**
   * Diagnoses from one connector when several run on this host: its process id, or its container id (at
   * least 4 leading hex digits, as {@code docker ps} shows it). By default every connector is read and
   * compared, and the first one is the seat the origins are probed from.
   *
   * @throws IllegalArgumentException when {@code pidOrContainer} is neither
   */
  public TunnelDiagnostics connectorProcess(String pidOrContainer) {
    Objects.requireNonNull(pidOrContainer, "pidOrContainer");
    String value = pidOrContainer.strip().toLowerCase(java.util.Locale.ROOT);
    if (!value.matches("[0-9]{1,10}") && !value.matches("[0-9a-f]{4,64}")) {
      throw new IllegalArgumentException("'" + pidOrContainer + "' is neither a process id nor a container id (hex, at least 4 digits)");
    }
    ConnectorOptions current = settings.connector();
    ConnectorOptions base = current != null ? current : ConnectorOptions.defaults();
    return connector(base.toBuilder().selector(value).build());
  }

  /** How {@link #diagnose()} finds and reads the running connector (replaces {@link #metrics(String)}). */
  public TunnelDiagnostics connector(ConnectorOptions options) {
    Objects.requireNonNull(options, "options");
    return with(b -> b.connector(options));
  }

  /**
   * {@link #diagnose()} also checks the public half as a visitor: each public hostname's DNS (the system's
   * resolvers, or those given), then one request through Cloudflare's edge, classified from Cloudflare's
   * own answers (error 1033, a 502 page, Access, a challenge, a WAF block, …). A Cloudflare 502 is tied to
   * cloudflared or the origin with the connector's log ({@link #logs(Path...)}) and metrics. Traffic goes to
   * the DNS servers and the public hostnames only.
   *
   * @throws java.io.UncheckedIOException when an edge CA or ranges file cannot be read
   */
  public TunnelDiagnostics publicRoute(PublicRouteOptions options) {
    Objects.requireNonNull(options, "options");
    return with(b -> b.publicRoute(options.settings().build()));
  }

  /**
   * {@link #diagnose()} also reads the Cloudflare account with a read-only API token: the tunnel's status
   * and config source, its connectors' config versions, the remote configuration (a remotely managed
   * tunnel's ingress is then matched and probed instead of the file's), and each public hostname's DNS
   * records. A rejected token or a missing permission becomes a finding; the other checks run either way.
   */
  public TunnelDiagnostics cloudflareApi(CloudflareApiOptions options) {
    Objects.requireNonNull(options, "options");
    return with(b -> b.cloudflareApi(options.settings()));
  }

  /** {@link #diagnose()} does not look for a running connector (e.g. for a model built in code). */
  public TunnelDiagnostics noConnector() {
    return with(b -> b.connector(null));
  }

  /** Adds the connector's log files (console or JSON lines, plain or .gz), read in order as one log. */
  public TunnelDiagnostics logs(Path... files) {
    for (Path file : files) {
      Objects.requireNonNull(file, "file");
    }
    return with(b -> {
      for (Path file : files) {
        b.addLog(file);
      }
      return b;
    });
  }

  /**
   * {@link #diagnose()} and {@link #validate()} also run the custom checks {@link java.util.ServiceLoader}
   * finds for {@link Check} (see {@link io.github.tunneldiagnostics.api.Diagnosis.Builder#discoverChecks()});
   * off unless called.
   */
  public TunnelDiagnostics discoverChecks() {
    return with(b -> b.discoverChecks(true));
  }

  /** The log files given with {@link #logs(Path...)}, in order. */
  public List<Path> logFiles() {
    return settings.logs();
  }

  /** The URLs asked about, in order. */
  public List<String> urls() {
    return settings.urls();
  }

  /**
   * The network diagnosis: the {@linkplain #standardStaticChecks() static checks}, the running connector
   * ({@code connector}: readiness, drift, remote config), the origin probes ({@code origin}), the log files
   * when given ({@code logs}) and the custom checks. When the connector's effective ingress ({@code
   * /config}) can be read, it is matched and probed instead of the file, as it is what serves traffic; the
   * report's {@link DiagnosisReport#ingress()} source says which was used. Everything ends within the
   * {@linkplain #timeout(Duration) timeout}.
   *
   * @throws InvalidRouteUrlException when a URL given with {@link #url(String...)} is one cloudflared
   *     refuses, with cloudflared's message
   */
  public DiagnosisReport diagnose() {
    return withRemedies(new LiveDiagnosis(settings).run());
  }

  /**
   * Probes the origins of the routes only: the rule serving each URL given with {@link #url(String...)}
   * (every rule when none was given) is dialed the way cloudflared reaches it (every resolved address,
   * TLS with cloudflared's SNI and roots, one request shaped like cloudflared's). No static checks, no
   * connector, no logs, no custom checks; everything ends within the {@linkplain #timeout(Duration)
   * timeout}. A config that cannot be loaded yields a report with its finding.
   *
   * @throws InvalidRouteUrlException when a URL is one cloudflared refuses, with cloudflared's message
   */
  public DiagnosisReport probeOrigins() {
    return withRemedies(ModelDiagnosis.probeOrigins(settings));
  }

  /**
   * Classifies the {@linkplain #logs(Path...) log files} only, against the config when one was given (to
   * name the rules), as a report: each finding has {@code evidence.count}, {@code firstSeen},
   * {@code lastSeen} and {@code sample}. Nothing is sent over the network.
   *
   * @throws IllegalStateException when no log file was given
   */
  public DiagnosisReport analyzeLogs() {
    if (settings.logs().isEmpty()) {
      throw new IllegalStateException("no log file given: call logs(Path...) first");
    }
    return new LiveDiagnosis(settings).logsOnly();
  }

  /**
   * The model: the one given, or the config file loaded now.
   *
   * @throws ConfigException when the file is missing, unreadable, not YAML or has a value of the wrong
   *     type; its finding says where and how to fix it
   */
  public IngressModel load() throws ConfigException {
    return settings.load();
  }

  /**
   * Runs the {@linkplain #standardStaticChecks() static checks} plus the custom ones, without any network
   * traffic. A config that cannot be loaded yields a report with its finding and verdict BROKEN.
   *
   * @throws InvalidRouteUrlException when a URL given with {@link #url(String...)} is one cloudflared
   *     refuses, with cloudflared's message
   */
  public DiagnosisReport validate() {
    return withRemedies(ModelDiagnosis.validate(settings));
  }

  /**
   * The rule that serves {@code url}, with cloudflared's exact matching: the hostname is compared byte
   * for byte (never lower-cased), a port is ignored, the path is percent-decoded and matched unanchored.
   *
   * @throws ConfigException when the config cannot be loaded
   * @throws InvalidRouteUrlException when cloudflared refuses the URL, with cloudflared's message
   */
  public RuleMatch match(String url) throws ConfigException {
    return IngressMatcher.of(load()).match(RouteUrl.parse(Objects.requireNonNull(url, "url")));
  }

  /**
   * {@link #match(String)} for every URL given with {@link #url(String...)}, as one report for a writer.
   *
   * @throws ConfigException when the config cannot be loaded
   * @throws InvalidRouteUrlException when cloudflared refuses a URL, with cloudflared's message
   */
  public MatchReport matchUrls() throws ConfigException {
    return UrlMatching.matchAll(load(), settings.urls());
  }

  @Override
  public String toString() {
    Path file = settings.configFile();
    IngressModel model = settings.model();
    return Redaction.redact("TunnelDiagnostics[" + (file != null ? file : model != null ? "model " + model.source().location() : "no config")
        + ", urls=" + settings.urls() + ", timeout=" + settings.timeout() + ", checks="
        + settings.checks().stream().map(Check::id).toList() + "]");
  }

  /**
   * The report with each finding's remedy as data: a config change when one fixes the cause safely, else
   * what a person must do (see {@link io.github.tunneldiagnostics.api.check.Remedy}).
   */
  private DiagnosisReport withRemedies(DiagnosisReport report) {
    Path file = settings.configFile();
    if (file == null && report.ingress() != null) {
      file = report.ingress().source().file();
    }
    return RemedyPlanner.forFile(file).attach(report);
  }
}
