package io.github.tunneldiagnostics.api.ingress;

import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.internal.Redaction;
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
 * setting. Immutable; build with {@link #builder()} or {@link #toBuilder()}. A class rather than a
 * record, so that a part can be added without breaking callers.
 */
public final class IngressModel {
  private final ConfigSource source;
  private final @Nullable String tunnel;
  private final OriginRequest originRequest;
  private final List<IngressRule> rules;
  private final WarpRouting warpRouting;
  private final Map<String, String> settings;
  private final List<Finding> loadFindings;

  private IngressModel(Builder b) {
    this.source = b.source;
    this.tunnel = b.tunnel;
    this.originRequest = b.originRequest;
    this.rules = List.copyOf(b.rules);
    for (int i = 0; i < rules.size(); i++) {
      if (rules.get(i).index() != i) {
        throw new IllegalArgumentException("rule at position " + i + " has index " + rules.get(i).index());
      }
    }
    this.warpRouting = b.warpRouting;
    this.settings = Collections.unmodifiableMap(new LinkedHashMap<>(b.settings));
    this.loadFindings = List.copyOf(b.loadFindings);
  }

  /** A builder for an inline model with no rules and cloudflared's defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this model's parts. */
  public Builder toBuilder() {
    return new Builder()
        .source(source)
        .tunnel(tunnel)
        .originRequest(originRequest)
        .rules(rules)
        .warpRouting(warpRouting)
        .settings(settings)
        .loadFindings(loadFindings);
  }

  /** Where the model came from. */
  public ConfigSource source() {
    return source;
  }

  /** The {@code tunnel:} value (UUID or name), or null when absent. */
  public @Nullable String tunnel() {
    return tunnel;
  }

  /** The top-level {@code originRequest} merged over cloudflared's defaults. */
  public OriginRequest originRequest() {
    return originRequest;
  }

  /** The ingress rules in order; each rule's index is its position. */
  public List<IngressRule> rules() {
    return rules;
  }

  /** {@code warp-routing} with defaults applied. */
  public WarpRouting warpRouting() {
    return warpRouting;
  }

  /**
   * Every other top-level key (cloudflared reads them as CLI flags), as strings, in file order; secrets
   * such as {@code token} are never kept.
   */
  public Map<String, String> settings() {
    return settings;
  }

  /** What the loader noticed: unknown keys, unreadable CA pools, credentials problems. */
  public List<Finding> loadFindings() {
    return loadFindings;
  }

  /** A top-level setting such as {@code metrics} or {@code credentials-file}. */
  public Optional<String> setting(String key) {
    return Optional.ofNullable(settings.get(key));
  }

  /** The rule at a 0-based index. */
  public IngressRule rule(int index) {
    return rules.get(index);
  }

  @Override
  public boolean equals(@Nullable Object other) {
    if (this == other) {
      return true;
    }
    if (!(other instanceof IngressModel that)) {
      return false;
    }
    return source.equals(that.source)
        && Objects.equals(tunnel, that.tunnel)
        && originRequest.equals(that.originRequest)
        && rules.equals(that.rules)
        && warpRouting.equals(that.warpRouting)
        && settings.equals(that.settings)
        && loadFindings.equals(that.loadFindings);
  }

  @Override
  public int hashCode() {
    return Objects.hash(source, tunnel, originRequest, rules, warpRouting, settings, loadFindings);
  }

  @Override
  public String toString() {
    return Redaction.redact("IngressModel[source=" + source.location() + ", tunnel=" + tunnel + ", rules=" + rules.size() + "]");
  }

  /** Builds an {@link IngressModel}. Not thread-safe; each {@link #build()} returns an independent value. */
  public static final class Builder {
    private ConfigSource source = ConfigSource.inline("built in code");
    private @Nullable String tunnel;
    private OriginRequest originRequest = OriginRequest.DEFAULTS;
    private List<IngressRule> rules = List.of();
    private WarpRouting warpRouting = WarpRouting.DEFAULTS;
    private Map<String, String> settings = Map.of();
    private List<Finding> loadFindings = List.of();

    private Builder() {}

    /** Where the model came from (default: inline, "built in code"). */
    public Builder source(ConfigSource value) {
      this.source = Objects.requireNonNull(value, "source");
      return this;
    }

    /** The {@code tunnel:} reference; null for none. */
    public Builder tunnel(@Nullable String value) {
      this.tunnel = value;
      return this;
    }

    /** The top-level {@code originRequest} (default: cloudflared's defaults). */
    public Builder originRequest(OriginRequest value) {
      this.originRequest = Objects.requireNonNull(value, "originRequest");
      return this;
    }

    /** The rules in order; rule {@code i} must have index {@code i}. */
    public Builder rules(List<IngressRule> value) {
      this.rules = List.copyOf(value);
      return this;
    }

    /** {@code warp-routing} (default: cloudflared's defaults). */
    public Builder warpRouting(WarpRouting value) {
      this.warpRouting = Objects.requireNonNull(value, "warpRouting");
      return this;
    }

    /** The other top-level settings, in file order. */
    public Builder settings(Map<String, String> value) {
      this.settings = new LinkedHashMap<>(value);
      return this;
    }

    /** What the loader noticed. */
    public Builder loadFindings(List<Finding> value) {
      this.loadFindings = List.copyOf(value);
      return this;
    }

    /**
     * The model.
     *
     * @throws IllegalArgumentException when a rule's index is not its position
     */
    public IngressModel build() {
      return new IngressModel(this);
    }
  }
}
