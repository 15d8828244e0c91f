package io.github.tunneldiagnostics.api.ingress;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One ingress rule, as cloudflared reads it.
 *
 * @param index 0-based position, like cloudflared's {@code ingressRule=} log field
 * @param hostname the hostname pattern as written; empty when absent
 * @param path the path regular expression (Go RE2 syntax) as written; empty when absent
 * @param rawService the service string as written; empty when absent
 * @param service the parsed service, {@link OriginService.Invalid} when cloudflared rejects it
 * @param originRequest the effective settings: defaults, then top level, then this rule
 * @param overrides the {@code originRequest} fields this rule itself sets
 * @param location where the rule starts in its file, when known
 */
public record IngressRule(
    int index,
    String hostname,
    String path,
    String rawService,
    OriginService service,
    OriginRequest originRequest,
    OriginRequestOverrides overrides,
    @Nullable SourceLocation location) {

  public IngressRule {
    if (index < 0) {
      throw new IllegalArgumentException("'index' must not be negative but was " + index);
    }
    Objects.requireNonNull(hostname, "hostname");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(rawService, "rawService");
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(originRequest, "originRequest");
    Objects.requireNonNull(overrides, "overrides");
  }

  /** cloudflared's catch-all: hostname empty or {@code *}, and no path. */
  public boolean isCatchAll() {
    return (hostname.isEmpty() || hostname.equals("*")) && path.isEmpty();
  }

  /** True when the hostname is empty or {@code *}: every host matches. */
  public boolean matchesAnyHost() {
    return hostname.isEmpty() || hostname.equals("*");
  }

  /** True when the hostname starts with {@code *.}. */
  public boolean isWildcard() {
    return hostname.startsWith("*.");
  }

  /** Where the rule stands in its file. */
  public Optional<SourceLocation> sourceLocation() {
    return Optional.ofNullable(location);
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
}
