package io.github.tunneldiagnostics.core.internal.cloudflareapi;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A1 {@code GET /accounts/{account}/cfd_tunnel/{id}}: the tunnel as the account sees it.
 *
 * @param id the tunnel id
 * @param name its name
 * @param status {@code inactive} (never ran), {@code degraded}, {@code healthy} or {@code down}
 * @param configSource {@code local} or {@code cloudflare} (from {@code config_src}, else {@code remote_config})
 * @param inactiveSince {@code conns_inactive_at}, or null
 */
public record TunnelInfo(String id, String name, String status, String configSource, @Nullable String inactiveSince) {
  static TunnelInfo from(Map<String, Object> result) {
    String source = Json.string(result, "config_src");
    if (source == null) {
      source = Json.bool(result, "remote_config") ? "cloudflare" : "local";
    }
    String id = Json.string(result, "id");
    String name = Json.string(result, "name");
    String status = Json.string(result, "status");
    return new TunnelInfo(id != null ? id : "", name != null ? name : "", status != null ? status : "unknown", source,
        Json.string(result, "conns_inactive_at"));
  }

  /** Whether the edge has no connector for it (visitors get 530 / 1033). */
  public boolean withoutConnector() {
    return status.equals("down") || status.equals("inactive");
  }
}
