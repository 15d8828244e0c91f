package io.github.tunneldiagnostics.core.internal.diagnosis;

import io.github.tunneldiagnostics.api.Diagnosis;
import io.github.tunneldiagnostics.api.DiagnosisReport;
import io.github.tunneldiagnostics.api.LogReport;
import io.github.tunneldiagnostics.api.Verdict;
import io.github.tunneldiagnostics.api.check.Check;
import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.check.FindingCode;
import io.github.tunneldiagnostics.api.ingress.ConfigSource;
import io.github.tunneldiagnostics.api.ingress.IngressModel;
import io.github.tunneldiagnostics.core.ConfigException;
import io.github.tunneldiagnostics.core.ConnectorOptions;
import io.github.tunneldiagnostics.core.internal.config.CheckSite;
import io.github.tunneldiagnostics.core.internal.cloudflareapi.ApiSettings;
import io.github.tunneldiagnostics.core.internal.cloudflareapi.CloudflareApiCheck;
import io.github.tunneldiagnostics.core.internal.connector.ConnectorInspector;
import io.github.tunneldiagnostics.core.internal.connector.ConnectorReport;
import io.github.tunneldiagnostics.core.internal.logs.LogAnalysis;
import io.github.tunneldiagnostics.core.internal.logs.LogClassifier;
import io.github.tunneldiagnostics.core.internal.logs.LogsCheck;
import io.github.tunneldiagnostics.core.internal.probe.OriginCheck;
import io.github.tunneldiagnostics.core.internal.seat.HostConnectors;
import io.github.tunneldiagnostics.core.internal.seat.SeatPlan;
import io.github.tunneldiagnostics.core.internal.vantage.ServiceUnits;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One network diagnosis, or one log classification: reads the connector first (its effective ingress
 * decides what is matched and probed), then runs the pipeline.
 */
public final class LiveDiagnosis {
  private static final Duration MINIMUM = Duration.ofMillis(1);

  private final DiagnosisSettings settings;

  public LiveDiagnosis(DiagnosisSettings settings) {
    this.settings = settings;
  }

  /** The static checks, the connector, the origin probes, the logs and the custom checks. */
  public DiagnosisReport run() {
    Instant started = settings.clock().instant();
    Instant deadline = started.plus(settings.timeout());
    List<Finding> setup = new ArrayList<>();
    IngressModel file = null;
    if (settings.hasConfig()) {
      try {
        file = settings.load();
      } catch (ConfigException e) {
        setup.add(e.finding()); // reported even when the connector's ingress can be diagnosed instead
      }
    }
    SeatPlan seat = settings.connector() == null ? null
        : SeatPlan.prepare(settings.connector(), started.plus(Duration.between(started, deadline).dividedBy(2)), settings.clock());
    ConnectorReport connector = inspectConnector(seat, file, started, deadline);
    IngressModel diagnosed = chooseModel(file, connector);
    String tunnelId = PublicHalf.localTunnelId(diagnosed != null ? diagnosed : file, connector);
    ApiSettings api = settings.cloudflareApi() != null ? PublicHalf.withAccount(settings.cloudflareApi(), file) : null;
    if (api != null && tunnelId != null && (diagnosed == null || diagnosed.source().kind() != ConfigSource.Kind.CONNECTOR)) {
      IngressModel remote = PublicHalf.remoteIngress(api, tunnelId, file, settings.clock(), settings.clock().instant().plus(Duration.between(settings.clock().instant(), deadline).dividedBy(2)));
      if (remote != null) {
        diagnosed = remote; // a remotely managed tunnel serves the dashboard's rules: match and probe those
      }
    }
    if (diagnosed == null) {
      List<Finding> findings = new ArrayList<>(setup);
      if (!settings.hasConfig()) {
        findings.add(DiagnosisSettings.noConfig().finding());
      }
      if (connector != null) {
        findings.addAll(connector.findings());
      }
      if (seat != null) {
        findings.addAll(seat.findings());
      }
      LogReport logs = null;
      if (!settings.logs().isEmpty()) {
        LogAnalysis analysis = classifyWithoutModel(deadline, findings);
        logs = analysis == null ? null : analysis.summary();
      }
      return DiagnosisReport.of(started, Duration.between(started, settings.clock().instant()), null, List.of(), findings).withLogs(logs);
    }
    List<Check> builtIn = new ArrayList<>(StandardChecks.staticChecks(CheckSite.CONNECTOR_HOST));
    OriginCheck hostOrigin = OriginCheck.builder().build();
    builtIn.add(seat == null ? hostOrigin : seat.originCheck(diagnosed, connector == null ? null : connector.rawConfig(), hostOrigin));
    if (connector != null || seat != null) {
      List<Finding> connectorFindings = new ArrayList<>(connector == null ? List.of() : connector.findings());
      if (seat != null) {
        connectorFindings.addAll(seat.findings());
      }
      builtIn.add(new PrereadConnectorCheck(connectorFindings));
    }
    LogsCheck logsCheck = settings.logs().isEmpty() ? null : new LogsCheck(settings.logs());
    if (logsCheck != null) {
      builtIn.add(logsCheck);
    }
    if (settings.publicRoute() != null) {
      builtIn.add(PublicHalf.publicCheck(settings.publicRoute(), tunnelId, settings.logs(), connector));
    }
    if (api != null) {
      builtIn.add(new CloudflareApiCheck(api, tunnelId));
    }
    Diagnosis.Builder diagnosis = Diagnosis.builder()
        .ingress(diagnosed)
        .checks(builtIn)
        .checks(settings.checks())
        .routes(UrlRoutes.routes(settings.urls(), diagnosed))
        .timeout(left(deadline))
        .resolver(settings.resolver())
        .listener(settings.listener())
        .clock(settings.clock());
    if (settings.discoverChecks()) {
      diagnosis.discoverChecks();
    }
    DiagnosisReport report = withSetup(diagnosis.build().run(), started, setup);
    return logsCheck == null ? report : report.withLogs(logsCheck.lastReport().orElse(null));
  }

  /** The log files classified, against the config's rules when there is a config. */
  public DiagnosisReport logsOnly() {
    Instant started = settings.clock().instant();
    Instant deadline = started.plus(settings.timeout());
    List<Finding> findings = new ArrayList<>();
    IngressModel model = null;
    if (settings.hasConfig()) {
      try {
        model = settings.load();
      } catch (ConfigException e) {
        findings.add(e.finding());
      }
    }
    if (model == null) {
      LogAnalysis analysis = classifyWithoutModel(deadline, findings);
      return DiagnosisReport.of(started, Duration.between(started, settings.clock().instant()), null, List.of(), findings)
          .withLogs(analysis == null ? null : analysis.summary());
    }
    LogsCheck logsCheck = new LogsCheck(settings.logs());
    return Diagnosis.builder()
        .ingress(model)
        .check(logsCheck)
        .timeout(left(deadline))
        .resolver(settings.resolver())
        .listener(settings.listener())
        .clock(settings.clock())
        .build()
        .run()
        .withLogs(logsCheck.lastReport().orElse(null));
  }

  /** Reads the connector within half of the overall time, so that the probes keep the other half. */
  private @Nullable ConnectorReport inspectConnector(@Nullable SeatPlan seat, @Nullable IngressModel file, Instant started, Instant deadline) {
    if (seat == null) {
      return null;
    }
    ConnectorOptions options = seat.options();
    if (options.fileModel() == null && file != null && file.source().kind() == ConfigSource.Kind.FILE) {
      options = options.toBuilder().fileModel(file).build();
    }
    Instant connectorDeadline = started.plus(Duration.between(started, deadline).dividedBy(2));
    ConnectorReport primary = new ConnectorInspector(options, seat.transport()).inspect(connectorDeadline, settings.clock());
    List<Finding> reviewed = HostConnectors.review(seat, primary, file, ServiceUnits.DIRECTORIES, connectorDeadline, settings.clock());
    return new ConnectorReport(reviewed, primary.address(), primary.ready(), primary.effectiveModel(), primary.tunnel(), primary.metrics(),
        primary.processes(), primary.rawConfig());
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
    return running.toBuilder()
        .tunnel(running.tunnel() != null ? running.tunnel() : file.tunnel())
        .loadFindings(file.loadFindings())
        .build();
  }

  /** Classifies the logs without a model, adding the findings to {@code findings}; null when they cannot be read. */
  private @Nullable LogAnalysis classifyWithoutModel(Instant deadline, List<Finding> findings) {
    try {
      LogAnalysis analysis = LogClassifier.builder().ingress(null).deadline(deadline).clock(settings.clock()).build().analyze(settings.logs());
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
    Duration left = Duration.between(settings.clock().instant(), deadline);
    return left.compareTo(MINIMUM) < 0 ? MINIMUM : left;
  }

  /** The report with the findings made before the pipeline ran (a config file that did not load). */
  private DiagnosisReport withSetup(DiagnosisReport report, Instant started, List<Finding> setup) {
    if (setup.isEmpty()) {
      return report;
    }
    List<Finding> findings = new ArrayList<>(setup);
    findings.addAll(report.findings());
    return new DiagnosisReport(Verdict.of(findings), started, Duration.between(started, settings.clock().instant()), report.ingress(),
        report.routes(), findings, report.results());
  }
}
