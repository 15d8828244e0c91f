package io.github.tunneldiagnostics.core;

import io.github.tunneldiagnostics.api.Diagnosis;
import io.github.tunneldiagnostics.api.DiagnosisListener;
import io.github.tunneldiagnostics.api.DiagnosisReport;
import io.github.tunneldiagnostics.api.Route;
import io.github.tunneldiagnostics.api.check.Check;
import io.github.tunneldiagnostics.api.check.Resolver;
import io.github.tunneldiagnostics.api.ingress.IngressModel;
import io.github.tunneldiagnostics.api.ingress.IngressRule;
import io.github.tunneldiagnostics.core.internal.config.CheckSite;
import io.github.tunneldiagnostics.core.internal.config.ConfigCheck;
import io.github.tunneldiagnostics.core.internal.config.ConfigException;
import io.github.tunneldiagnostics.core.internal.config.ConfigLoader;
import io.github.tunneldiagnostics.core.internal.connector.ConnectorOptions;
import io.github.tunneldiagnostics.core.internal.ingress.IngressCheck;
import io.github.tunneldiagnostics.core.internal.ingress.IngressMatcher;
import io.github.tunneldiagnostics.core.internal.ingress.RequestUrl;
import io.github.tunneldiagnostics.core.internal.ingress.InvalidRequestUrlException;
import io.github.tunneldiagnostics.core.internal.ingress.RouteCheck;
import io.github.tunneldiagnostics.core.internal.ingress.RuleMatch;
import io.github.tunneldiagnostics.core.internal.probe.OriginCheck;
import io.github.tunneldiagnostics.core.internal.report.MatchReport;
import io.github.tunneldiagnostics.core.internal.report.UrlMatch;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

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
  private final @Nullable Path configFile;
  private final @Nullable IngressModel model;
  private final List<String> urls;
  private final Duration timeout;
  private final List<Check> checks;
  private final Resolver resolver;
  private final DiagnosisListener listener;
  private final Clock clock;
  private final LiveSources live;

  private TunnelDiagnostics(
      @Nullable Path configFile,
      @Nullable IngressModel model,
      List<String> urls,
      Duration timeout,
      List<Check> checks,
      Resolver resolver,
      DiagnosisListener listener,
      Clock clock,
      LiveSources live) {
    this.configFile = configFile;
    this.model = model;
    this.urls = List.copyOf(urls);
    this.timeout = timeout;
    this.checks = List.copyOf(checks);
    this.resolver = resolver;
    this.listener = listener;
    this.clock = clock;
    this.live = live;
  }

  /** Diagnoses the cloudflared config file at {@code file}; it is read anew by each run. */
  public static TunnelDiagnostics forConfig(Path file) {
    return new TunnelDiagnostics(
        Objects.requireNonNull(file, "file"), null, List.of(), Diagnosis.DEFAULT_TIMEOUT, List.of(), Resolver.system(),
        DiagnosisListener.NONE, Clock.systemUTC(), LiveSources.DEFAULTS);
  }

  /** Diagnoses a model already loaded or built in code. */
  public static TunnelDiagnostics forModel(IngressModel model) {
    return new TunnelDiagnostics(
        null, Objects.requireNonNull(model, "model"), List.of(), Diagnosis.DEFAULT_TIMEOUT, List.of(), Resolver.system(),
        DiagnosisListener.NONE, Clock.systemUTC(), LiveSources.DEFAULTS);
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
   * The checks {@link #validate()} runs, in order: {@code config} (what the loader noticed),
   * {@code ingress} (cloudflared's validation and our static warnings) and {@code ingress.route} (the
   * rule each route lands on). None of them uses the network. They judge from off the connector host, like
   * {@code cloudflared tunnel ingress validate}: a credentials file or {@code caPool} missing here is a
   * WARNING (only the connector host needs it); {@link #diagnose()} runs them as on the connector host.
   */
  public static List<Check> standardStaticChecks() {
    return staticChecks(CheckSite.OFF_CONNECTOR_HOST);
  }

  /** The static checks as they hold at {@code site}: on the connector host its own files must exist. */
  static List<Check> staticChecks(CheckSite site) {
    return List.of(new ConfigCheck(site), new IngressCheck(), new RouteCheck());
  }

  /**
   * Adds URLs to diagnose; their routes replace the default of one route per rule. The hostname is
   * lower-cased, as a browser would send it, and the route carries that form of the URL. A URL cloudflared refuses makes
   * {@link #validate()} throw {@link InvalidRequestUrlException}.
   */
  public TunnelDiagnostics url(String... more) {
    List<String> all = new ArrayList<>(urls);
    for (String url : more) {
      all.add(Objects.requireNonNull(url, "url"));
    }
    return new TunnelDiagnostics(configFile, model, all, timeout, checks, resolver, listener, clock, live);
  }

  /** The overall time limit of a run (default 10 s). */
  public TunnelDiagnostics timeout(Duration value) {
    Objects.requireNonNull(value, "timeout");
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException("'timeout' must be positive but was " + value);
    }
    return new TunnelDiagnostics(configFile, model, urls, value, checks, resolver, listener, clock, live);
  }

  /** Adds a custom check, run after the built-in ones; its id must differ from theirs. */
  public TunnelDiagnostics check(Check check) {
    List<Check> all = new ArrayList<>(checks);
    all.add(Objects.requireNonNull(check, "check"));
    return new TunnelDiagnostics(configFile, model, urls, timeout, all, resolver, listener, clock, live);
  }

  /** The resolver every check uses for host names; tests inject one that answers loopback only. */
  public TunnelDiagnostics resolver(Resolver value) {
    return new TunnelDiagnostics(configFile, model, urls, timeout, checks, Objects.requireNonNull(value, "resolver"), listener, clock, live);
  }

  /** Hears each check start and finish, e.g. to show progress. */
  public TunnelDiagnostics listener(DiagnosisListener value) {
    return new TunnelDiagnostics(configFile, model, urls, timeout, checks, resolver, Objects.requireNonNull(value, "listener"), clock, live);
  }

  /** The clock for timings and deadlines. */
  public TunnelDiagnostics clock(Clock value) {
    return new TunnelDiagnostics(configFile, model, urls, timeout, checks, resolver, listener, Objects.requireNonNull(value, "clock"), live);
  }

  /**
   * Diagnoses without a config file: {@link #diagnose()} matches and probes the ingress the running
   * connector serves ({@code /config}); when no connector answers, the report says that neither was found.
   */
  public static TunnelDiagnostics withoutConfig() {
    return new TunnelDiagnostics(null, null, List.of(), Diagnosis.DEFAULT_TIMEOUT, List.of(), Resolver.system(),
        DiagnosisListener.NONE, Clock.systemUTC(), LiveSources.DEFAULTS);
  }

  /**
   * The running connector's metrics server, {@code HOST:PORT} as given to cloudflared's {@code --metrics}
   * (default: the addresses running cloudflared processes name, then localhost:20241–20245).
   *
   * @throws IllegalArgumentException when {@code hostPort} is not a {@code HOST:PORT}
   */
  public TunnelDiagnostics metrics(String hostPort) {
    Objects.requireNonNull(hostPort, "hostPort");
    ConnectorOptions base = live.connector() != null ? live.connector() : ConnectorOptions.defaults();
    return connector(base.toBuilder().metricsAddress(hostPort).build());
  }

  /** How {@link #diagnose()} finds and reads the running connector (replaces {@link #metrics(String)}). */
  public TunnelDiagnostics connector(ConnectorOptions options) {
    return new TunnelDiagnostics(configFile, model, urls, timeout, checks, resolver, listener, clock,
        live.withConnector(Objects.requireNonNull(options, "options")));
  }

  /** {@link #diagnose()} does not look for a running connector (e.g. for a model built in code). */
  public TunnelDiagnostics noConnector() {
    return new TunnelDiagnostics(configFile, model, urls, timeout, checks, resolver, listener, clock, live.withConnector(null));
  }

  /** Adds the connector's log files (console or JSON lines, plain or .gz), read in order as one log. */
  public TunnelDiagnostics logs(Path... files) {
    List<Path> all = new ArrayList<>(live.logs());
    for (Path file : files) {
      all.add(Objects.requireNonNull(file, "file"));
    }
    return new TunnelDiagnostics(configFile, model, urls, timeout, checks, resolver, listener, clock, live.withLogs(all));
  }

  /**
   * {@link #diagnose()} and {@link #validate()} also run the custom checks {@link java.util.ServiceLoader}
   * finds for {@link Check} (see {@link Diagnosis.Builder#discoverChecks()}); off unless called.
   */
  public TunnelDiagnostics discoverChecks() {
    return new TunnelDiagnostics(configFile, model, urls, timeout, checks, resolver, listener, clock, live.withDiscovery());
  }

  /** The log files given with {@link #logs(Path...)}, in order. */
  public List<Path> logFiles() {
    return live.logs();
  }

  /**
   * The network diagnosis: the {@linkplain #standardStaticChecks() static checks}, the running connector
   * ({@code connector}: readiness, drift, remote config), the origin probes ({@code origin}, see {@link
   * OriginCheck}), the log files when given ({@code logs}) and the custom checks. When the connector's
   * effective ingress ({@code /config}) can be read, it is matched and probed instead of the file, as it is
   * what serves traffic; the report's {@link DiagnosisReport#ingress()} source says which was used.
   * Everything ends within the {@linkplain #timeout(Duration) timeout}.
   *
   * @throws InvalidRequestUrlException when a URL given with {@link #url(String...)} is one cloudflared
   *     refuses, with cloudflared's message
   */
  public DiagnosisReport diagnose() {
    return new LiveDiagnosis(this, configFile != null || model != null, live, checks, timeout, resolver, listener, clock).run();
  }

  /**
   * Classifies the {@linkplain #logs(Path...) log files} only, against the config when one was given (to
   * name the rules), as a report: each finding has {@code evidence.count}, {@code firstSeen},
   * {@code lastSeen} and {@code sample}. Nothing is sent over the network.
   *
   * @throws IllegalStateException when no log file was given
   */
  public DiagnosisReport analyzeLogs() {
    if (live.logs().isEmpty()) {
      throw new IllegalStateException("no log file given: call logs(Path...) first");
    }
    return new LiveDiagnosis(this, configFile != null || model != null, live, checks, timeout, resolver, listener, clock).logsOnly();
  }

  /** The URLs asked about, in order. */
  public List<String> urls() {
    return urls;
  }

  /**
   * The model: the one given, or the config file loaded now.
   *
   * @throws ConfigException when the file is missing, unreadable, not YAML or has a value of the wrong
   *     type; its finding says where and how to fix it
   */
  public IngressModel load() throws ConfigException {
    if (model != null) {
      return model;
    }
    if (configFile == null) {
      throw LiveDiagnosis.noConfig();
    }
    return ConfigLoader.load(configFile);
  }

  /**
   * Runs the {@linkplain #standardStaticChecks() static checks} plus the custom ones, without any network
   * traffic. A config that cannot be loaded yields a report with its finding and verdict BROKEN.
   *
   * @throws InvalidRequestUrlException when a URL given with {@link #url(String...)} is one cloudflared
   *     refuses, with cloudflared's message
   */
  public DiagnosisReport validate() {
    return run(standardStaticChecks());
  }

  /**
   * The rule that serves {@code url}, with cloudflared's exact matching: the hostname is compared byte
   * for byte (never lower-cased), a port is ignored, the path is percent-decoded and matched unanchored.
   *
   * @throws ConfigException when the config cannot be loaded
   * @throws InvalidRequestUrlException when cloudflared refuses the URL, with cloudflared's message
   */
  public RuleMatch match(String url) throws ConfigException {
    return IngressMatcher.of(load()).matchUrl(Objects.requireNonNull(url, "url"));
  }

  /**
   * {@link #match(String)} for every URL given with {@link #url(String...)}, as one report for a writer.
   *
   * @throws ConfigException when the config cannot be loaded
   * @throws InvalidRequestUrlException when cloudflared refuses a URL, with cloudflared's message
   */
  public MatchReport matchUrls() throws ConfigException {
    IngressModel loaded = load();
    IngressMatcher matcher = IngressMatcher.of(loaded);
    List<UrlMatch> matches = new ArrayList<>();
    for (String url : urls) {
      RuleMatch match = matcher.matchUrl(url);
      RequestUrl asRead = RequestUrl.parse(url);
      matches.add(new UrlMatch(
          url, asRead.host(), asRead.path(), match.rule(), match.catchAllFallback(), shadowed(loaded, match, url)));
    }
    return new MatchReport(loaded.source(), matches);
  }

  /** The first rule after {@code match} that matches {@code url} too, other than the catch-all. */
  private static @Nullable IngressRule shadowed(IngressModel model, RuleMatch match, String url) {
    if (match.catchAllFallback()) {
      return null;
    }
    int offset = match.index() + 1;
    List<IngressRule> later = new ArrayList<>();
    for (IngressRule rule : model.rules().subList(offset, model.rules().size())) {
      later.add(new IngressRule(later.size(), rule.hostname(), rule.path(), rule.rawService(), rule.service(),
          rule.originRequest(), rule.overrides(), rule.location()));
    }
    if (later.isEmpty()) {
      return null;
    }
    RuleMatch next = IngressMatcher.of(model.withRules(later)).matchUrl(url);
    return next.catchAllFallback() ? null : model.rule(offset + next.index());
  }

  /**
   * Runs {@code builtIn} then the custom checks over the loaded model. The origin probes' network
   * diagnosis is {@code run(concat(standardStaticChecks(), probe checks))}.
   */
  private DiagnosisReport run(List<Check> builtIn) {
    var started = clock.instant();
    IngressModel loaded;
    try {
      loaded = load();
    } catch (ConfigException e) {
      return DiagnosisReport.of(started, Duration.between(started, clock.instant()), null, List.of(), List.of(e.finding()));
    }
    Diagnosis.Builder diagnosis = Diagnosis.builder()
        .ingress(loaded)
        .checks(builtIn)
        .checks(checks)
        .routes(routes(loaded))
        .timeout(timeout)
        .resolver(resolver)
        .listener(listener)
        .clock(clock);
    if (live.discoverChecks()) {
      diagnosis.discoverChecks();
    }
    return diagnosis.build().run();
  }

  List<Route> routes(IngressModel loaded) {
    if (urls.isEmpty() || loaded.rules().isEmpty()) {
      return List.of();
    }
    IngressMatcher matcher = IngressMatcher.of(loaded);
    List<Route> routes = new ArrayList<>();
    for (String url : urls) {
      String sent = RequestUrls.withLowerCaseHost(url); // what a browser sends; checks re-match this URL
      RuleMatch match = matcher.matchUrl(sent);
      routes.add(new Route(sent, match.index(), match.rule().service().toString()));
    }
    return routes;
  }

  @Override
  public String toString() {
    return "TunnelDiagnostics[" + (configFile != null ? configFile : model != null ? "model " + model.source().location() : "no config")
        + ", urls=" + urls + ", timeout=" + timeout + ", checks=" + Arrays.toString(checks.stream().map(Check::id).toArray()) + "]";
  }
}
