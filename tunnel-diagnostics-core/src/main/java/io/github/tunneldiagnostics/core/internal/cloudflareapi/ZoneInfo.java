package io.github.tunneldiagnostics.core.internal.cloudflareapi;

import java.util.Map;

/**
 * One zone of Z1 {@code GET /zones?name=…}.
 *
 * @param id the zone id
 * @param name the zone apex, e.g. {@code example.com}
 * @param accountId the account that owns it
 */
public record ZoneInfo(String id, String name, String accountId) {
  static ZoneInfo from(Map<String, Object> zone) {
    String id = Json.string(zone, "id");
    String name = Json.string(zone, "name");
    String account = Json.string(Json.object(zone.get("account")), "id");
    return new ZoneInfo(id != null ? id : "", name != null ? name : "", account != null ? account : "");
  }
}
