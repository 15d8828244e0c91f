package io.github.tunneldiagnostics.doctor;

import io.github.tunneldiagnostics.core.TunnelDiagnostics;
import io.github.tunneldiagnostics.core.internal.config.ConfigLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What the doctor takes from the process it runs in, so that tests can run it in-process.
 *
 * @param environment the environment variables (for {@code NO_COLOR})
 * @param console true when the process has a terminal (System.console() is not null)
 * @param diagnostics how a config file becomes a diagnosis
 * @param progressDelay how long a run may take on a terminal before progress lines appear on stderr
 * @param defaultConfig where {@code diagnose} finds the config when none is given (cloudflared's places)
 * @param withoutConfig the diagnosis {@code diagnose} runs when there is no config file at all (the
 *     running connector's {@code /config} only)
 */
record DoctorContext(
    Map<String, String> environment,
    boolean console,
    Function<Path, TunnelDiagnostics> diagnostics,
    Duration progressDelay,
    Supplier<Optional<Path>> defaultConfig,
    Supplier<TunnelDiagnostics> withoutConfig) {

  DoctorContext {
    environment = Map.copyOf(environment);
    Objects.requireNonNull(diagnostics, "diagnostics");
    Objects.requireNonNull(progressDelay, "progressDelay");
    Objects.requireNonNull(defaultConfig, "defaultConfig");
    Objects.requireNonNull(withoutConfig, "withoutConfig");
  }

  /** A context that finds the default config and connector as cloudflared would. */
  DoctorContext(Map<String, String> environment, boolean console, Function<Path, TunnelDiagnostics> diagnostics, Duration progressDelay) {
    this(environment, console, diagnostics, progressDelay, ConfigLoader::findDefault, TunnelDiagnostics::withoutConfig);
  }

  /** The real process: its environment, whether it has a console, and the library as it is. */
  @SuppressWarnings("SystemConsoleNull") // on JDK 17, null is how a missing terminal shows
  static DoctorContext system() {
    return new DoctorContext(System.getenv(), System.console() != null, TunnelDiagnostics::forConfig, ProgressReporter.MOMENT);
  }

  /** True when {@code NO_COLOR} is set to a non-empty value (no-color.org). */
  boolean noColorRequested() {
    String value = environment.get("NO_COLOR");
    return value != null && !value.isEmpty();
  }
}
