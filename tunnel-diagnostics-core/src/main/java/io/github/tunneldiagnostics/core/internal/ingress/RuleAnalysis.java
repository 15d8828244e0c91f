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
import org.jspecify.annotations.Nullable;

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

  /** The WARNING that a wildcard does not serve its apex; shared with {@link RouteExplainer}. */
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
        .rule(wildcard.index())
        .evidence("wildcard", wildcard.hostname())
        .evidence("apex", apex)
        .evidence("source", "config")
        .build();
  }

  // ---- PATH_REGEX_UNANCHORED

  private void unanchored(List<Finding> findings) {
    for (CompiledRule rule : rules) {
      String regex = rule.rule.path();
      if (!rule.usable || regex.isEmpty() || !regex.startsWith("/")) {
        continue;
      }
      String literal = literalPrefix(regex);
      String example = surprisingMatch(rule, literal);
      if (example == null) {
        continue;
      }
      String anchored = "^" + regex + (literal.equals(regex) && !regex.endsWith("/") ? "(/|$)" : "");
      findings.add(
          Finding.info(FindingCode.PATH_REGEX_UNANCHORED)
              .check(IngressValidator.CHECK_ID)
              .subject("rule #" + rule.index)
              .message(
                  rule.rule.label() + ": path " + regex + " is searched anywhere in the request path (cloudflared does not"
                      + " anchor it), so it also matches " + example)
              .remediation("anchor it: path: " + anchored)
              .rule(rule.index)
              .evidence("path", regex)
              .evidence("exampleMatch", example)
              .evidence("source", "config")
              .build());
    }
  }

  /** A path that starts elsewhere but still matches, e.g. {@code /v2/api/x} for {@code /api}. */
  private static @Nullable String surprisingMatch(CompiledRule rule, String literal) {
    String suffix = literalSuffix(rule.rule.path());
    for (String candidate :
        List.of("/v2" + literal + "/x", "/v2" + literal, "/v2" + literal + "x", "/v2" + literal + "x" + suffix)) {
      if (rule.matchesPath(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  /** The leading characters of a regex that match only themselves ({@code .} counted as itself). */
  static String literalPrefix(String regex) {
    StringBuilder literal = new StringBuilder();
    for (int i = 0; i < regex.length(); i++) {
      char c = regex.charAt(i);
      if (c == '\\' && i + 1 < regex.length() && !Character.isLetterOrDigit(regex.charAt(i + 1))) {
        literal.append(regex.charAt(++i));
        continue;
      }
      if ("\\^$*+?()[]{}|".indexOf(c) >= 0) {
        // a quantifier applies to the previous character, which then is not literal
        if ("*+?{".indexOf(c) >= 0 && literal.length() > 0) {
          literal.setLength(literal.length() - 1);
        }
        break;
      }
      literal.append(c);
    }
    return literal.toString();
  }

  /** The trailing characters of a regex (before a final {@code $}) that match only themselves. */
  static String literalSuffix(String regex) {
    String body = regex.endsWith("$") && !regex.endsWith("\\$") ? regex.substring(0, regex.length() - 1) : regex;
    StringBuilder reversed = new StringBuilder();
    int k = body.length() - 1;
    while (k >= 0) {
      char c = body.charAt(k);
      if (k > 0 && body.charAt(k - 1) == '\\' && !Character.isLetterOrDigit(c)) {
        reversed.append(c);
        k -= 2;
        continue;
      }
      if ("\\^$*+?()[]{}|".indexOf(c) >= 0) {
        break;
      }
      reversed.append(c);
      k--;
    }
    return reversed.reverse().toString();
  }

  // ---- TLS_VERIFY_DISABLED

  private void tlsVerify(List<Finding> findings) {
    for (CompiledRule compiled : rules) {
      IngressRule rule = compiled.rule;
      if (!rule.originRequest().noTLSVerify() || !usesTls(rule.service())) {
        continue;
      }
      boolean own = rule.overrides().noTLSVerify() != null;
      String from = own ? "set on the rule itself" : "inherited from the top-level originRequest";
      findings.add(
          Finding.warning(FindingCode.TLS_VERIFY_DISABLED)
              .check(IngressValidator.CHECK_ID)
              .subject("rule #" + rule.index())
              .message(
                  rule.label() + " sends traffic to " + rule.service() + " with noTLSVerify: true (" + from
                      + "): it works, but cloudflared does not authenticate the origin's certificate")
              .remediation(
                  own
                      ? "remove noTLSVerify from rule #" + rule.index() + "'s originRequest and set caPool (the origin's CA file)"
                          + " and originServerName (a name in its certificate) instead"
                      : "remove noTLSVerify from the top-level originRequest (it applies to every rule) and set caPool and"
                          + " originServerName where an origin uses its own CA")
              .rule(rule.index())
              .evidence("origin", own ? "rule" : "top-level")
              .evidence("service", rule.service().toString())
              .evidence("source", "config")
              .build());
    }
  }

  private static boolean usesTls(OriginService service) {
    if (service instanceof OriginService.Http http) {
      return http.tls();
    }
    return service instanceof OriginService.UnixSocket socket && socket.tls();
  }
}
