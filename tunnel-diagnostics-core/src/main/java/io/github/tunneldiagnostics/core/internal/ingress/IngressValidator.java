package io.github.tunneldiagnostics.core.internal.ingress;

import io.github.tunneldiagnostics.api.internal.golang.GoNet;
import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.check.FindingCode;
import io.github.tunneldiagnostics.api.ingress.IngressModel;
import io.github.tunneldiagnostics.api.ingress.IngressRule;
import io.github.tunneldiagnostics.api.ingress.OriginService;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Validates an ingress model exactly as cloudflared's {@code validateIngress} does, then looks for the
 * mistakes cloudflared accepts.
 *
 * <ul>
 *   <li>No rules: one {@code INGRESS_EMPTY} (ERROR), unless a single-origin setting ({@code url},
 *       {@code hello-world}, {@code unix-socket}, {@code bastion}) makes cloudflared serve one origin.
 *   <li>cloudflared's first error only: one {@code INGRESS_INVALID} (ERROR) whose
 *       {@code evidence.cloudflaredMessage} is cloudflared's exact text. That text numbers rules from 1
 *       ({@code Rule #3}); the finding's {@code subject} and {@code evidence.rule} count from 0
 *       ({@code rule #2}), like cloudflared's {@code ingressRule=} log field.
 *   <li>Beyond cloudflared, over every rule when the model is valid, and over the rules before the
 *       failing one otherwise (those rules are known to be valid, and their problems will still be
 *       there once the error is fixed): {@code RULE_UNREACHABLE}, {@code WILDCARD_APEX_UNMATCHED},
 *       {@code PATH_REGEX_UNANCHORED} and {@code TLS_VERIFY_DISABLED}.
 * </ul>
 */
public final class IngressValidator {
  /** The end of cloudflared's message for a service with a path ({@code ingress/ingress.go}). */
  private static final String PATH_NOT_SUPPORTED =
      " is an invalid address, ingress rules don't support proxying to a different path on the origin service. The path will be the same as the eyeball request's path";

  static final String CHECK_ID = "ingress";
  static final String NO_RULES = "The config file doesn't contain any ingress rules";

  private IngressValidator() {}

  /** Every finding for the model, cloudflared's error first. */
  public static List<Finding> validate(IngressModel model) {
    List<Finding> findings = new ArrayList<>();
    if (model.rules().isEmpty()) {
      if (!singleOrigin(model)) {
        findings.add(empty(model));
      }
      return findings;
    }
    List<IngressViolation> violations = IngressViolation.first(model);
    int validRules = model.rules().size();
    for (IngressViolation violation : violations) {
      findings.add(invalid(model, violation));
      if (violation.rule() >= 0) {
        validRules = violation.rule();
      }
    }
    findings.addAll(RuleAnalysis.of(model, validRules, violations.isEmpty()).findings());
    return findings;
  }

  private static boolean singleOrigin(IngressModel model) {
    return model.setting("url").isPresent()
        || model.setting("hello-world").isPresent()
        || model.setting("unix-socket").isPresent()
        || model.setting("bastion").isPresent();
  }

  private static Finding empty(IngressModel model) {
    String where = model.source().location();
    return Finding.error(FindingCode.INGRESS_EMPTY)
        .check(CHECK_ID)
        .subject(where)
        .message(where + " has no ingress rules, so cloudflared answers 503 to every request")
        .remediation(
            "add an ingress list to " + where + " with one rule per public hostname and a catch-all last, e.g."
                + " ingress: [{hostname: app.example.com, service: http://127.0.0.1:8080}, {service: http_status:404}]")
        .evidence("cloudflaredMessage", NO_RULES)
        .evidence("source", "config")
        .build();
  }

  private static Finding invalid(IngressModel model, IngressViolation violation) {
    Finding.Builder finding = Finding.error(FindingCode.INGRESS_INVALID).check(CHECK_ID);
    String text = violation.cloudflaredMessage();
    if (violation.rule() < 0) {
      return finding
          .subject("setting url")
          .message("cloudflared refuses the url setting together with ingress rules: " + text)
          .remediation("remove the top-level url setting (and $TUNNEL_URL); with ingress rules, each rule's service says where traffic goes")
          .evidence("cloudflaredMessage", text)
          .evidence("url", model.setting("url").orElse(""))
          .evidence("source", "config")
          .build();
    }
    IngressRule rule = model.rule(violation.rule());
    String location = rule.location() != null ? " at " + rule.location() : "";
    String numbering =
        text.contains("Rule #")
            ? " (cloudflared counts rules from 1 in this message; this report counts from 0, like its ingressRule= log field)"
            : "";
    finding
        .subject("rule #" + rule.index())
        .message("cloudflared refuses the ingress rules because of " + rule.label() + location + ": " + text + numbering)
        .remediation(remediation(rule, violation))
        .rule(rule.index())
        .evidence("cloudflaredMessage", text)
        .evidence("cloudflaredOutput", "Validation failed: " + text);
    if (rule.location() != null) {
      finding.evidence("location", String.valueOf(rule.location()));
    }
    return finding
        .evidence("hostname", rule.hostname())
        .evidence("path", rule.path())
        .evidence("service", rule.rawService())
        .evidence("source", "config")
        .build();
  }

  private static String remediation(IngressRule rule, IngressViolation violation) {
    String r = "rule #" + rule.index();
    return switch (violation.kind()) {
      case SERVICE -> serviceRemediation(rule);
      case SOCKS_IP_RULE ->
          "fix " + r + "'s originRequest.ipRules: each entry needs prefix: a CIDR such as 127.0.0.0/8 or fd00::/8,"
              + " and ports between 1 and 65535";
      case ACCESS ->
          "set originRequest.access.teamName of " + r + " to your Cloudflare Zero Trust team name, or remove its audTag list";
      case HOSTNAME_PORT -> {
        String host = GoNet.splitHostPortHost(rule.hostname());
        yield "remove the port from " + r + "'s hostname: hostname: " + (host == null ? rule.hostname() : host)
            + " (cloudflared ignores the request's port when it matches hostnames)";
      }
      case HOSTNAME_WILDCARD ->
          "use at most one wildcard, only as the first label (hostname: *.example.com), or write one rule per hostname";
      case LAST_NOT_CATCH_ALL ->
          "add a last rule without hostname and path, e.g. '- service: http_status:404', after " + r;
      case CATCH_ALL_NOT_LAST ->
          "give " + r + " a hostname, or move it to the end of the list: every rule after it is never used";
      case PATH_REGEX ->
          "fix " + r + "'s path: it is a Go RE2 regular expression (no look-arounds, no backreferences), e.g. ^/api(/|$)";
      case URL_SETTING -> "remove the url setting";
    };
  }

  private static String serviceRemediation(IngressRule rule) {
    String r = "rule #" + rule.index();
    String raw = rule.rawService();
    if (raw.isEmpty()) {
      return "add a service to " + r + ", e.g. service: http://127.0.0.1:8080";
    }
    if (raw.startsWith("http_status:")) {
      return "change " + r + "'s service to http_status: followed by a status code between 100 and 999, e.g. http_status:404";
    }
    boolean pathGiven =
        rule.service() instanceof OriginService.Invalid invalid && invalid.cloudflaredMessage().endsWith(PATH_NOT_SUPPORTED);
    if (pathGiven) {
      return "change " + r + "'s service to " + withoutPath(raw)
          + " (cloudflared forwards the visitor's own path; use the rule's path: field to route by path)";
    }
    if (!raw.contains("://")) {
      return "add a scheme to " + r + "'s service: service: http://" + raw
          + " (or https://, ssh://, tcp://, unix:/path, http_status:NNN, hello_world)";
    }
    String scheme = raw.substring(0, raw.indexOf("://")).toLowerCase(Locale.ROOT);
    return "write " + r + "'s service as scheme://host[:port] with a host, e.g. " + scheme + "://127.0.0.1:8080 (was " + raw + ")";
  }

  private static String withoutPath(String raw) {
    int start = raw.indexOf("://");
    int slash = raw.indexOf('/', start < 0 ? 0 : start + 3);
    return slash < 0 ? raw : raw.substring(0, slash);
  }
}
