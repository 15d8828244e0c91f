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
import org.jspecify.annotations.Nullable;

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
 * @param stderrTerminal true when stderr is a terminal that understands escape codes: progress is then one
 *     line rewritten in place, else plain lines
 */
record DoctorContext(
    Map<String, String> environment,
    boolean console,
    Function<Path, TunnelDiagnostics> diagnostics,
    Duration progressDelay,
    Supplier<Optional<Path>> defaultConfig,
    Supplier<TunnelDiagnostics> withoutConfig,
    boolean stderrTerminal) {

  DoctorContext {
    environment = Map.copyOf(environment);
    Objects.requireNonNull(diagnostics, "diagnostics");
    Objects.requireNonNull(progressDelay, "progressDelay");
    Objects.requireNonNull(defaultConfig, "defaultConfig");
    Objects.requireNonNull(withoutConfig, "withoutConfig");
  }

  /** A context whose stderr is a terminal exactly when it has a console. */
  DoctorContext(Map<String, String> environment, boolean console, Function<Path, TunnelDiagnostics> diagnostics, Duration progressDelay,
      Supplier<Optional<Path>> defaultConfig, Supplier<TunnelDiagnostics> withoutConfig) {
    this(environment, console, diagnostics, progressDelay, defaultConfig, withoutConfig, console);
  }

  /** A context that finds the default config and connector as cloudflared would. */
  DoctorContext(Map<String, String> environment, boolean console, Function<Path, TunnelDiagnostics> diagnostics, Duration progressDelay) {
    this(environment, console, diagnostics, progressDelay, ConfigLoader::findDefault, TunnelDiagnostics::withoutConfig);
  }

  /** The real process: its environment, whether it has a console, and the library as it is. */
  @SuppressWarnings("SystemConsoleNull") // on JDK 17, null is how a missing terminal shows
  static DoctorContext system() {
    Map<String, String> environment = System.getenv();
    return new DoctorContext(environment, System.console() != null, TunnelDiagnostics::forConfig, MOMENT, ConfigLoader::findDefault,
        TunnelDiagnostics::withoutConfig, stderrIsTerminal(environment, System.getProperty(STDERR_PROPERTY), System.console() != null));
  }

  /** How long a run may take before progress appears on stderr. */
  static final Duration MOMENT = Duration.ofSeconds(1);

  /** Set by the {@code ./tunnel-doctor} launcher, which can ask the shell ({@code -t 2}): {@code terminal} or {@code other}. */
  static final String STDERR_PROPERTY = "tunnel-doctor.stderr";

  /**
   * True when escape codes may go to stderr: a {@code TERM} other than {@code dumb}, and stderr a terminal as
   * the launcher saw it (else, without the launcher, as {@link System#console()} suggests: Java cannot ask
   * about stderr itself).
   */
  static boolean stderrIsTerminal(Map<String, String> environment, @Nullable String launcherSays, boolean console) {
    String term = environment.get("TERM");
    if (term == null || term.isEmpty() || term.equals("dumb")) {
      return false;
    }
    return launcherSays != null ? launcherSays.equals("terminal") : console;
  }

  /** How progress is shown on stderr. */
  ProgressLine.Mode progressMode() {
    return stderrTerminal ? ProgressLine.Mode.TERMINAL : ProgressLine.Mode.PLAIN;
  }

  /** The terminal's width from {@code COLUMNS}, else 80. */
  int columns() {
    String columns = environment.get("COLUMNS");
    try {
      return columns == null ? 80 : Math.max(20, Integer.parseInt(columns.trim()));
    } catch (NumberFormatException e) {
      return 80;
    }
  }

  /** A progress line for one run on stderr, started now. */
  ProgressLine progress(java.io.PrintWriter err) {
    return ProgressLine.start(err, progressMode(), progressDelay, columns());
  }

  /** True when {@code NO_COLOR} is set to a non-empty value (no-color.org). */
  boolean noColorRequested() {
    String value = environment.get("NO_COLOR");
    return value != null && !value.isEmpty();
  }
}
