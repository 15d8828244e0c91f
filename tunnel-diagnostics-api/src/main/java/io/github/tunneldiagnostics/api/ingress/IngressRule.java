package io.github.tunneldiagnostics.api.ingress;

import io.github.tunneldiagnostics.api.internal.Redaction;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One ingress rule, as cloudflared reads it. Immutable; build with {@link #builder()} or {@link
 * #toBuilder()}: the builder parses the service string exactly as cloudflared does ({@link
 * OriginService#parse(String, boolean)}), so a rule's {@link #service()} always agrees with its {@link
 * #rawService()}. A class rather than a record, so that a field can be added without breaking callers.
 */
public final class IngressRule {
  private final int index;
  private final String hostname;
  private final String path;
  private final String rawService;
  private final OriginService service;
  private final OriginRequest originRequest;
  private final OriginRequestOverrides overrides;
  private final @Nullable SourceLocation location;

  private IngressRule(Builder b) {
    if (b.index < 0) {
      throw new IllegalArgumentException("'index' must not be negative but was " + b.index);
    }
    this.index = b.index;
    this.hostname = b.hostname;
    this.path = b.path;
    this.rawService = b.rawService;
    this.originRequest = b.originRequest;
    this.overrides = b.overrides;
    this.location = b.location;
    this.service = OriginService.parse(rawService, originRequest.bastionMode());
  }

  /** A builder for a rule at index 0 with no hostname, no path, no service and cloudflared's defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this rule's values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.index = index;
    b.hostname = hostname;
    b.path = path;
    b.rawService = rawService;
    b.originRequest = originRequest;
    b.overrides = overrides;
    b.location = location;
    return b;
  }

  /** The 0-based position, like cloudflared's {@code ingressRule=} log field. */
  public int index() {
    return index;
  }

  /** The hostname pattern as written; empty when absent. */
  public String hostname() {
    return hostname;
  }

  /** The path regular expression (Go RE2 syntax) as written; empty when absent. */
  public String path() {
    return path;
  }

  /** The service string as written; empty when absent. */
  public String rawService() {
    return rawService;
  }

  /** The parsed service, {@link OriginService.Invalid} when cloudflared rejects it. */
  public OriginService service() {
    return service;
  }

  /** The effective settings: defaults, then top level, then this rule. */
  public OriginRequest originRequest() {
    return originRequest;
  }

  /** The {@code originRequest} fields this rule itself sets. */
  public OriginRequestOverrides overrides() {
    return overrides;
  }

  /** Where the rule starts in its file, or null when unknown (e.g. a rule built in code). */
  public @Nullable SourceLocation location() {
    return location;
  }

  /** cloudflared's catch-all: hostname empty or {@code *}, and no path. */
  public boolean isCatchAll() {
    return matchesAnyHost() && path.isEmpty();
  }

  /** True when the hostname is empty or {@code *}: every host matches. */
  public boolean matchesAnyHost() {
    return hostname.isEmpty() || hostname.equals("*");
  }

  /** True when the hostname starts with {@code *.}. */
  public boolean isWildcard() {
    return hostname.startsWith("*.");
  }

  /** {@code rule #N} with the hostname and path when set, for messages. */
  public String label() {
    StringBuilder label = new StringBuilder("rule #").append(index);
    if (!hostname.isEmpty()) {
      label.append(" (").append(hostname);
      if (!path.isEmpty()) {
        label.append(" path ").append(path);
      }
      label.append(')');
    } else if (!path.isEmpty()) {
      label.append(" (path ").append(path).append(')');
    }
    return label.toString();
  }

  @Override
  public boolean equals(@Nullable Object other) {
    if (this == other) {
      return true;
    }
    if (!(other instanceof IngressRule that)) {
      return false;
    }
    return index == that.index
        && hostname.equals(that.hostname)
        && path.equals(that.path)
        && rawService.equals(that.rawService)
        && originRequest.equals(that.originRequest)
        && overrides.equals(that.overrides)
        && Objects.equals(location, that.location);
  }

  @Override
  public int hashCode() {
    return Objects.hash(index, hostname, path, rawService, originRequest, overrides, location);
  }

  @Override
  public String toString() {
    return Redaction.redact("IngressRule[index=" + index + ", hostname=" + hostname + ", path=" + path + ", service=" + rawService
        + (location != null ? ", location=" + location : "") + "]");
  }

  /** Builds an {@link IngressRule}. Not thread-safe; each {@link #build()} returns an independent value. */
  public static final class Builder {
    private int index;
    private String hostname = "";
    private String path = "";
    private String rawService = "";
    private OriginRequest originRequest = OriginRequest.DEFAULTS;
    private OriginRequestOverrides overrides = OriginRequestOverrides.NONE;
    private @Nullable SourceLocation location;

    private Builder() {}

    /** The 0-based position in the rule list. */
    public Builder index(int value) {
      this.index = value;
      return this;
    }

    /** The hostname pattern as written ({@code *.example.com}, {@code *}); empty for none. */
    public Builder hostname(String value) {
      this.hostname = Objects.requireNonNull(value, "hostname");
      return this;
    }

    /** The path regular expression as written; empty for none. */
    public Builder path(String value) {
      this.path = Objects.requireNonNull(value, "path");
      return this;
    }

    /** The service as written, e.g. {@code http://localhost:8080}; parsed by {@link #build()}. */
    public Builder service(String raw) {
      this.rawService = Objects.requireNonNull(raw, "service");
      return this;
    }

    /** The effective settings (default: cloudflared's defaults). */
    public Builder originRequest(OriginRequest value) {
      this.originRequest = Objects.requireNonNull(value, "originRequest");
      return this;
    }

    /** The {@code originRequest} fields the rule itself sets (default: none). */
    public Builder overrides(OriginRequestOverrides value) {
      this.overrides = Objects.requireNonNull(value, "overrides");
      return this;
    }

    /** Where the rule starts in its file; null when unknown. */
    public Builder location(@Nullable SourceLocation value) {
      this.location = value;
      return this;
    }

    /**
     * The rule, with its service parsed as cloudflared does (with the effective {@code bastionMode}).
     *
     * @throws IllegalArgumentException when the index is negative
     */
    public IngressRule build() {
      return new IngressRule(this);
    }
  }
}
