package io.github.tunneldiagnostics.core.internal.probe;

import io.github.tunneldiagnostics.api.Route;
import io.github.tunneldiagnostics.api.check.Check;
import io.github.tunneldiagnostics.api.check.CheckContext;
import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.check.FindingCode;
import io.github.tunneldiagnostics.api.ingress.IngressRule;
import io.github.tunneldiagnostics.core.internal.resolver.GoAddressSelection;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Probes the origin of every route the way cloudflared reaches it (check id {@value #ID}): resolve the
 * service host, connect to each address, TLS with the rule's effective settings, and one HTTP/1.1
 * request shaped like cloudflared's. All routes are probed concurrently; each is bounded by its rule's
 * {@code connectTimeout} / {@code tlsTimeout} and by the check's deadline, so many dead origins cost
 * about one timeout.
 *
 * <p>Services cloudflared answers itself ({@code http_status}, {@code hello_world}, {@code bastion},
 * {@code socks-proxy}) are not probed; each gets an INFO {@code CHECK_SKIPPED}.
 *
 * <p>Thread-safe; configure it with {@link #builder()}. Building one initialises the JDK's TLS stack (so
 * that this cost never lands inside a probe's deadline); the trust roots are loaded once, on first use.
 */
public final class OriginCheck implements Check {

  /** The check id. */
  public static final String ID = "origin";

  /** Default time to first byte at which ORIGIN_SLOW is reported; see {@link Builder#slowThreshold}. */
  public static final Duration DEFAULT_SLOW_THRESHOLD = Duration.ofSeconds(5);

  private static final Duration MAX_RESERVE = Duration.ofMillis(250);
  private static final Logger LOG = LoggerFactory.getLogger(OriginCheck.class);

  private final ProbeSettings settings;
  private final SSLContext tlsContext;
  private final Once<TrustRoots> roots;

  private OriginCheck(ProbeSettings settings) {
    this.settings = settings;
    this.tlsContext = TlsHandshake.captureAllContext();
    this.roots = new Once<>(() -> TrustRoots.standard(settings.extraRoots()));
  }

  /** An origin check with the defaults: the system's {@code /proc/net}, the standard hostname source. */
  public OriginCheck() {
    this(builder().settings());
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String id() {
    return ID;
  }

  private static final Duration JOIN_AT_LEAST = Duration.ofMillis(50);

  @Override
  public String description() {
    return "probe each rule's origin the way cloudflared reaches it";
  }

  @Override
  public List<Finding> run(CheckContext context) throws InterruptedException {
    Instant deadline = probeDeadline(context);
    ExecutorService executor = Executors.newCachedThreadPool(daemons("tunnel-diagnostics-origin-probe"));
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(daemons("tunnel-diagnostics-origin-watchdog"));
    try {
      Watchdog watchdog = new Watchdog(timer, context.clock());
      ProbeRun run = new ProbeRun(
          context.ingress(),
          settings,
          context.clock(),
          context.resolver(),
          executor,
          watchdog,
          new TcpDialer(executor, context.clock()),
          new TlsHandshake(tlsContext, context.clock(), watchdog),
          new HttpExchange(context.clock(), watchdog),
          new Once<>(settings.socketTable()::read),
          roots);
      Map<Route, CompletableFuture<List<Finding>>> probes = new LinkedHashMap<>();
      List<Finding> findings = new ArrayList<>();
      long began = System.nanoTime();
      for (Route route : context.routes()) {
        if (route.rule() >= context.ingress().rules().size()) {
          context.routeFinished(route, Duration.ZERO);
          continue;
        }
        IngressRule rule = context.ingress().rule(route.rule());
        if (!rule.service().isDialed()) {
          findings.add(notProbed(route, rule));
          context.routeFinished(route, Duration.ZERO);
          continue;
        }
        probes.put(route, CompletableFuture.supplyAsync(() -> probe(run, route, rule, deadline, context), executor));
      }
      for (Map.Entry<Route, CompletableFuture<List<Finding>>> entry : probes.entrySet()) {
        findings.addAll(await(entry.getKey(), context, entry.getValue(), began));
      }
      return SharedOrigins.merge(findings);
    } finally {
      executor.shutdownNow();
      timer.shutdownNow();
      awaitEnd(executor, timer, context);
    }
  }

  /**
   * Waits for the probe threads to end (each probe ends by its deadline, its sockets closed by the watchdog),
   * at most until the check's deadline, and at least {@link #JOIN_AT_LEAST}: none outlives the check.
   */
  private static void awaitEnd(ExecutorService executor, ExecutorService timer, CheckContext context) {
    long bound = Math.max(JOIN_AT_LEAST.toNanos(), context.remaining().toNanos());
    long end = System.nanoTime() + bound;
    try {
      executor.awaitTermination(bound, TimeUnit.NANOSECONDS);
      timer.awaitTermination(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** One route's probe, told to the diagnosis's listener as it starts and ends (progress on a terminal). */
  private static List<Finding> probe(ProbeRun run, Route route, IngressRule rule, Instant deadline, CheckContext context) {
    long start = System.nanoTime();
    context.routeStarted(route);
    try {
      return new RouteProbe(run, route, rule, deadline).probe();
    } finally {
      context.routeFinished(route, Duration.ofNanos(System.nanoTime() - start));
    }
  }

  private Instant probeDeadline(CheckContext context) {
    Duration remaining = context.remaining();
    Duration reserve = remaining.dividedBy(4);
    if (reserve.compareTo(settings.reserve()) > 0) {
      reserve = settings.reserve();
    }
    return context.clock().instant().plus(remaining.minus(reserve));
  }

  private List<Finding> await(Route route, CheckContext context, CompletableFuture<List<Finding>> probe, long began) throws InterruptedException {
    IngressRule rule = context.ingress().rule(route.rule());
    try {
      return probe.get(Math.max(1, context.remaining().toMillis()), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      probe.cancel(true);
      context.routeFinished(route, Duration.ofNanos(System.nanoTime() - began)); // its probe ends later, unheard

      return List.of(Finding.error(FindingCode.ORIGIN_NO_RESPONSE)
          .check(ID)
          .subject("rule #" + rule.index() + " " + rule.service())
          .message("The probe of " + rule.service() + " did not finish before the diagnosis deadline.")
          .remediation("Run the diagnosis again with a longer --timeout to see where the origin stalls.")
          .rule(rule.index())
          .evidence("source", "probe")
          .evidence("route", route.label())
          .evidence("service", rule.service().toString())
          .evidence(new PhaseTimings().evidence())
          .evidence("result", "probe overran the deadline")
          .build());
    } catch (ExecutionException e) {
      // a bug in one route's probe must not hide the other routes' findings
      Throwable cause = e.getCause() == null ? e : e.getCause();
      LOG.warn("probing {} for rule #{} failed", rule.service(), rule.index(), cause);
      return List.of(Finding.error(FindingCode.CHECK_FAILED)
          .check(ID)
          .subject("rule #" + rule.index() + " " + rule.service())
          .message("The probe of " + rule.service() + " failed unexpectedly: " + cause.getClass().getSimpleName()
              + (cause.getMessage() == null ? "" : ": " + cause.getMessage()) + ".")
          .remediation("Report this as a tunnel-diagnostics bug, with the service string of rule #" + rule.index() + ".")
          .rule(rule.index())
          .evidence("source", "probe")
          .evidence("route", route.label())
          .build());
    }
  }

  private static Finding notProbed(Route route, IngressRule rule) {
    return Finding.info(FindingCode.CHECK_SKIPPED)
        .check(ID)
        .subject("rule #" + rule.index() + " " + rule.service())
        .message("Rule #" + rule.index() + "'s service " + rule.service() + " is answered by cloudflared itself; there is no origin to probe.")
        .rule(rule.index())
        .evidence("source", "probe")
        .evidence("route", route.label())
        .build();
  }

  private static ThreadFactory daemons(String name) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  /** Configures an {@link OriginCheck}. Not thread-safe; {@link #build()} returns an immutable check. */
  public static final class Builder {
    private SocketTable socketTable = SocketTable.system();
    private HostnameSource hostnames = HostnameSource.standard();
    private Duration slowThreshold = DEFAULT_SLOW_THRESHOLD;
    private String visitorIp = "127.0.0.1";
    private String userAgent = "tunnel-diagnostics-probe";
    private List<X509Certificate> extraRoots = List.of();
    private Duration reserve = MAX_RESERVE;
    private GoAddressSelection.SourceAddresses sourceAddresses = GoAddressSelection.SourceAddresses.kernel();

    private Builder() {}

    /** Where listening sockets are read from (default {@link SocketTable#system()}). */
    public Builder socketTable(SocketTable value) {
      this.socketTable = Objects.requireNonNull(value, "socketTable");
      return this;
    }

    /** The public hostname per route, sent as Host (default {@link HostnameSource#standard()}). */
    public Builder hostnames(HostnameSource value) {
      this.hostnames = Objects.requireNonNull(value, "hostnames");
      return this;
    }

    /**
     * Time to first byte at or above which ORIGIN_SLOW is reported (default 5 s: the probe runs within the
     * diagnosis timeout, 10 s by default, while Cloudflare's edge gives up after 100 s, so anything this
     * slow is already a risk under load).
     */
    public Builder slowThreshold(Duration value) {
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException("'slowThreshold' must be positive but was " + value);
      }
      this.slowThreshold = value;
      return this;
    }

    /** The visitor address sent in X-Forwarded-For and Cf-Connecting-Ip (default 127.0.0.1). */
    public Builder visitorIp(String value) {
      this.visitorIp = Objects.requireNonNull(value, "visitorIp");
      return this;
    }

    /** The User-Agent sent (default {@code tunnel-diagnostics-probe}). */
    public Builder userAgent(String value) {
      this.userAgent = Objects.requireNonNull(value, "userAgent");
      return this;
    }

    /** Roots trusted besides the JDK's default trust store and Cloudflare's Origin CA roots. */
    public Builder extraRoots(List<X509Certificate> value) {
      this.extraRoots = List.copyOf(value);
      return this;
    }

    /**
     * How the source address toward a destination is found, for Go's RFC 6724 address order (default: as
     * Go does it, a UDP "connect" in this network namespace that sends nothing).
     */
    public Builder sourceAddresses(GoAddressSelection.SourceAddresses value) {
      this.sourceAddresses = Objects.requireNonNull(value, "sourceAddresses");
      return this;
    }

    ProbeSettings settings() {
      return new ProbeSettings(socketTable, hostnames, slowThreshold, visitorIp, userAgent, extraRoots, reserve, sourceAddresses);
    }

    public OriginCheck build() {
      return new OriginCheck(settings());
    }
  }
}
