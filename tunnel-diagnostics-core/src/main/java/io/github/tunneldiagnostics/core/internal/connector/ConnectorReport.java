package io.github.tunneldiagnostics.core.internal.connector;

import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.ingress.IngressModel;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What was learnt about the running connector.
 *
 * @param findings the {@code CONNECTOR_*} (and {@code NO_INGRESS_LOADED}) findings, possibly empty
 * @param address the metrics address that answered, or null when none did
 * @param ready its {@code /ready}, or null
 * @param effectiveModel the ingress it really serves, read from {@code /config} (its {@link
 *     IngressModel#source()} says so), or null when unavailable
 * @param tunnel its {@code /diag/tunnel} (2024.12+), or null for older connectors
 * @param metrics selected {@code /metrics} values (request errors, responses by code, HA connections,
 *     config version, build version)
 * @param processes the cloudflared processes found in {@code /proc}
 * @param rawConfig the {@code /config} JSON the effective model was read from, or null
 */
public record ConnectorReport(
    List<Finding> findings,
    @Nullable String address,
    @Nullable ReadyStatus ready,
    @Nullable IngressModel effectiveModel,
    @Nullable TunnelState tunnel,
    Map<String, String> metrics,
    List<ConnectorProcess> processes,
    @Nullable String rawConfig) {

  /** A report without the raw {@code /config} text. */
  public ConnectorReport(List<Finding> findings, @Nullable String address, @Nullable ReadyStatus ready, @Nullable IngressModel effectiveModel,
      @Nullable TunnelState tunnel, Map<String, String> metrics, List<ConnectorProcess> processes) {
    this(findings, address, ready, effectiveModel, tunnel, metrics, processes, null);
  }

  public ConnectorReport {
    findings = List.copyOf(findings);
    metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    processes = List.copyOf(processes);
  }

  /** The model to match and probe against: what actually serves traffic, when it could be read. */
  public Optional<IngressModel> effective() {
    return Optional.ofNullable(effectiveModel);
  }

  /** True when a connector answered. */
  public boolean found() {
    return address != null;
  }
}
