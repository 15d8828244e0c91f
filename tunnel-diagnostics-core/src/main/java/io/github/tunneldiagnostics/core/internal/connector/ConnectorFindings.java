package io.github.tunneldiagnostics.core.internal.connector;

import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.check.FindingCode;
import io.github.tunneldiagnostics.api.ingress.IngressModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The connector findings whose wording takes more than a few lines. */
final class ConnectorFindings {
  private static final String CHECK_ID = ConnectorInspector.CHECK_ID;
  private static final String HA_NOTE =
      "cloudflared_tunnel_ha_connections counts connection attempts (incremented before registration), not live connections; /ready's readyConnections is the live count";

  private ConnectorFindings() {}

  static Finding notFound(List<String> candidates, Map<String, String> named, Map<String, String> attempts, List<ConnectorProcess> processes) {
    Finding.Builder b;
    if (!named.isEmpty()) {
      String address = named.keySet().iterator().next();
      b =
          Finding.error(FindingCode.CONNECTOR_NOT_FOUND)
              .subject(address)
              .message(
                  "No cloudflared metrics server answers at "
                      + String.join(", ", named.keySet())
                      + " ("
                      + attempts.getOrDefault(address, "not tried")
                      + "): the connector is not running, or its metrics server listens elsewhere; visitors get 530 / error 1033 when no connector runs.")
              .remediation(
                  "Start cloudflared (e.g. sudo systemctl start cloudflared) and check its log; if it runs, pass the address it prints in 'Starting metrics server on <address>/metrics' with --metrics.");
      named.forEach((a, who) -> b.evidence("namedBy." + a, who));
    } else {
      b =
          Finding.info(FindingCode.CONNECTOR_NOT_FOUND)
              .subject(String.join(", ", candidates))
              .message(
                  "No cloudflared metrics server answers on "
                      + String.join(", ", candidates)
                      + "; connectors before 2024.12 pick a random metrics port, so the running connector was not checked.")
              .remediation(
                  "Run cloudflared with --metrics localhost:20241 (or metrics: localhost:20241 in config.yml) and pass --metrics localhost:20241, or pass the address from its log line 'Starting metrics server on <address>/metrics'.");
    }
    b.check(CHECK_ID).evidence("source", "metrics");
    attempts.forEach((a, result) -> b.evidence("tried." + a, result));
    for (ConnectorProcess p : processes) {
      b.evidence("process." + p.pid(), processSummary(p));
    }
    return b.build();
  }

  private static String processSummary(ConnectorProcess p) {
    List<String> parts = new ArrayList<>();
    parts.add("metrics " + (p.metricsAddress() == null ? "not set (random port before 2024.12)" : p.metricsAddress()));
    if (p.configPath() != null) {
      parts.add("config " + p.configPath());
    }
    if (p.tunnelReference() != null) {
      parts.add("tunnel " + p.tunnelReference());
    }
    if (p.usesToken()) {
      parts.add("runs with a token (remotely managed)");
    }
    return String.join(", ", parts);
  }

  static void readiness(List<Finding> findings, int expectedConnections, String address, ReadyStatus ready, Map<String, String> metrics, List<String> others) {
    Finding.Builder b = null;
    if (!ready.isReady()) {
      b =
          Finding.error(FindingCode.CONNECTOR_NOT_READY)
              .message(
                  "The connector at "
                      + address
                      + " has no connection registered with Cloudflare's edge (/ready: HTTP "
                      + ready.httpStatus()
                      + ", readyConnections "
                      + ready.readyConnections()
                      + "): visitors get 530 / error 1033.")
              .remediation(
                  "Check the connector's log for edge errors: allow outbound UDP and TCP 7844 (or run with --protocol http2 when only TCP is open), and check its credentials or token.");
    } else if (ready.readyConnections() < expectedConnections) {
      b =
          Finding.warning(FindingCode.CONNECTOR_DEGRADED)
              .message(
                  "The connector at "
                      + address
                      + " has "
                      + ready.readyConnections()
                      + " of "
                      + expectedConnections
                      + " edge connections ready: requests still work, but a failing connection is not covered.")
              .remediation(
                  "Check the connector's log for edge errors (UDP 7844 blocked, flapping QUIC); try --protocol http2 if QUIC connections keep dropping.");
    }
    if (b == null) {
      return;
    }
    Finding.Builder finding = b;
    b.check(CHECK_ID).subject(address).evidence("source", "metrics").evidence("readyConnections", ready.readyConnections()).evidence("httpStatus", ready.httpStatus());
    if (ready.connectorId() != null) {
      b.evidence("connectorId", ready.connectorId());
    }
    metrics.forEach((k, v) -> finding.evidence("metrics." + k, v));
    if (metrics.containsKey("haConnections")) {
      b.evidence("note", HA_NOTE);
    }
    if (!others.isEmpty()) {
      b.evidence("otherConnectors", String.join(", ", others));
    }
    findings.add(b.build());
  }

  static Finding drift(String address, IngressModel file, List<ConfigDrift.Difference> differences, @Nullable String runningConfigFile) {
    List<String> shown = new ArrayList<>();
    for (int i = 0; i < Math.min(3, differences.size()); i++) {
      shown.add(differences.get(i).describe());
    }
    String more = differences.size() > 3 ? "; and " + (differences.size() - 3) + " more" : "";
    Finding.Builder b =
        Finding.error(FindingCode.CONNECTOR_CONFIG_DRIFT)
            .check(CHECK_ID)
            .subject(address)
            .message(
                "The connector at "
                    + address
                    + " runs an ingress that differs from "
                    + file.source().location()
                    + " ("
                    + String.join("; ", shown)
                    + more
                    + "): it still serves the configuration it read at start-up.")
            .remediation(
                "Restart cloudflared (e.g. sudo systemctl restart cloudflared) so it reads "
                    + file.source().location()
                    + "; cloudflared reads a local config only at start-up. If it was started with another --config, point it at this file.")
            .evidence("source", "metrics")
            .evidence("differences", differences.size());
    if (runningConfigFile != null) {
      b.evidence("runningConfigFile", runningConfigFile);
      Path fileOnDisk = file.source().file();
      if (fileOnDisk != null && !fileOnDisk.toString().equals(runningConfigFile)) {
        b.evidence(
            "note",
            "the connector was started with --config " + runningConfigFile + ", not " + file.source().location() + ": edit that file, or start it with this one");
      }
    }
    for (int i = 0; i < differences.size() && i < 50; i++) {
      ConfigDrift.Difference d = differences.get(i);
      b.evidence("difference." + (i + 1), d.describe());
    }
    differences.stream().mapToInt(ConfigDrift.Difference::rule).min().ifPresent(b::rule);
    return b.build();
  }
}
