package io.github.tunneldiagnostics.testkit.junit;

import io.github.tunneldiagnostics.api.DiagnosisReport;
import io.github.tunneldiagnostics.api.check.Resolver;
import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.ingress.IngressModel;
import io.github.tunneldiagnostics.core.internal.config.ConfigLoader;
import io.github.tunneldiagnostics.testkit.internal.ConfigValidity;
import io.github.tunneldiagnostics.testkit.TunnelRoutes;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;
import org.jspecify.annotations.Nullable;

/**
 * The JUnit Jupiter extension behind {@link TunnelDiagnosticsTest}; register it programmatically to
 * override services or the resolver:
 *
 * <pre>{@code
 * @RegisterExtension
 * static TunnelDiagnosticsExtension tunnel = TunnelDiagnosticsExtension.builder()
 *     .config("classpath:cloudflared/config.yml")
 *     .withService("http://localhost:8080", () -> "http://localhost:" + app.port())
 *     .build();
 * }</pre>
 *
 * The loaded config lives in the extension store of the class that registers the extension, so
 * {@code @Nested} classes share it and parallel test classes never see each other's state. Instances
 * are immutable.
 */
public final class TunnelDiagnosticsExtension implements BeforeAllCallback, ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(TunnelDiagnosticsExtension.class);

  private final @Nullable Settings programmatic;

  /** Used by {@code @ExtendWith} through {@link TunnelDiagnosticsTest}: settings come from the annotation. */
  public TunnelDiagnosticsExtension() {
    this.programmatic = null;
  }

  private TunnelDiagnosticsExtension(Settings settings) {
    this.programmatic = settings;
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    routes(context); // load eagerly: a missing or invalid config fails the class before any test runs
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == TunnelRoutes.class || type == IngressModel.class || type == DiagnosisReport.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    Loaded loaded = routes(context);
    if (type == IngressModel.class) {
      return loaded.routes().model();
    }
    if (type == DiagnosisReport.class) {
      return loaded.validation();
    }
    return loaded.routes();
  }

  private Loaded routes(ExtensionContext context) {
    Settings settings = programmatic != null ? programmatic : fromAnnotation(context);
    ExtensionContext owner = ownerContext(context);
    // a @Nested class with its own @TunnelDiagnosticsTest gets its own config; one without shares its outer class's
    Object key = programmatic != null ? this : annotatedClass(context.getRequiredTestClass());
    return owner.getStore(NAMESPACE).getOrComputeIfAbsent(key, k -> load(settings), Loaded.class);
  }

  /** The class-level context of the outermost class, so @Nested classes share one loaded config. */
  private static ExtensionContext ownerContext(ExtensionContext context) {
    ExtensionContext current = context;
    while (current.getParent().isPresent() && current.getParent().get().getTestClass().isPresent()) {
      current = current.getParent().get();
    }
    return current;
  }

  /** The test class, or the nearest enclosing class, that carries {@code @TunnelDiagnosticsTest}. */
  private static Class<?> annotatedClass(Class<?> testClass) {
    for (Class<?> c = testClass; c != null; c = c.getEnclosingClass()) {
      if (AnnotationSupport.isAnnotated(c, TunnelDiagnosticsTest.class)) {
        return c;
      }
    }
    return testClass;
  }

  private static Settings fromAnnotation(ExtensionContext context) {
    Class<?> testClass = context.getRequiredTestClass();
    Optional<TunnelDiagnosticsTest> annotation = Optional.empty();
    for (Class<?> c = testClass; c != null && annotation.isEmpty(); c = c.getEnclosingClass()) {
      annotation = AnnotationSupport.findAnnotation(c, TunnelDiagnosticsTest.class);
    }
    TunnelDiagnosticsTest found = annotation.orElseThrow(() -> new ExtensionConfigurationException(
        "TunnelDiagnosticsExtension on " + testClass.getName() + " needs @TunnelDiagnosticsTest, or register it with @RegisterExtension and builder()"));
    Duration timeout;
    try {
      timeout = Duration.parse(found.timeout());
    } catch (DateTimeParseException e) {
      throw new ExtensionConfigurationException("@TunnelDiagnosticsTest(timeout = \"" + found.timeout()
          + "\") on " + testClass.getName() + " is not an ISO-8601 duration; write e.g. \"PT10S\"");
    }
    return new Settings(found.config(), List.of(), null, timeout, found.requireValidConfig());
  }

  private static Loaded load(Settings settings) {
    TunnelRoutes routes = settings.routes();
    DiagnosisReport validation = routes.validate();
    List<Finding> errors = ConfigValidity.errors(validation.findings());
    if (settings.requireValidConfig() && !errors.isEmpty()) {
      StringBuilder message = new StringBuilder("The cloudflared config " + routes.model().source().location()
          + " is not valid (requireValidConfig = true):\n");
      errors.forEach(f -> message.append("  ").append(f.code()).append(" — ").append(f.subject())
          .append("\n    ").append(f.message()).append("\n    fix: ").append(f.remediation()).append('\n'));
      throw new AssertionError(message.toString(), null);
    }
    return new Loaded(routes, validation);
  }

  /** What one class loaded: the routes (overrides applied) and the static validation report. */
  private record Loaded(TunnelRoutes routes, DiagnosisReport validation) {}

  private record ServiceSwap(String from, Supplier<String> to) {}

  private record Settings(String config, List<ServiceSwap> swaps, @Nullable Resolver resolver, Duration timeout, boolean requireValidConfig) {
    TunnelRoutes routes() {
      TunnelRoutes routes;
      if (config.startsWith("classpath:")) {
        routes = TunnelRoutes.fromClasspath(config);
      } else if (!config.isEmpty()) {
        routes = TunnelRoutes.fromConfig(Path.of(config));
      } else {
        Path found = ConfigLoader.findDefault().orElseThrow(() -> new AssertionError(
            "No cloudflared config found in cloudflared's default places (~/.cloudflared, ~/.cloudflare-warp, "
                + "~/cloudflare-warp, /etc/cloudflared, /usr/local/etc/cloudflared). Name one with config = \"classpath:...\".", null));
        routes = TunnelRoutes.fromConfig(found);
      }
      for (ServiceSwap swap : swaps) {
        routes = routes.withService(swap.from(), Objects.requireNonNull(swap.to().get(), "service override for " + swap.from()));
      }
      if (resolver != null) {
        routes = routes.withResolver(resolver);
      }
      return routes.withTimeout(timeout);
    }
  }

  /** Configures a programmatically registered extension. */
  public static final class Builder {
    private String config = "";
    private final List<ServiceSwap> swaps = new ArrayList<>();
    private @Nullable Resolver resolver;
    private Duration timeout = TunnelRoutes.DEFAULT_TIMEOUT;
    private boolean requireValidConfig = true;

    private Builder() {}

    /** {@code classpath:<resource>} or a file path; empty for cloudflared's default search path. */
    public Builder config(String value) {
      this.config = Objects.requireNonNull(value, "config");
      return this;
    }

    /** Uses {@code to} wherever the config's service is exactly {@code from}. */
    public Builder withService(String from, String to) {
      Objects.requireNonNull(to, "to");
      return withService(from, () -> to);
    }

    /** As {@link #withService(String, String)}, with {@code to} computed when the config is first used (e.g. after the app started). */
    public Builder withService(String from, Supplier<String> to) {
      swaps.add(new ServiceSwap(Objects.requireNonNull(from, "from"), Objects.requireNonNull(to, "to")));
      return this;
    }

    /** Resolves host names with this resolver. */
    public Builder resolver(Resolver value) {
      this.resolver = Objects.requireNonNull(value, "resolver");
      return this;
    }

    /** The time limit of one route's diagnosis; default 10 s. */
    public Builder timeout(Duration value) {
      this.timeout = Objects.requireNonNull(value, "timeout");
      return this;
    }

    /** Whether an invalid config fails every test (default true). */
    public Builder requireValidConfig(boolean value) {
      this.requireValidConfig = value;
      return this;
    }

    public TunnelDiagnosticsExtension build() {
      return new TunnelDiagnosticsExtension(new Settings(config, List.copyOf(swaps), resolver, timeout, requireValidConfig));
    }
  }
}
