package io.github.tunneldiagnostics.core;

import io.github.tunneldiagnostics.api.Diagnosis;
import io.github.tunneldiagnostics.api.DiagnosisListener;
import io.github.tunneldiagnostics.api.DiagnosisReport;
import io.github.tunneldiagnostics.api.LogReport;
import io.github.tunneldiagnostics.api.Verdict;
import io.github.tunneldiagnostics.api.check.Check;
import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.check.FindingCode;
import io.github.tunneldiagnostics.api.check.Resolver;
import io.github.tunneldiagnostics.api.ingress.ConfigSource;
import io.github.tunneldiagnostics.api.ingress.IngressModel;
import io.github.tunneldiagnostics.core.internal.config.ConfigException;
import io.github.tunneldiagnostics.core.internal.connector.ConnectorInspector;
import io.github.tunneldiagnostics.core.internal.connector.ConnectorOptions;
import io.github.tunneldiagnostics.core.internal.connector.ConnectorReport;
import io.github.tunneldiagnostics.core.internal.logs.LogAnalysis;
import io.github.tunneldiagnostics.core.internal.logs.LogClassifier;
import io.github.tunneldiagnostics.core.internal.logs.LogsCheck;
import io.github.tunneldiagnostics.core.internal.probe.OriginCheck;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One run of {@link TunnelDiagnostics#diagnose()} or {@link TunnelDiagnostics#analyzeLogs()}: reads the
 * connector first (its effective ingress decides what is matched and probed), then runs the pipeline.
 */
final class LiveDiagnosis {
  private static final Duration MINIMUM = Duration.ofMillis(1);

  private final TunnelDiagnostics facade;
  private final boolean hasConfig;
  private final LiveSources live;
  private final List<Check> custom;
  private final Duration timeout;
  private final Resolver resolver;
  private final DiagnosisListener listener;
  private final Clock clock;

  LiveDiagnosis(
      TunnelDiagnostics facade, boolean hasConfig, LiveSources live, List<Check> custom, Duration timeout, Resolver resolver,
      DiagnosisListener listener, Clock clock) {
    this.facade = facade;
    this.hasConfig = hasConfig;
    this.live = live;
    this.custom = List.copyOf(custom);
    this.timeout = timeout;
    this.resolver = resolver;
    this.listener = listener;
    this.clock = clock;
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

  DiagnosisReport run() {
    Instant started = clock.instant();
    Instant deadline = started.plus(timeout);
    List<Finding> setup = new ArrayList<>();
    IngressModel file = null;
    if (hasConfig) {
      try {
        file = facade.load();
      } catch (ConfigException e) {
        setup.add(e.finding()); // reported even when the connector's ingress can be diagnosed instead
      }
    }
    ConnectorReport connector = inspectConnector(file, started, deadline);
    IngressModel diagnosed = chooseModel(file, connector);
    if (diagnosed == null) {
      List<Finding> findings = new ArrayList<>(setup);
      if (!hasConfig) {
        findings.add(noConfig().finding());
      }
      if (connector != null) {
        findings.addAll(connector.findings());
      }
      LogReport logs = null;
      if (!live.logs().isEmpty()) {
        LogAnalysis analysis = classifyWithoutModel(deadline, findings);
        logs = analysis == null ? null : analysis.summary();
      }
      return DiagnosisReport.of(started, Duration.between(started, clock.instant()), null, List.of(), findings).withLogs(logs);
    }
    List<Check> builtIn = new ArrayList<>(TunnelDiagnostics.standardStaticChecks());
    builtIn.add(OriginCheck.builder().build());
    if (connector != null) {
      builtIn.add(new ConnectorFindings(connector.findings()));
    }
    LogsCheck logsCheck = live.logs().isEmpty() ? null : new LogsCheck(live.logs());
    if (logsCheck != null) {
      builtIn.add(logsCheck);
    }
    Diagnosis.Builder diagnosis = Diagnosis.builder()
        .ingress(diagnosed)
        .checks(builtIn)
        .checks(custom)
        .routes(facade.routes(diagnosed))
        .timeout(left(deadline))
        .resolver(resolver)
        .listener(listener)
        .clock(clock);
    if (live.discoverChecks()) {
      diagnosis.discoverChecks();
    }
    DiagnosisReport report = withSetup(diagnosis.build().run(), started, setup);
    return logsCheck == null ? report : report.withLogs(logsCheck.lastReport().orElse(null));
  }

  DiagnosisReport logsOnly() {
    Instant started = clock.instant();
    Instant deadline = started.plus(timeout);
    List<Finding> findings = new ArrayList<>();
    IngressModel model = null;
    if (hasConfig) {
      try {
        model = facade.load();
      } catch (ConfigException e) {
        findings.add(e.finding());
      }
    }
    if (model == null) {
      LogAnalysis analysis = classifyWithoutModel(deadline, findings);
      return DiagnosisReport.of(started, Duration.between(started, clock.instant()), null, List.of(), findings)
          .withLogs(analysis == null ? null : analysis.summary());
    }
    LogsCheck logsCheck = new LogsCheck(live.logs());
    return Diagnosis.builder()
        .ingress(model)
        .check(logsCheck)
        .timeout(left(deadline))
        .resolver(resolver)
        .listener(listener)
        .clock(clock)
        .build()
        .run()
        .withLogs(logsCheck.lastReport().orElse(null));
  }

  /** Reads the connector within half of the overall time, so that the probes keep the other half. */
  private @Nullable ConnectorReport inspectConnector(@Nullable IngressModel file, Instant started, Instant deadline) {
    ConnectorOptions options = live.connector();
    if (options == null) {
      return null;
    }
    if (options.fileModel() == null && file != null && file.source().kind() == ConfigSource.Kind.FILE) {
      options = options.toBuilder().fileModel(file).build();
    }
    Instant connectorDeadline = started.plus(Duration.between(started, deadline).dividedBy(2));
    return new ConnectorInspector(options).inspect(connectorDeadline, clock);
  }

  /**
   * The connector's effective ingress when it has any (that is what serves traffic), carrying what the
   * loader noticed about the file; else the file.
   */
  private static @Nullable IngressModel chooseModel(@Nullable IngressModel file, @Nullable ConnectorReport connector) {
    if (connector == null || connector.effective().isEmpty()
        || connector.findings().stream().anyMatch(f -> f.code().equals(FindingCode.NO_INGRESS_LOADED))) {
      return file;
    }
    IngressModel running = connector.effective().get();
    if (file == null) {
      return running;
    }
    return new IngressModel(running.source(), running.tunnel() != null ? running.tunnel() : file.tunnel(), running.originRequest(),
        running.rules(), running.warpRouting(), running.settings(), file.loadFindings());
  }

  /** Classifies the logs without a model, adding the findings to {@code findings}; null when they cannot be read. */
  private @Nullable LogAnalysis classifyWithoutModel(Instant deadline, List<Finding> findings) {
    try {
      LogAnalysis analysis = LogClassifier.builder().ingress(null).deadline(deadline).clock(clock).build().analyze(live.logs());
      findings.addAll(analysis.findings());
      return analysis;
    } catch (IOException e) {
      findings.add(Finding.warning(FindingCode.CHECK_FAILED)
          .check(LogsCheck.ID)
          .subject("connector log")
          .message("The log files could not be read: " + e.getMessage())
          .remediation("Pass the file cloudflared writes (--logfile), or save journalctl -u cloudflared output to a file.")
          .evidence("exception", e.getClass().getName())
          .build());
      return null;
    }
  }

  private Duration left(Instant deadline) {
    Duration left = Duration.between(clock.instant(), deadline);
    return left.compareTo(MINIMUM) < 0 ? MINIMUM : left;
  }

  /** The report with the findings made before the pipeline ran (a config file that did not load). */
  private DiagnosisReport withSetup(DiagnosisReport report, Instant started, List<Finding> setup) {
    if (setup.isEmpty()) {
      return report;
    }
    List<Finding> findings = new ArrayList<>(setup);
    findings.addAll(report.findings());
    return new DiagnosisReport(Verdict.of(findings), started, Duration.between(started, clock.instant()), report.ingress(),
        report.routes(), findings, report.results());
  }
}
