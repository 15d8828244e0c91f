package io.github.tunneldiagnostics.api;

import io.github.tunneldiagnostics.api.check.Check;
import io.github.tunneldiagnostics.api.check.CheckResult;
import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.check.FindingCode;
import io.github.tunneldiagnostics.api.check.Resolver;
import io.github.tunneldiagnostics.api.ingress.IngressModel;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/**
 * A configured diagnosis: an ingress model, the routes to diagnose, and the {@link Check}s to run over
 * them. Immutable and thread-safe once built; {@link #run()} may be called any number of times, from any
 * thread, and each call returns a fresh {@link DiagnosisReport}.
 *
 * <pre>{@code
 * DiagnosisReport report = Diagnosis.builder()
 *     .ingress(model)
 *     .check(new MyCheck())
 *     .timeout(Duration.ofSeconds(10))
 *     .build()
 *     .run();
 * }</pre>
 *
 * <p>Checks run concurrently. Each has a time limit (its own {@link Check#timeout()}, else
 * {@link Builder#perCheckTimeout(Duration)}), capped by the overall {@link Builder#timeout(Duration)}. A
 * check that throws or overruns becomes a {@code CHECK_FAILED} finding; a check whose prerequisite did
 * not pass becomes {@code CHECK_SKIPPED}. {@link #run()} returns within the overall timeout plus a small
 * grace, whatever the checks do.
 */
public final class Diagnosis {

  /** The default overall timeout, as the command line's {@code --timeout}. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  /** How long {@link #run()} may overrun the deadline while it collects the last results. */
  public static final Duration GRACE = Duration.ofMillis(250);

  /**
   * The name prefix of every thread a run starts (its checks' pool and its timer, {@code tunnel-diagnostics-1},
   * …). All are daemon threads, and all have ended when {@link #run()} returns, except the thread of a check
   * that ignores interrupts past its deadline: that one is abandoned, and the check's {@code CHECK_FAILED}
   * finding says so ({@code evidence.abandonedThread}).
   */
  public static final String THREAD_PREFIX = "tunnel-diagnostics-";

  private final IngressModel ingress;
  private final List<Check> checks;
  private final List<Route> routes;
  private final Duration timeout;
  private final Duration perCheckTimeout;
  private final @Nullable Executor executor;
  private final Clock clock;
  private final Resolver resolver;
  private final DiagnosisListener listener;
  private final List<Finding> setupFindings;

  private Diagnosis(Builder builder, IngressModel ingress) {
    this.ingress = ingress;
    this.checks = List.copyOf(builder.checks);
    this.routes = List.copyOf(builder.routes);
    this.timeout = builder.timeout;
    this.perCheckTimeout = builder.perCheckTimeout != null ? builder.perCheckTimeout : builder.timeout;
    this.executor = builder.executor;
    this.clock = builder.clock;
    this.resolver = builder.resolver;
    this.listener = builder.listener;
    this.setupFindings = List.copyOf(builder.setupFindings);
  }

  /** Starts configuring a diagnosis. */
  public static Builder builder() {
    return new Builder();
  }

  /** Runs every check and returns the report. Never throws because of a check. */
  public DiagnosisReport run() {
    return new DiagnosisRun(this).execute();
  }

  /** The model diagnosed. */
  public IngressModel ingress() {
    return ingress;
  }

  /** The checks, in registration order. */
  public List<Check> checks() {
    return checks;
  }

  /** The routes diagnosed. */
  public List<Route> routes() {
    return routes;
  }

  /** The overall timeout. */
  public Duration timeout() {
    return timeout;
  }

  Duration perCheckTimeout() {
    return perCheckTimeout;
  }

  @Nullable Executor executor() {
    return executor;
  }

  Clock clock() {
    return clock;
  }

  Resolver resolver() {
    return resolver;
  }

  DiagnosisListener listener() {
    return listener;
  }

  List<Finding> setupFindings() {
    return setupFindings;
  }

  /** Configures a {@link Diagnosis}. Not thread-safe; {@link #build()} copies everything it needs. */
  public static final class Builder {
    private @Nullable IngressModel ingress;
    private final List<Check> checks = new ArrayList<>();
    private final List<Route> routes = new ArrayList<>();
    private Duration timeout = DEFAULT_TIMEOUT;
    private @Nullable Duration perCheckTimeout;
    private @Nullable Executor executor;
    private Clock clock = Clock.systemUTC();
    private Resolver resolver = Resolver.system();
    private DiagnosisListener listener = DiagnosisListener.NONE;
    private final List<Finding> setupFindings = new ArrayList<>();

    private Builder() {}

    /** The model to diagnose (required). */
    public Builder ingress(IngressModel model) {
      this.ingress = Objects.requireNonNull(model, "model");
      return this;
    }

    /** Adds a check. */
    public Builder check(Check check) {
      checks.add(Objects.requireNonNull(check, "check"));
      return this;
    }

    /** Adds checks, in order. */
    public Builder checks(List<? extends Check> more) {
      more.forEach(this::check);
      return this;
    }

    /** Adds a route to diagnose; without any, checks treat every rule as a route. */
    public Builder route(Route route) {
      routes.add(Objects.requireNonNull(route, "route"));
      return this;
    }

    /** Adds routes to diagnose. */
    public Builder routes(List<Route> more) {
      more.forEach(this::route);
      return this;
    }

    /** The overall deadline of {@link Diagnosis#run()}, default 10 s. */
    public Builder timeout(Duration value) {
      this.timeout = positive(value, "timeout");
      return this;
    }

    /** The time limit of a check that declares none itself; defaults to the overall timeout. */
    public Builder perCheckTimeout(Duration value) {
      this.perCheckTimeout = positive(value, "perCheckTimeout");
      return this;
    }

    /**
     * Runs checks on this executor instead of a private pool of daemon threads. It must be able to run
     * all checks at once, or checks queued behind slow ones run out of time.
     */
    public Builder executor(Executor value) {
      this.executor = Objects.requireNonNull(value, "executor");
      return this;
    }

    /** The clock used for deadlines and timings; tests may inject their own. */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /** The resolver checks use for every lookup; tests inject one that answers only loopback. */
    public Builder resolver(Resolver value) {
      this.resolver = Objects.requireNonNull(value, "resolver");
      return this;
    }

    /** Hears progress. */
    public Builder listener(DiagnosisListener value) {
      this.listener = Objects.requireNonNull(value, "listener");
      return this;
    }

    /**
     * Adds the checks that {@link ServiceLoader} finds for {@link Check} with the context class loader
     * (or, when there is none, this module's loader). Off unless called. A provider that cannot be loaded
     * becomes a {@code CHECK_FAILED} finding in every report.
     */
    public Builder discoverChecks() {
      ClassLoader loader = Thread.currentThread().getContextClassLoader();
      return discoverChecks(loader != null ? loader : Diagnosis.class.getClassLoader());
    }

    /** As {@link #discoverChecks()}, with the given class loader. */
    public Builder discoverChecks(ClassLoader loader) {
      var iterator = ServiceLoader.load(Check.class, loader).iterator();
      while (true) {
        try {
          if (!iterator.hasNext()) {
            break;
          }
          check(iterator.next());
        } catch (ServiceConfigurationError e) {
          setupFindings.add(
              Finding.warning(FindingCode.CHECK_FAILED)
                  .check("discovery")
                  .subject("ServiceLoader " + Check.class.getName())
                  .message("A custom check could not be loaded: " + e.getMessage())
                  .remediation("Fix or remove the provider named in META-INF/services/" + Check.class.getName() + " or module-info 'provides'.")
                  .evidence("exception", e.getClass().getName())
                  .build());
        }
      }
      return this;
    }

    /**
     * Builds the diagnosis.
     *
     * @throws IllegalStateException when no ingress model was given, two checks share an id, or
     *     prerequisites form a cycle
     */
    public Diagnosis build() {
      if (ingress == null) {
        throw new IllegalStateException("'ingress' must be set: call ingress(model)");
      }
      Map<String, Check> byId = new LinkedHashMap<>();
      for (Check check : checks) {
        String id = Objects.requireNonNull(check.id(), () -> check.getClass().getName() + ".id() returned null");
        if (id.isBlank()) {
          throw new IllegalStateException(check.getClass().getName() + ".id() must not be blank");
        }
        Check previous = byId.putIfAbsent(id, check);
        if (previous != null) {
          throw new IllegalStateException(
              "two checks share the id '" + id + "': " + previous.getClass().getName() + " and " + check.getClass().getName());
        }
      }
      for (String id : byId.keySet()) {
        detectCycle(id, byId, new HashSet<>(), new ArrayList<>());
      }
      return new Diagnosis(this, ingress);
    }

    private static void detectCycle(String id, Map<String, Check> byId, Set<String> done, List<String> path) {
      if (path.contains(id)) {
        List<String> cycle = new ArrayList<>(path.subList(path.indexOf(id), path.size()));
        cycle.add(id);
        throw new IllegalStateException("checks require each other in a cycle: " + String.join(" -> ", cycle));
      }
      Check check = byId.get(id);
      if (check == null || done.contains(id)) {
        return;
      }
      path.add(id);
      for (String required : check.requires()) {
        detectCycle(required, byId, done, path);
      }
      path.remove(path.size() - 1);
      done.add(id);
    }

    private static Duration positive(Duration value, String name) {
      Objects.requireNonNull(value, name);
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException("'" + name + "' must be positive but was " + value);
      }
      return value;
    }
  }
}
