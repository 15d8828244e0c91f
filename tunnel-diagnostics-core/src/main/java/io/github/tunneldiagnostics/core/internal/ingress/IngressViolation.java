package io.github.tunneldiagnostics.core.internal.ingress;

import io.github.tunneldiagnostics.api.internal.golang.GoNet;
import io.github.tunneldiagnostics.api.ingress.IngressModel;
import io.github.tunneldiagnostics.api.ingress.IngressRule;
import io.github.tunneldiagnostics.api.ingress.IpRule;
import io.github.tunneldiagnostics.api.ingress.OriginService;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The first error cloudflared's {@code validateIngress} returns for a model, in cloudflared's order
 * ({@code ingress.go}): per rule, in order, the service (with the socks-proxy ipRules), then
 * {@code access}, then the hostname (port, wildcard position, catch-all placement), then the path
 * regex; after all rules, {@code url} together with ingress (checked by {@code ingress validate} only
 * once the rules are valid).
 *
 * @param rule the 0-based rule index, or -1 for the {@code url} setting
 * @param kind what is wrong
 * @param cloudflaredMessage cloudflared's exact error text (rule numbers 1-based, as cloudflared prints
 *     them)
 */
record IngressViolation(int rule, Kind kind, String cloudflaredMessage) {

  static final String LAST_RULE_NOT_CATCH_ALL =
      "The last ingress rule must match all URLs (i.e. it should not have a hostname or path filter)";
  static final String BAD_WILDCARD =
      "Hostname patterns can have at most one wildcard character (\"*\") and it can only be used for subdomains, e.g. \"*.example.com\"";
  static final String HOSTNAME_WITH_PORT = "Hostname cannot contain a port";
  static final String URL_WITH_INGRESS =
      "You can't set the --url flag (or $TUNNEL_URL) when using multiple-origin ingress rules";
  static final String ACCESS_TEAM_NAME = "access.TeamName cannot be blank when access.audTags are present";

  /** The kinds of error, each with its own remediation. */
  enum Kind {
    SERVICE,
    SOCKS_IP_RULE,
    ACCESS,
    HOSTNAME_PORT,
    HOSTNAME_WILDCARD,
    LAST_NOT_CATCH_ALL,
    CATCH_ALL_NOT_LAST,
    PATH_REGEX,
    URL_SETTING
  }

  /** The first violation, or none when cloudflared accepts the model. Empty models have none here. */
  static List<IngressViolation> first(IngressModel model) {
    List<IngressRule> rules = model.rules();
    for (IngressRule rule : rules) {
      IngressViolation v = check(rule, rules.size());
      if (v != null) {
        return List.of(v);
      }
    }
    if (!rules.isEmpty() && model.setting("url").isPresent()) {
      return List.of(new IngressViolation(-1, Kind.URL_SETTING, URL_WITH_INGRESS));
    }
    return List.of();
  }

  private static @Nullable IngressViolation check(IngressRule rule, int total) {
    int i = rule.index();
    if (rule.service() instanceof OriginService.Invalid invalid) {
      return new IngressViolation(i, Kind.SERVICE, invalid.cloudflaredMessage());
    }
    if (rule.service() instanceof OriginService.SocksProxy) {
      String ipError = socksIpRuleError(rule);
      if (ipError != null) {
        return new IngressViolation(i, Kind.SOCKS_IP_RULE, "unable to create ip rule for socks-proxy: " + ipError);
      }
    }
    var access = rule.overrides().access();
    if (access != null && access.required() && access.teamName().isEmpty() && !access.audTag().isEmpty()) {
      return new IngressViolation(i, Kind.ACCESS, ACCESS_TEAM_NAME);
    }
    String hostname = rule.hostname();
    if (GoNet.splitHostPortHost(hostname) != null) {
      return new IngressViolation(i, Kind.HOSTNAME_PORT, HOSTNAME_WITH_PORT);
    }
    if (hostname.lastIndexOf('*') > 0) {
      return new IngressViolation(i, Kind.HOSTNAME_WILDCARD, BAD_WILDCARD);
    }
    boolean last = i == total - 1;
    if (last && !rule.isCatchAll()) {
      return new IngressViolation(i, Kind.LAST_NOT_CATCH_ALL, LAST_RULE_NOT_CATCH_ALL);
    }
    if (!last && rule.isCatchAll()) {
      return new IngressViolation(
          i,
          Kind.CATCH_ALL_NOT_LAST,
          "Rule #" + (i + 1) + " is matching the hostname '" + hostname
              + "', but this will match every hostname, meaning the rules which follow it will never be triggered.");
    }
    if (!rule.path().isEmpty()) {
      String error = PathPattern.compile(rule.path()).error();
      if (error != null) {
        return new IngressViolation(i, Kind.PATH_REGEX, "Rule #" + (i + 1) + " has an invalid regex: " + error);
      }
    }
    return null;
  }

  /**
   * {@code ipaccess.NewRuleByCIDR} over the rule's own {@code originRequest.ipRules} (cloudflared reads
   * the rule's list, not the merged one): a missing prefix, a prefix {@code net.ParseCIDR} refuses, or a
   * port outside 1..65535 (the smallest one, as cloudflared sorts the ports first).
   */
  private static @Nullable String socksIpRuleError(IngressRule rule) {
    List<IpRule> ipRules = rule.overrides().ipRules();
    if (ipRules == null) {
      return null;
    }
    for (IpRule ipRule : ipRules) {
      if (ipRule.prefix().isEmpty()) {
        return "no prefix provided";
      }
      if (!GoNet.isValidCidr(ipRule.prefix())) {
        return "unable to parse cidr: " + ipRule.prefix();
      }
      List<Integer> ports = new ArrayList<>(ipRule.ports());
      Collections.sort(ports);
      for (int port : ports) {
        if (port < 1 || port > 65535) {
          return "invalid port " + port + ", needs to be between 1 and 65535";
        }
      }
    }
    return null;
  }
}
