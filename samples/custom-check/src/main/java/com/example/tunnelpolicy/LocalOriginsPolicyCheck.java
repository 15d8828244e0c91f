package com.example.tunnelpolicy;

import io.github.tunneldiagnostics.api.check.Check;
import io.github.tunneldiagnostics.api.check.CheckContext;
import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.ingress.IngressRule;
import io.github.tunneldiagnostics.api.ingress.OriginService;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A platform team's policy: a connector may only send plain-text traffic to origins on its own host.
 * An {@code http://} (or {@code ws://}, or TCP stream) service whose host is not loopback crosses a
 * network unencrypted, so this check warns with {@code POLICY_REMOTE_PLAINTEXT_ORIGIN}. It needs no
 * network: it reads the ingress model only.
 *
 * <p>Registered in {@code META-INF/services} and {@code module-info}, so {@code ./tunnel-doctor} and the
 * testkit pick it up through {@code Diagnosis.Builder.discoverChecks()}.
 */
public final class LocalOriginsPolicyCheck implements Check {

  /** This check's finding code; custom checks use codes of their own. */
  public static final String CODE = "POLICY_REMOTE_PLAINTEXT_ORIGIN";

  private static final Set<String> LOOPBACK_NAMES = Set.of("localhost", "127.0.0.1", "::1", "ip6-localhost");

  @Override
  public String id() {
    return "policy.local-origins";
  }

  @Override
  public String description() {
    return "plain-text origins must be on the connector's own host";
  }

  @Override
  public List<Finding> run(CheckContext context) {
    List<Finding> findings = new ArrayList<>();
    for (IngressRule rule : context.ingress().rules()) {
      String host;
      boolean plainText;
      if (rule.service() instanceof OriginService.Http http) {
        host = http.host();
        plainText = !http.tls();
      } else if (rule.service() instanceof OriginService.Stream stream) {
        host = stream.host();
        plainText = true;
      } else {
        continue;
      }
      if (plainText && !isLoopback(host)) {
        findings.add(Finding.warning(CODE)
            .check(id())
            .subject(rule.label() + " " + rule.service())
            .message("Rule #" + rule.index() + " sends plain-text traffic to " + host
                + ", which is not on the connector's host; it crosses the network unencrypted.")
            .remediation("Run the app next to cloudflared and use http://localhost:<port>, or switch rule #"
                + rule.index() + " to an https:// service.")
            .rule(rule.index())
            .evidence("service", rule.service().toString())
            .evidence("host", host)
            .build());
      }
    }
    return findings;
  }

  private static boolean isLoopback(String host) {
    return LOOPBACK_NAMES.contains(host) || host.startsWith("127.");
  }
}
