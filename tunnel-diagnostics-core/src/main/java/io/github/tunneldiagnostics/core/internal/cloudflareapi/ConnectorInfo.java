package io.github.tunneldiagnostics.core.internal.cloudflareapi;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One connector (cloudflared replica) of A2 {@code GET …/cfd_tunnel/{id}/connections}.
 *
 * @param id the connector id (cloudflared's {@code connectorID}, the origin's {@code Cf-Warp-Tag-Id})
 * @param version the cloudflared version
 * @param configVersion the remote configuration version it runs
 * @param arch e.g. {@code linux_amd64}
 * @param colos the data centres of its connections, e.g. {@code [AMS, FRA]}
 * @param originIps the public addresses of its host, as seen by the edge
 * @param activeConnections connections not pending reconnect
 */
public record ConnectorInfo(
    String id, String version, long configVersion, String arch, List<String> colos, List<String> originIps, int activeConnections) {

  public ConnectorInfo {
    colos = List.copyOf(colos);
    originIps = List.copyOf(originIps);
  }

  static ConnectorInfo from(Map<String, Object> client) {
    Set<String> colos = new LinkedHashSet<>();
    Set<String> ips = new LinkedHashSet<>();
    int active = 0;
    for (Object item : Json.array(client.get("conns"))) {
      Map<String, Object> conn = Json.object(item);
      String colo = Json.string(conn, "colo_name");
      if (colo != null) {
        colos.add(colo);
      }
      String ip = Json.string(conn, "origin_ip");
      if (ip != null) {
        ips.add(ip);
      }
      if (!Json.bool(conn, "is_pending_reconnect")) {
        active++;
      }
    }
    String id = Json.string(client, "id");
    String version = Json.string(client, "version");
    String arch = Json.string(client, "arch");
    return new ConnectorInfo(id != null ? id : "", version != null ? version : "unknown", Json.number(client, "config_version", -1),
        arch != null ? arch : "unknown", new ArrayList<>(colos), new ArrayList<>(ips), active);
  }

  /** {@code 1bedc50d… (2026.8.2, config v7, AMS, 203.0.113.7)}. */
  public String describe() {
    return id + " (cloudflared " + version + ", config version " + configVersion
        + (colos.isEmpty() ? "" : ", " + String.join("/", colos))
        + (originIps.isEmpty() ? "" : ", from " + String.join("/", originIps)) + ")";
  }
}
