package io.github.tunneldiagnostics.core.internal.cloudflareapi;

import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.check.FindingCode;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/** The tunnel's side of the account: status, config source, connectors and the remote configuration. */
final class TunnelReview {
  private final AccountReader reader;
  private final @Nullable String tunnelId;
  private final String auth;
  private final boolean fileIngress;

  TunnelReview(AccountReader reader, @Nullable String tunnelId, String auth, boolean fileIngress) {
    this.reader = reader;
    this.tunnelId = tunnelId;
    this.auth = auth;
    this.fileIngress = fileIngress;
  }

  /** Adds the findings; false when the token was rejected (no further call can succeed). */
  boolean review(List<Finding> findings) throws ApiUnavailableException {
    if (tunnelId == null) {
      findings.add(ApiFindings.skipped("no tunnel id", "The tunnel's status, connectors and remote configuration were not read: "
          + "the tunnel id is unknown (no tunnel: in the config, no credentials file, no running connector).",
          "Put the tunnel's UUID in the config (tunnel: <uuid>), or pass --credentials.", "tunnel"));
      return true;
    }
    String subject = "tunnel " + tunnelId;
    ApiReply reply = reader.tunnel(tunnelId);
    if (reply.httpStatus() == 404) {
      findings.add(Finding.warning(FindingCode.CHECK_FAILED).check(CloudflareApiCheck.ID).subject(subject)
          .message("Tunnel " + tunnelId + " is not in account " + accountOf(reply) + " (HTTP 404: "
              + reply.errorText() + "): it was deleted, or it belongs to another account.")
          .remediation("Check CLOUDFLARE_ACCOUNT_ID against the credentials file's AccountTag; a deleted tunnel needs a new one "
              + "(cloudflared tunnel create) and its hostnames routed to it.")
          .evidence(CloudflareApiCheck.evidence(reply, auth)).evidence("api.errorCodes", reply.errorCodes()).build());
      return true;
    }
    if (!reply.ok()) {
      findings.add(ApiFindings.problem(reply, ApiFindings.TUNNEL_READ, "reading tunnel " + tunnelId, auth));
      return !ApiFindings.tokenRejected(reply);
    }
    TunnelInfo tunnel = AccountReader.tunnelOf(reply);
    if (tunnel.withoutConnector()) {
      findings.add(Finding.error(FindingCode.EDGE_TUNNEL_UNAVAILABLE).check(CloudflareApiCheck.ID).subject(subject)
          .message("The account shows tunnel " + tunnelId + " (" + tunnel.name() + ") as " + tunnel.status()
              + (tunnel.inactiveSince() != null ? " since " + tunnel.inactiveSince() : "")
              + ": no connector is connected, so every hostname routed to it answers 530 / error 1033.")
          .remediation("Start cloudflared for this tunnel (cloudflared tunnel run " + tunnelId + ") and check that it connects (its /ready).")
          .evidence(CloudflareApiCheck.evidence(reply, auth)).evidence("api.status", tunnel.status()).build());
    }
    if (tunnel.configSource().equals("cloudflare")) {
      findings.add(Finding.warning(FindingCode.CONNECTOR_REMOTE_CONFIG).check(CloudflareApiCheck.ID).subject(subject)
          .message("Tunnel " + tunnelId + " is managed remotely (config_src cloudflare): its connectors serve the ingress set in the "
              + "dashboard or API" + (fileIngress ? ", and the config file's ingress is ignored." : "."))
          .remediation(fileIngress
              ? "Change the public hostnames in the dashboard (Zero Trust › Networks › Tunnels), or remove the remote configuration to use the file."
              : "Change the public hostnames in the dashboard (Zero Trust › Networks › Tunnels) or with the API.")
          .evidence(CloudflareApiCheck.evidence(reply, auth)).evidence("api.configSource", tunnel.configSource()).build());
    }
    ApiReply connections = reader.connections(tunnelId);
    List<ConnectorInfo> connectors = List.of();
    if (connections.ok()) {
      connectors = AccountReader.connectorsOf(connections);
      divergence(subject, connections, connectors, findings);
    } else {
      findings.add(ApiFindings.problem(connections, ApiFindings.TUNNEL_READ, "listing the connectors of tunnel " + tunnelId, auth));
      if (ApiFindings.tokenRejected(connections)) {
        return false;
      }
    }
    if (tunnel.configSource().equals("cloudflare")) {
      ApiReply configuration = reader.configuration(tunnelId);
      if (!configuration.ok()) {
        findings.add(ApiFindings.problem(configuration, ApiFindings.TUNNEL_READ, "reading the remote configuration of tunnel " + tunnelId, auth));
        return !ApiFindings.tokenRejected(configuration);
      }
      undelivered(subject, configuration, AccountReader.configurationOf(configuration), connectors, findings);
    }
    return true;
  }

  private void divergence(String subject, ApiReply reply, List<ConnectorInfo> connectors, List<Finding> findings) {
    if (connectors.size() < 2) {
      return;
    }
    Set<Long> configVersions = new LinkedHashSet<>();
    Set<String> versions = new LinkedHashSet<>();
    for (ConnectorInfo connector : connectors) {
      configVersions.add(connector.configVersion());
      versions.add(connector.version());
    }
    if (configVersions.size() < 2 && versions.size() < 2) {
      return;
    }
    String differ = configVersions.size() > 1 && versions.size() > 1 ? "config versions " + join(configVersions) + " and cloudflared versions " + join(versions)
        : configVersions.size() > 1 ? "config versions " + join(configVersions) : "cloudflared versions " + join(versions);
    findings.add(Finding.warning(FindingCode.CONNECTOR_CONFIG_DIVERGENT).check(CloudflareApiCheck.ID).subject(subject)
        .message("The " + connectors.size() + " connectors of tunnel " + tunnelId + " run different " + differ + ": a visitor's answer depends on "
            + "the connection the edge picks. Connectors: " + connectors.stream().map(ConnectorInfo::describe).collect(Collectors.joining("; ")) + ".")
        .remediation("Restart (or upgrade) the connectors that lag so that all run the same cloudflared and configuration.")
        .evidence(CloudflareApiCheck.evidence(reply, auth))
        .evidence("connectors", connectors.stream().map(ConnectorInfo::describe).collect(Collectors.joining("; ")))
        .build());
  }

  private void undelivered(
      String subject, ApiReply reply, RemoteConfiguration remote, List<ConnectorInfo> connectors, List<Finding> findings) {
    if (!remote.hasIngress() || connectors.isEmpty()) {
      return;
    }
    List<ConnectorInfo> behind = connectors.stream().filter(c -> c.configVersion() < remote.version()).toList();
    if (behind.size() != connectors.size()) {
      return; // at least one runs it; lagging replicas are CONNECTOR_CONFIG_DIVERGENT
    }
    findings.add(Finding.error(FindingCode.REMOTE_CONFIG_NOT_DELIVERED).check(CloudflareApiCheck.ID).subject(subject)
        .message("The remote configuration of tunnel " + tunnelId + " is at version " + remote.version() + " (" + remote.rules().size()
            + " ingress rules), but no connector runs it: " + connectors.stream().map(ConnectorInfo::describe).collect(Collectors.joining("; "))
            + ". They answer with cloudflared's default rule (503) instead.")
        .remediation("Restart the connectors with the tunnel's token (cloudflared tunnel run --token …) so that they fetch the configuration; "
            + "check that they can reach the edge (outbound 7844) and are not started with a local --config that pins them.")
        .evidence(CloudflareApiCheck.evidence(reply, auth))
        .evidence("api.configVersion", remote.version())
        .evidence("api.rules", String.join("; ", remote.rules()))
        .build());
  }

  private static String accountOf(ApiReply reply) {
    String endpoint = reply.endpoint();
    int start = endpoint.indexOf("/accounts/") + "/accounts/".length();
    int end = endpoint.indexOf('/', start);
    return start > "/accounts/".length() - 1 && end > start ? endpoint.substring(start, end) : "?";
  }

  private static String join(Set<?> values) {
    return values.stream().map(String::valueOf).collect(Collectors.joining(" / "));
  }
}
