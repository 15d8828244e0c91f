package io.github.tunneldiagnostics.core.internal.ingress;

import io.github.tunneldiagnostics.api.internal.golang.GoNet;
import io.github.tunneldiagnostics.api.RouteUrl;
import io.github.tunneldiagnostics.core.RuleMatch;
import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.check.FindingCode;
import io.github.tunneldiagnostics.api.ingress.IngressModel;
import io.github.tunneldiagnostics.api.ingress.IngressRule;
import io.github.tunneldiagnostics.api.ingress.OriginService;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Explains why a URL asked about lands where it does. When it falls through to the catch-all, a
 * {@code HOSTNAME_NOT_ROUTED} (ERROR) names the rule the person probably meant: a rule whose path does
 * not match, a case difference, a trailing dot, a port in the rule's hostname, a wildcard that does not
 * cover its apex (then also
 * {@code WILDCARD_APEX_UNMATCHED}), or the closest hostname by edit distance. A URL served by a specific
 * rule gives no finding.
 */
public final class RouteExplainer {
  private RouteExplainer() {}

  /**
   * The findings for one URL and the rule it matched.
   *
   * @param model the ingress model the match was made with
   * @param url the URL asked about
   * @param match what {@link IngressMatcher#match(RouteUrl)} returned for it
   */
  public static List<Finding> explainRoute(IngressModel model, RouteUrl url, RuleMatch match) {
    List<Finding> findings = new ArrayList<>();
    if (!match.catchAllFallback() || model.rules().isEmpty()) {
      return findings;
    }
    String host = RuleTable.stripPort(url.hostname());
    String path = url.path();
    List<CompiledRule> rules = new ArrayList<>();
    for (IngressRule rule : model.rules()) {
      if (rule.index() != match.index()) {
        rules.add(new CompiledRule(rule));
      }
    }
    Guess guess = guess(rules, host, path);
    IngressRule fallback = match.rule();
    String outcome = outcome(fallback);
    Finding.Builder finding =
        Finding.error(FindingCode.HOSTNAME_NOT_ROUTED)
            .check(RouteCheck.CHECK_ID)
            .subject(url.text())
            .message(
                "no ingress rule matches host " + host + " and path " + (path.isEmpty() ? "\"\"" : path) + ", so the catch-all rule #"
                    + fallback.index() + " answers (" + outcome + ")" + (guess == null ? "" : "; " + guess.why))
            .remediation(
                guess != null
                    ? guess.fix
                    : "add a rule '- hostname: " + host + "' with the origin's service above the catch-all rule #"
                        + fallback.index() + ", and route the hostname's DNS to this tunnel")
            .rule(fallback.index())
            .evidence("host", host)
            .evidence("path", path)
            .evidence("catchAllService", fallback.service().toString());
    if (guess != null) {
      finding.evidence("probablyMeant", Integer.toString(guess.rule.index)).evidence("probablyMeantHostname", guess.rule.hostname);
    }
    findings.add(finding.evidence("source", "config").build());
    if (guess != null && guess.apex) {
      findings.add(RuleAnalysis.apexFinding(model, guess.rule.rule, host, true).toBuilder().check(RouteCheck.CHECK_ID).build());
    }
    return findings;
  }

  private record Guess(CompiledRule rule, String why, String fix, boolean apex) {}

  private static @Nullable Guess guess(List<CompiledRule> rules, String host, String path) {
    for (CompiledRule rule : rules) {
      if (!rule.anyHost && rule.usable && rule.matchesHost(host) && !rule.matchesPath(path)) {
        return new Guess(
            rule,
            rule.rule.label() + " serves this hostname only for paths matching " + rule.rule.path(),
            "if " + path + " belongs to that origin, widen rule #" + rule.index + "'s path, or add a rule for hostname "
                + host + " with a path matching " + path + " above the catch-all",
            false);
      }
    }
    String lower = host.toLowerCase(Locale.ROOT);
    String noDot = stripTrailingDot(host);
    for (CompiledRule rule : rules) {
      if (rule.anyHost || !rule.usable) {
        continue;
      }
      if (!lower.equals(host) && (rule.matchesHost(lower) && rule.matchesPath(path))) {
        return new Guess(
            rule,
            rule.rule.label() + " would match " + lower + ", but cloudflared compares hostnames byte for byte and " + host
                + " differs in case",
            "request " + lower + " (browsers send lower case), or add a rule for hostname " + host,
            false);
      }
      if (!rule.wildcard && !host.equals(rule.hostname) && rule.hostname.equalsIgnoreCase(host) && rule.matchesPath(path)) {
        return new Guess(
            rule,
            rule.rule.label() + " differs only in case, and cloudflared compares hostnames byte for byte",
            "change rule #" + rule.index + "'s hostname to " + lower + " (browsers send lower-case hostnames)",
            false);
      }
      if (!noDot.equals(host) && rule.matchesHost(noDot) && rule.matchesPath(path)) {
        return new Guess(
            rule,
            rule.rule.label() + " matches " + noDot + " but cloudflared does not strip the trailing dot of " + host,
            "request " + noDot + " without the trailing dot, or add a rule for hostname " + host,
            false);
      }
      if (rule.hostname.endsWith(".") && stripTrailingDot(rule.hostname).equals(host)) {
        return new Guess(
            rule,
            rule.rule.label() + " ends with a dot, and cloudflared compares hostnames byte for byte",
            "remove the trailing dot from rule #" + rule.index + "'s hostname: hostname: " + host,
            false);
      }
      String withoutPort = GoNet.splitHostPortHost(rule.hostname);
      if (withoutPort != null && withoutPort.equals(host)) {
        return new Guess(
            rule,
            rule.rule.label() + " carries a port in its hostname, which cloudflared refuses (Hostname cannot contain a port)",
            "remove the port from rule #" + rule.index + "'s hostname: hostname: " + host
                + " (cloudflared ignores the request's port when it matches hostnames)",
            false);
      }
      if (rule.wildcard && rule.wildcardSuffix.substring(1).equals(host)) {
        return new Guess(
            rule,
            rule.rule.label() + " does not cover the apex " + host + ": cloudflared's wildcards only match subdomains",
            "add a rule '- hostname: " + host + "' with service: " + rule.rule.service() + " above the catch-all",
            true);
      }
    }
    CompiledRule closest = null;
    int best = Integer.MAX_VALUE;
    for (CompiledRule rule : rules) {
      if (rule.anyHost || !rule.usable) {
        continue;
      }
      int distance = EditDistance.between(lower, rule.hostname.toLowerCase(Locale.ROOT));
      if (distance < best) {
        best = distance;
        closest = rule;
      }
    }
    if (closest != null && best <= Math.max(2, host.length() / 4)) {
      return new Guess(
          closest,
          "the closest rule is " + closest.rule.label() + " (" + best + " character" + (best == 1 ? "" : "s") + " apart)",
          "if you meant " + closest.rule.label() + ", correct its hostname or the URL; otherwise add a rule for hostname "
              + host + " above the catch-all",
          false);
    }
    return null;
  }

  private static String stripTrailingDot(String host) {
    return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
  }

  private static String outcome(IngressRule rule) {
    if (rule.service() instanceof OriginService.HttpStatus status) {
      return "http_status:" + status.status() + ": visitors get HTTP " + status.status();
    }
    return "traffic goes to " + rule.service();
  }
}
