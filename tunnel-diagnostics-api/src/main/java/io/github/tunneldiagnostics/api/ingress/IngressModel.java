package io.github.tunneldiagnostics.api.ingress;

import io.github.tunneldiagnostics.api.check.Finding;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A cloudflared configuration as the connector reads it: the tunnel reference, the top-level
 * {@code originRequest}, the ingress rules in order, {@code warp-routing}, and every other top-level
 * setting.
 *
 * @param source where it came from
 * @param tunnel the {@code tunnel:} value (UUID or name), or null
 * @param originRequest the top-level {@code originRequest} merged over cloudflared's defaults
 * @param rules the ingress rules in order
 * @param warpRouting {@code warp-routing} with defaults applied
 * @param settings every other top-level key (cloudflared reads them as CLI flags), as strings, in file
 *     order; secrets such as {@code token} are never kept
 * @param loadFindings what the loader noticed: unknown keys, unreadable CA pools, credentials problems
 */
public record IngressModel(
    ConfigSource source,
    @Nullable String tunnel,
    OriginRequest originRequest,
    List<IngressRule> rules,
    WarpRouting warpRouting,
    Map<String, String> settings,
    List<Finding> loadFindings) {

  public IngressModel {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(originRequest, "originRequest");
    rules = List.copyOf(rules);
    for (int i = 0; i < rules.size(); i++) {
      if (rules.get(i).index() != i) {
        throw new IllegalArgumentException("rule at position " + i + " has index " + rules.get(i).index());
      }
    }
    Objects.requireNonNull(warpRouting, "warpRouting");
    settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    loadFindings = List.copyOf(loadFindings);
  }

  /** The {@code tunnel:} reference, when set. */
  public Optional<String> tunnelReference() {
    return Optional.ofNullable(tunnel);
  }

  /** A top-level setting such as {@code metrics} or {@code credentials-file}. */
  public Optional<String> setting(String key) {
    return Optional.ofNullable(settings.get(key));
  }

  /** The rule at a 0-based index. */
  public IngressRule rule(int index) {
    return rules.get(index);
  }

  /** A copy of this model with other rules, e.g. for a test that overrides a service. */
  public IngressModel withRules(List<IngressRule> newRules) {
    return new IngressModel(source, tunnel, originRequest, newRules, warpRouting, settings, loadFindings);
  }
}
