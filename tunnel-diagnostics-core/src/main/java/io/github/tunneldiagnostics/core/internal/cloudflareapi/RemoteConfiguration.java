package io.github.tunneldiagnostics.core.internal.cloudflareapi;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A3 {@code GET …/cfd_tunnel/{id}/configurations}: the remote configuration.
 *
 * @param version its version
 * @param source {@code cloudflare} or {@code local}
 * @param json {@code {"version":…,"config":{…}}}, the shape a connector serves at {@code /config}
 * @param rules one line per ingress rule, {@code hostname → service} (catch-all: {@code * → service})
 */
public record RemoteConfiguration(long version, String source, String json, List<String> rules) {
  public RemoteConfiguration {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(json, "json");
    rules = List.copyOf(rules);
  }

  static RemoteConfiguration from(Map<String, Object> result) {
    Map<String, Object> config = Json.object(result.get("config"));
    List<String> rules = new ArrayList<>();
    for (Object item : Json.array(config.get("ingress"))) {
      Map<String, Object> rule = Json.object(item);
      String hostname = Json.string(rule, "hostname");
      String path = Json.string(rule, "path");
      rules.add((hostname == null || hostname.isEmpty() ? "*" : hostname) + (path == null || path.isEmpty() ? "" : " " + path)
          + " → " + Json.string(rule, "service"));
    }
    long version = Json.number(result, "version", 0);
    String source = Json.string(result, "source");
    String json = "{\"version\":" + version + ",\"config\":" + Json.write(config.isEmpty() ? Map.of() : config) + "}";
    return new RemoteConfiguration(version, source != null ? source : "cloudflare", json, rules);
  }

  /** Whether it holds any ingress rule. */
  public boolean hasIngress() {
    return !rules.isEmpty();
  }
}
