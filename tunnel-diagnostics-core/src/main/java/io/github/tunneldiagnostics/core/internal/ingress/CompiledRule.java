package io.github.tunneldiagnostics.core.internal.ingress;

import io.github.tunneldiagnostics.api.ingress.IngressRule;
import org.jspecify.annotations.Nullable;

/**
 * One rule prepared for matching the way cloudflared's {@code Rule.Matches} does it: the hostname
 * pattern, the alias computed at build time, and the compiled path.
 */
final class CompiledRule {
  final int index;
  final IngressRule rule;
  final String hostname;
  final @Nullable String alias;
  final boolean anyHost;
  final boolean wildcard;
  /** For a wildcard rule {@code *.example.com}: {@code .example.com}. */
  final String wildcardSuffix;
  final @Nullable PathPattern path;
  /** False when the path does not compile: cloudflared would refuse the whole config. */
  final boolean usable;

  CompiledRule(IngressRule rule) {
    this.index = rule.index();
    this.rule = rule;
    this.hostname = rule.hostname();
    this.anyHost = rule.matchesAnyHost();
    this.wildcard = hostname.startsWith("*.");
    this.wildcardSuffix = wildcard ? hostname.substring(1) : "";
    this.alias = HostnameAlias.of(hostname, rule.isCatchAll());
    this.path = rule.path().isEmpty() ? null : PathPattern.compile(rule.path());
    this.usable = path == null || path.compiles();
  }

  /** cloudflared's {@code matchHost(ruleHost, reqHost)}. */
  static boolean matchHost(String ruleHost, String host) {
    if (ruleHost.equals(host)) {
      return true;
    }
    return ruleHost.startsWith("*.") && host.endsWith(ruleHost.substring(1));
  }

  boolean matchesHost(String host) {
    if (anyHost || matchHost(hostname, host)) {
      return true;
    }
    String a = alias;
    return a != null && matchHost(a, host);
  }

  boolean matchesPath(String requestPath) {
    PathPattern p = path;
    return p == null || p.find(requestPath);
  }

  /** cloudflared's {@code Rule.Matches(host, path)}; never true for a rule whose path does not compile. */
  boolean matches(String host, String requestPath) {
    return usable && matchesHost(host) && matchesPath(requestPath);
  }
}
