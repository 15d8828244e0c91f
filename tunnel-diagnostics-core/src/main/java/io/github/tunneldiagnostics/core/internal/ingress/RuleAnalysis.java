package io.github.tunneldiagnostics.core.internal.ingress;

import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.check.FindingCode;
import io.github.tunneldiagnostics.api.ingress.IngressModel;
import io.github.tunneldiagnostics.api.ingress.IngressRule;
import io.github.tunneldiagnostics.api.ingress.OriginService;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The mistakes cloudflared accepts, found over the first {@code limit} rules (all of them when the model
 * is valid): rules that can never match, wildcards whose apex has no rule, unanchored path regexes, and
 * disabled origin certificate checks.
 */
final class RuleAnalysis {
  private final IngressModel model;
  private final List<CompiledRule> rules;
  private final boolean valid;
  /** Usable rules by hostname, alias and wildcard literal; by wildcard suffix; and those for any host. */
  private final Map<String, List<CompiledRule>> byHost = new HashMap<>();
  private final Map<String, List<CompiledRule>> bySuffix = new HashMap<>();
  private final List<CompiledRule> anyHost = new ArrayList<>();

  private RuleAnalysis(IngressModel model, int limit, boolean valid) {
    this.model = model;
    this.valid = valid;
    List<CompiledRule> compiled = new ArrayList<>();
    for (int i = 0; i < limit; i++) {
      CompiledRule rule = new CompiledRule(model.rule(i));
      compiled.add(rule);
      if (!rule.usable) {
        continue;
      }
      if (rule.anyHost) {
        anyHost.add(rule);
        continue;
      }
      byHost.computeIfAbsent(rule.hostname, k -> new ArrayList<>()).add(rule);
      if (rule.alias != null) {
        byHost.computeIfAbsent(rule.alias, k -> new ArrayList<>()).add(rule);
      }
      if (rule.wildcard) {
        bySuffix.computeIfAbsent(rule.wildcardSuffix, k -> new ArrayList<>()).add(rule);
      }
    }
    this.rules = compiled;
  }

  /**
   * Every usable rule whose hostname pattern can match {@code host} (exactly, by alias, or as a wildcard
   * suffix), plus the any-host rules; the same lookups as {@link IngressMatcher}, so that large
   * configurations are analysed without comparing every pair of rules.
   */
  private List<CompiledRule> candidates(String host) {
    List<CompiledRule> found = new ArrayList<>(byHost.getOrDefault(host, List.of()));
    for (int dot = host.indexOf('.'); dot >= 0; dot = host.indexOf('.', dot + 1)) {
      found.addAll(bySuffix.getOrDefault(host.substring(dot), List.of()));
    }
    found.addAll(anyHost);
    return found;
  }

  static RuleAnalysis of(IngressModel model, int limit, boolean valid) {
    return new RuleAnalysis(model, limit, valid);
  }

  List<Finding> findings() {
    List<Finding> findings = new ArrayList<>();
    unreachable(findings);
    apexes(findings);
    unanchored(findings);
    tlsVerify(findings);
    return findings;
  }

  // ---- RULE_UNREACHABLE

  private void unreachable(List<Finding> findings) {
    for (CompiledRule later : rules) {
      if (!later.usable || (valid && later.index == rules.size() - 1)) {
        continue;
      }
      // a rule that covers `later` must match its hostname text: a wildcard's literal text included
      CompiledRule first = null;
      for (CompiledRule earlier : later.anyHost ? anyHost : candidates(later.hostname)) {
        if (earlier.index < later.index && (first == null || earlier.index < first.index) && covers(earlier, later)) {
          first = earlier;
        }
      }
      if (first != null) {
        findings.add(unreachableFinding(first, later));
      }
    }
  }

  /** True when every request {@code later} matches is matched by {@code earlier}. */
  static boolean covers(CompiledRule earlier, CompiledRule later) {
    if (!earlier.rule.path().isEmpty() && !earlier.rule.path().equals(later.rule.path())) {
      return false;
    }
    if (earlier.anyHost) {
      return true;
    }
    if (later.anyHost) {
      return false;
    }
    if (later.wildcard) {
      // later matches its literal text and every host ending in its suffix
      return earlier.wildcard && later.wildcardSuffix.endsWith(earlier.wildcardSuffix);
    }
    if (!earlier.matchesHost(later.hostname)) {
      return false;
    }
    String alias = later.alias;
    return alias == null || earlier.matchesHost(alias);
  }

  private Finding unreachableFinding(CompiledRule earlier, CompiledRule later) {
    boolean duplicate = earlier.hostname.equals(later.hostname) && earlier.rule.path().equals(later.rule.path());
    String reason =
        earlier.anyHost
            ? earlier.rule.label() + " matches every hostname" + (earlier.rule.path().isEmpty() ? "" : " for the same path")
            : duplicate
                ? earlier.rule.label() + " has the same hostname" + (later.rule.path().isEmpty() ? "" : " and path")
                : earlier.rule.label() + " comes first and matches every request it could match";
    return Finding.warning(FindingCode.RULE_UNREACHABLE)
        .check(IngressValidator.CHECK_ID)
        .subject("rule #" + later.index)
        .message(later.rule.label() + " is never used: " + reason + ", and cloudflared takes the first rule that matches")
        .remediation(
            duplicate
                ? "remove rule #" + later.index + " or merge it into rule #" + earlier.index
                : "move rule #" + later.index + " above rule #" + earlier.index + " (most specific rules first), or remove it")
        .rule(later.index)
        .evidence("shadowedBy", Integer.toString(earlier.index))
        .evidence("shadowedByHostname", earlier.hostname)
        .evidence("shadowedByPath", earlier.rule.path())
        .evidence("hostname", later.hostname)
        .evidence("path", later.rule.path())
        .evidence("location", later.rule.location() != null ? String.valueOf(later.rule.location()) : "")
        .evidence("source", "config")
        .build();
  }

  // ---- WILDCARD_APEX_UNMATCHED

  private void apexes(List<Finding> findings) {
    Set<String> reported = new LinkedHashSet<>();
    for (CompiledRule wildcard : rules) {
      if (!wildcard.wildcard || wildcard.wildcardSuffix.length() < 2) {
        continue;
      }
      String apex = wildcard.wildcardSuffix.substring(1);
      if (!reported.add(apex) || servesHost(apex)) {
        continue;
      }
      findings.add(apexFinding(model, wildcard.rule, apex, valid));
    }
  }

  private boolean servesHost(String host) {
    for (CompiledRule rule : candidates(host)) {
      if (rule.usable && !rule.rule.isCatchAll() && !rule.anyHost && rule.matchesHost(host)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The WARNING that a wildcard does not serve its apex; shared with {@link RouteExplainer}. It is about the
   * apex (its subject), not about the wildcard rule, whose own hostnames are served: so it degrades only the
   * apex's route, never the route of {@code www.example.com}.
   */
  static Finding apexFinding(IngressModel model, IngressRule wildcard, String apex, boolean catchAllKnown) {
    IngressRule last = model.rules().get(model.rules().size() - 1);
    String fallback =
        catchAllKnown && last.isCatchAll()
            ? "the catch-all rule #" + last.index() + " (" + last.service() + ")"
            : "the catch-all rule";
    return Finding.warning(FindingCode.WILDCARD_APEX_UNMATCHED)
        .check(IngressValidator.CHECK_ID)
        .subject(apex)
        .message(
            wildcard.label() + " does not match " + apex + " itself: cloudflared's wildcards only match subdomains,"
                + " never the apex, so requests for " + apex + " go to " + fallback)
        .remediation(
            "if " + apex + " should be served, add a rule '- hostname: " + apex + "' with service: " + wildcard.service()
                + " above the catch-all")
        .evidence("wildcard", wildcard.hostname())
        .evidence("wildcardRule", wildcard.index())
        .evidence("apex", apex)
        .evidence("source", "config")
        .build();
  }

  // ---- PATH_REGEX_UNANCHORED

  private void unanchored(List<Finding> findings) {
    for (CompiledRule rule : rules) {
      if (rule.usable && !rule.rule.path().isEmpty()) {
        UnanchoredPath.finding(rule.rule).ifPresent(findings::add);
      }
    }
  }

  // ---- TLS_VERIFY_DISABLED

  private void tlsVerify(List<Finding> out) {
    List<Finding> findings = new ArrayList<>();
    List<IngressRule> inherited = new ArrayList<>();
    for (CompiledRule compiled : rules) {
      IngressRule rule = compiled.rule;
      if (!rule.originRequest().noTLSVerify() || !usesTls(rule.service())) {
        continue;
      }
      if (rule.overrides().noTLSVerify() == null) {
        inherited.add(rule); // one cause, the top-level setting: one finding below
        continue;
      }
      findings.add(
          Finding.warning(FindingCode.TLS_VERIFY_DISABLED)
              .check(IngressValidator.CHECK_ID)
              .subject("rule #" + rule.index())
              .message(
                  rule.label() + " sends traffic to " + rule.service() + " with noTLSVerify: true (set on the rule itself): it"
                      + " works, but cloudflared does not authenticate the origin's certificate")
              .remediation("remove noTLSVerify from rule #" + rule.index() + "'s originRequest and set caPool (the origin's CA file)"
                  + " and originServerName (a name in its certificate) instead")
              .rule(rule.index())
              .evidence("origin", "rule")
              .evidence("service", rule.service().toString())
              .evidence("source", "config")
              .build());
    }
    if (!inherited.isEmpty()) {
      findings.add(inheritedTlsVerify(inherited));
    }
    findings.sort(java.util.Comparator.comparingInt(f -> RuleList.rulesOf(f).get(0)));
    out.addAll(findings);
  }

  private static Finding inheritedTlsVerify(List<IngressRule> inherited) {
    IngressRule first = inherited.get(0);
    Finding.Builder finding = Finding.warning(FindingCode.TLS_VERIFY_DISABLED)
        .check(IngressValidator.CHECK_ID)
        .remediation("remove noTLSVerify from the top-level originRequest (it applies to every rule) and set caPool and"
            + " originServerName where an origin uses its own CA")
        .evidence("origin", "top-level")
        .evidence("source", "config");
    if (inherited.size() == 1) {
      finding.subject("rule #" + first.index())
          .message(first.label() + " sends traffic to " + first.service() + " with noTLSVerify: true (inherited from the"
              + " top-level originRequest): it works, but cloudflared does not authenticate the origin's certificate")
          .rule(first.index())
          .evidence("service", first.service().toString());
    } else {
      List<Integer> indexes = inherited.stream().map(IngressRule::index).toList();
      finding.subject("rules " + indexes.stream().map(i -> "#" + i).collect(java.util.stream.Collectors.joining(", ")))
          .message(inherited.size() + " rules (" + inherited.stream().map(r -> r.label() + " to " + r.service())
              .collect(java.util.stream.Collectors.joining(", ")) + ") send traffic with noTLSVerify: true, inherited from the"
              + " top-level originRequest: it works, but cloudflared does not authenticate their origins' certificates")
          .evidence(RuleList.KEY, RuleList.of(indexes))
          .evidence("service", inherited.stream().map(r -> r.service().toString()).collect(java.util.stream.Collectors.joining(", ")));
    }
    return finding.build();
  }

  private static boolean usesTls(OriginService service) {
    if (service instanceof OriginService.Http http) {
      return http.tls();
    }
    return service instanceof OriginService.UnixSocket socket && socket.tls();
  }
}
