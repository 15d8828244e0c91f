package io.github.tunneldiagnostics.testkit;

import io.github.tunneldiagnostics.api.DiagnosisReport;
import io.github.tunneldiagnostics.api.check.Resolver;
import io.github.tunneldiagnostics.api.ingress.IngressModel;
import io.github.tunneldiagnostics.api.ingress.IngressRule;
import io.github.tunneldiagnostics.core.TunnelDiagnostics;
import io.github.tunneldiagnostics.core.ConfigException;
import io.github.tunneldiagnostics.core.internal.config.ConfigLoader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A committed cloudflared config, ready to ask about its routes in a test. Immutable: every
 * {@code withX} returns a new instance.
 *
 * <pre>{@code
 * TunnelRoutes tunnel = TunnelRoutes.fromClasspath("cloudflared/config.yml")
 *     .withService("http://localhost:8080", "http://localhost:" + app.port());
 * assertThat(tunnel.route("https://api.example.com/health")).resolvesToLiveOrigin();
 * }</pre>
 */
public final class TunnelRoutes {

  /** The default time a route's diagnosis may take. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  private final IngressModel committed;
  private final IngressModel model;
  private final List<ServiceOverride> overrides;
  private final Resolver resolver;
  private final Duration timeout;

  private TunnelRoutes(IngressModel committed, List<ServiceOverride> overrides, Resolver resolver, Duration timeout) {
    this.committed = committed;
    this.overrides = List.copyOf(overrides);
    this.model = applyOverrides(committed, this.overrides);
    this.resolver = resolver;
    this.timeout = timeout;
  }

  /** Routes of a model built or loaded elsewhere. */
  public static TunnelRoutes of(IngressModel model) {
    return new TunnelRoutes(Objects.requireNonNull(model, "model"), List.of(), Resolver.system(), DEFAULT_TIMEOUT);
  }

  /**
   * Routes of a config file.
   *
   * @throws AssertionError naming file, line, column and the fix when the config cannot be loaded
   */
  public static TunnelRoutes fromConfig(Path file) {
    try {
      return of(ConfigLoader.load(file));
    } catch (ConfigException e) {
      throw new AssertionError(describe(e), null);
    }
  }

  /**
   * Routes of a config on the class path, e.g. {@code "cloudflared/config.yml"} (a leading
   * {@code classpath:} is accepted too).
   *
   * @throws AssertionError when the resource is missing or the config cannot be loaded
   */
  public static TunnelRoutes fromClasspath(String resource) {
    String name = resource.startsWith("classpath:") ? resource.substring("classpath:".length()) : resource;
    name = name.startsWith("/") ? name.substring(1) : name;
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    if (loader == null) {
      loader = TunnelRoutes.class.getClassLoader();
    }
    try (InputStream in = loader.getResourceAsStream(name)) {
      if (in == null) {
        throw new AssertionError("No cloudflared config on the class path at '" + name
            + "'. Put it under src/test/resources/" + name + " or name the right resource.", null);
      }
      return of(ConfigLoader.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), Path.of("classpath:" + name)));
    } catch (IOException e) {
      throw new AssertionError("Cannot read the class path resource '" + name + "': " + e.getMessage(), e);
    } catch (ConfigException e) {
      throw new AssertionError(describe(e), null);
    }
  }

  private static String describe(ConfigException e) {
    return "The cloudflared config cannot be loaded:\n" + FindingDescription.of(e.finding());
  }

  /**
   * Uses {@code to} wherever the config's service is exactly {@code from}, e.g. to run the app on a
   * random port while the committed config says 8080. Shown in every failure message.
   *
   * @throws IllegalArgumentException when no rule has the service {@code from}
   */
  public TunnelRoutes withService(String from, String to) {
    List<ServiceOverride> more = new ArrayList<>(overrides);
    more.add(new ServiceOverride(from, to));
    return new TunnelRoutes(committed, more, resolver, timeout);
  }

  /** Resolves host names with this resolver (tests inject one that answers loopback only). */
  public TunnelRoutes withResolver(Resolver value) {
    return new TunnelRoutes(committed, overrides, Objects.requireNonNull(value, "resolver"), timeout);
  }

  /** Bounds each route's diagnosis; default 10 s. */
  public TunnelRoutes withTimeout(Duration value) {
    Objects.requireNonNull(value, "timeout");
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException("'timeout' must be positive but was " + value);
    }
    return new TunnelRoutes(committed, overrides, resolver, value);
  }

  /** The route a public URL takes, e.g. {@code https://api.example.com/v1/health}. */
  public TunnelRoute route(String url) {
    return new TunnelRoute(this, Objects.requireNonNull(url, "url"));
  }

  /**
   * The static checks (config, ingress, routes) over the model with its overrides, plus every custom
   * {@code Check} that {@link java.util.ServiceLoader} finds on the test class path. No network traffic.
   */
  public DiagnosisReport validate() {
    return TunnelDiagnostics.forModel(model).resolver(resolver).timeout(timeout).discoverChecks().validate();
  }

  /** The model with the service overrides applied. */
  public IngressModel model() {
    return model;
  }

  /** The model as committed, without overrides. */
  public IngressModel committedModel() {
    return committed;
  }

  /** The service overrides, in the order they were added. */
  public List<ServiceOverride> overrides() {
    return overrides;
  }

  /** The resolver used for every lookup. */
  public Resolver resolver() {
    return resolver;
  }

  /** The time limit of one route's diagnosis. */
  public Duration timeout() {
    return timeout;
  }

  private static IngressModel applyOverrides(IngressModel committed, List<ServiceOverride> overrides) {
    if (overrides.isEmpty()) {
      return committed;
    }
    List<IngressRule> rules = new ArrayList<>(committed.rules());
    for (ServiceOverride override : overrides) {
      boolean used = false;
      for (int i = 0; i < rules.size(); i++) {
        IngressRule rule = rules.get(i);
        if (rule.rawService().equals(override.from())) {
          rules.set(i, rule.toBuilder().service(override.to()).build());
          used = true;
        }
      }
      if (!used) {
        throw new IllegalArgumentException("withService(\"" + override.from() + "\", ...): no rule's service is '"
            + override.from() + "'. The config's services are: "
            + committed.rules().stream().map(IngressRule::rawService).distinct().toList());
      }
    }
    return committed.toBuilder().rules(rules).build();
  }
}
