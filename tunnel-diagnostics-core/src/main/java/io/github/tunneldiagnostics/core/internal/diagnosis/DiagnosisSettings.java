package io.github.tunneldiagnostics.core.internal.diagnosis;

import io.github.tunneldiagnostics.api.Diagnosis;
import io.github.tunneldiagnostics.api.DiagnosisListener;
import io.github.tunneldiagnostics.api.check.Check;
import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.check.FindingCode;
import io.github.tunneldiagnostics.api.check.Resolver;
import io.github.tunneldiagnostics.core.internal.resolver.GoResolver;
import io.github.tunneldiagnostics.api.ingress.IngressModel;
import io.github.tunneldiagnostics.core.ConfigException;
import io.github.tunneldiagnostics.core.ConnectorOptions;
import io.github.tunneldiagnostics.core.internal.config.ConfigLoader;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Everything a {@link io.github.tunneldiagnostics.core.TunnelDiagnostics} was configured with, as one
 * immutable value. Change it with {@link #toBuilder()}.
 *
 * @param configFile the config file, read anew by each run; null when a model was given or none
 * @param model a model built or loaded elsewhere; null when a file was given or none
 * @param urls the URLs asked about, in order
 * @param timeout the overall time limit of a run
 * @param checks the custom checks, run after the built-in ones
 * @param resolver the resolver of every host name lookup
 * @param listener hears each check start and finish
 * @param clock the clock of timings and deadlines
 * @param connector how to find the running connector, or null not to look for one
 * @param logs the connector's log files to classify, in order
 * @param discoverChecks whether custom checks are loaded with {@link java.util.ServiceLoader}
 */
public record DiagnosisSettings(
    @Nullable Path configFile,
    @Nullable IngressModel model,
    List<String> urls,
    Duration timeout,
    List<Check> checks,
    Resolver resolver,
    DiagnosisListener listener,
    Clock clock,
    @Nullable ConnectorOptions connector,
    List<Path> logs,
    boolean discoverChecks) {

  public DiagnosisSettings {
    urls = List.copyOf(urls);
    Objects.requireNonNull(timeout, "timeout");
    checks = List.copyOf(checks);
    Objects.requireNonNull(resolver, "resolver");
    Objects.requireNonNull(listener, "listener");
    Objects.requireNonNull(clock, "clock");
    logs = List.copyOf(logs);
  }

  /** Settings with every default and neither a config file nor a model. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these settings. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.configFile = configFile;
    b.model = model;
    b.urls = new ArrayList<>(urls);
    b.timeout = timeout;
    b.checks = new ArrayList<>(checks);
    b.resolver = resolver;
    b.listener = listener;
    b.clock = clock;
    b.connector = connector;
    b.logs = new ArrayList<>(logs);
    b.discoverChecks = discoverChecks;
    return b;
  }

  /** True when a config file or a model was given. */
  public boolean hasConfig() {
    return configFile != null || model != null;
  }

  /**
   * The model: the one given, or the config file loaded now.
   *
   * @throws ConfigException when there is neither, or the file cannot be used
   */
  public IngressModel load() throws ConfigException {
    if (model != null) {
      return model;
    }
    if (configFile == null) {
      throw noConfig();
    }
    return ConfigLoader.load(configFile);
  }

  /** The finding when neither a config file nor a model was given. */
  static ConfigException noConfig() {
    return new ConfigException(
        Finding.error(FindingCode.CONFIG_NOT_FOUND)
            .check("config")
            .subject("config file")
            .message("No config file was given, and none was found in cloudflared's default places.")
            .remediation("Pass the config cloudflared runs with (--config FILE, see the cloudflared process's --config), "
                + "or put it at ~/.cloudflared/config.yml.")
            .evidence("source", "config")
            .build());
  }

  /** Builds {@link DiagnosisSettings}. Not thread-safe. */
  public static final class Builder {
    private @Nullable Path configFile;
    private @Nullable IngressModel model;
    private List<String> urls = new ArrayList<>();
    private Duration timeout = Diagnosis.DEFAULT_TIMEOUT;
    private List<Check> checks = new ArrayList<>();
    private Resolver resolver = GoResolver.system();
    private DiagnosisListener listener = DiagnosisListener.NONE;
    private Clock clock = Clock.systemUTC();
    private @Nullable ConnectorOptions connector = ConnectorOptions.defaults();
    private List<Path> logs = new ArrayList<>();
    private boolean discoverChecks;

    private Builder() {}

    public Builder configFile(@Nullable Path value) {
      this.configFile = value;
      return this;
    }

    public Builder model(@Nullable IngressModel value) {
      this.model = value;
      return this;
    }

    public Builder addUrl(String value) {
      urls.add(Objects.requireNonNull(value, "url"));
      return this;
    }

    public Builder timeout(Duration value) {
      this.timeout = value;
      return this;
    }

    public Builder addCheck(Check value) {
      checks.add(Objects.requireNonNull(value, "check"));
      return this;
    }

    public Builder resolver(Resolver value) {
      this.resolver = value;
      return this;
    }

    public Builder listener(DiagnosisListener value) {
      this.listener = value;
      return this;
    }

    public Builder clock(Clock value) {
      this.clock = value;
      return this;
    }

    public Builder connector(@Nullable ConnectorOptions value) {
      this.connector = value;
      return this;
    }

    public Builder addLog(Path value) {
      logs.add(Objects.requireNonNull(value, "file"));
      return this;
    }

    public Builder discoverChecks(boolean value) {
      this.discoverChecks = value;
      return this;
    }

    public DiagnosisSettings build() {
      return new DiagnosisSettings(
          configFile, model, urls, timeout, checks, resolver, listener, clock, connector, logs, discoverChecks);
    }
  }
}
