package io.github.tunneldiagnostics.core.internal.publicroute;

import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.check.FindingCode;
import io.github.tunneldiagnostics.core.internal.dns.DnsReading;
import io.github.tunneldiagnostics.core.internal.edge.EdgeCase;
import io.github.tunneldiagnostics.core.internal.edge.EdgeClassifier;
import io.github.tunneldiagnostics.core.internal.edge.EdgeFailure;
import io.github.tunneldiagnostics.core.internal.edge.EdgeResponse;
import io.github.tunneldiagnostics.core.internal.edge.EdgeTarget;
import io.github.tunneldiagnostics.core.internal.edge.EdgeVerdict;
import org.jspecify.annotations.Nullable;

/** The findings of one edge request (public-route.md §2.3–2.5 and the decision table of §4). */
final class EdgeFindings {
  static final String CHECK = "public.edge";

  private EdgeFindings() {}

  /** What the local side says about a 502, with the log line that decided it. */
  record Attribution(BadGatewayAttribution who, @Nullable String logLine, String counters) {}

  static Finding ofResponse(
      PublicTarget target, EdgeTarget edge, EdgeResponse response, EdgeVerdict verdict, @Nullable Attribution attribution,
      @Nullable String localTunnelId) {
    String host = target.host();
    String ray = EdgeClassifier.cfRay(response);
    String answered = "answered " + response.status() + (verdict.errorCode() != null ? " with Cloudflare error " + verdict.errorCode() : "")
        + (ray != null ? " (cf-ray " + ray + ")" : "");
    String rule = target.rule() >= 0 ? "rule #" + target.rule() : "the rule for " + host;
    Finding.Builder finding = switch (verdict.edgeCase()) {
      case REACHED_ORIGIN -> Finding.info(FindingCode.EDGE_REACHABLE)
          .message(edge.url() + " " + answered + " through Cloudflare: the request went through to an origin.");
      case NOT_CLOUDFLARE -> Finding.error(FindingCode.DNS_NOT_CLOUDFLARE)
          .message(edge.url() + " was answered by a server that is not Cloudflare (no cf-ray, server: "
              + String.valueOf(response.header("server")) + "): visitors never reach the tunnel.")
          .remediation("Point " + host + " at the tunnel with a proxied CNAME to <tunnel-uuid>.cfargotunnel.com.");
      case CHALLENGE -> intercepted("challenge", edge, answered + ": a Cloudflare challenge page (cf-mitigated: challenge) answers before the tunnel",
          "A browser may pass it; monitors and API clients do not. Exempt this path from the challenge (Security rules), or expect it.");
      case ACCESS_LOGIN -> intercepted("access", edge, answered + ": Cloudflare Access redirects to its login before the tunnel",
          "Expected when the hostname is an Access application; give monitors a service token, or bypass Access for this path.")
          .evidence("edge.location", EdgeClassifier.safeLocation(String.valueOf(response.header("location"))));
      case ACCESS_DENIED -> intercepted("access", edge, answered + ": Cloudflare Access refused the request before the tunnel",
          "Check the Access policy of this application.");
      case WAF_BLOCK -> intercepted("waf", edge, answered + ": a WAF rule blocked the request before the tunnel",
          "Find the rule in Security › Events by the cf-ray and exempt this request, or expect the block.");
      case RATE_LIMITED -> intercepted("ratelimit", edge, answered + ": a rate-limiting rule answered before the tunnel",
          "Wait for the limit to reset, or exempt this client in the zone's rate-limiting rules.");
      case TUNNEL_DOWN, EDGE_1XXX_UNKNOWN -> Finding.error(FindingCode.EDGE_TUNNEL_UNAVAILABLE)
          .message(edge.url() + " " + answered + ": Cloudflare has no healthy connector for the tunnel the hostname points at"
              + " (this connector is down, or the hostname points at another tunnel).")
          .remediation("Start cloudflared for the tunnel" + (localTunnelId != null ? " " + localTunnelId : "")
              + " and check its /ready; if it runs and is ready, point " + host + " at it: cloudflared tunnel route dns --overwrite-dns "
              + (localTunnelId != null ? localTunnelId : "<tunnel>") + " " + host + ".");
      case ORIGIN_DNS -> Finding.error(FindingCode.EDGE_ORIGIN_DNS_ERROR)
          .message(edge.url() + " " + answered + ": the record's target does not resolve at Cloudflare (a deleted tunnel, or a typo in the CNAME target).")
          .remediation("Point " + host + " at an existing tunnel: a proxied CNAME to <tunnel-uuid>.cfargotunnel.com.");
      case CNAME_CROSS_ACCOUNT, PROHIBITED_IP -> Finding.error(FindingCode.EDGE_CNAME_CROSS_ACCOUNT)
          .message(edge.url() + " " + answered + (verdict.edgeCase() == EdgeCase.PROHIBITED_IP
              ? ": the record points at a Cloudflare address instead of at the tunnel."
              : ": the record is a CNAME to a name in another Cloudflare account, or not to <uuid>.cfargotunnel.com."))
          .remediation("Make " + host + " a proxied CNAME to <tunnel-uuid>.cfargotunnel.com of a tunnel in the same account as the zone.");
      case BAD_GATEWAY, EDGE_5XX -> badGateway(edge, answered, rule, attribution);
      case TIMEOUT -> Finding.error(FindingCode.EDGE_TIMEOUT)
          .message(edge.url() + " " + answered + ": no response header came from behind the edge within the zone's proxy read timeout (100-120 s).")
          .remediation("Make " + rule + "'s origin answer (the first byte) well within 100 s, or move the slow work off the request.");
      case CATCH_ALL_404 -> target.catchAll() || target.rule() < 0
          ? Finding.error(FindingCode.HOSTNAME_NOT_ROUTED)
              .message(edge.url() + " " + answered + " with an empty body, as cloudflared's catch-all rule does"
                  + (target.rule() >= 0 ? "; the local ingress agrees: no rule names " + host + "." : "."))
              .remediation("Add an ingress rule for " + host + " above the catch-all, then restart cloudflared.")
          : Finding.info(FindingCode.EDGE_REACHABLE)
              .message(edge.url() + " " + answered + " with an empty body. cloudflared's catch-all answers so, but the local ingress routes "
                  + host + " to " + rule + ": unless the app answers an empty 404 here, the connector that served it runs other rules"
                  + " (a remotely managed config, another replica).");
      case NO_INGRESS_503 -> target.rule() < 0 || target.catchAll()
          ? Finding.error(FindingCode.NO_INGRESS_LOADED)
              .message(edge.url() + " " + answered + " with an empty body, as cloudflared does when it has no ingress rules.")
              .remediation("Give the connector its ingress: --config with ingress rules, or deliver the remote configuration, then restart it.")
          : Finding.info(FindingCode.EDGE_REACHABLE)
              .message(edge.url() + " " + answered + " with an empty body. cloudflared answers so when it has no ingress rules; the local ingress routes "
                  + host + " to " + rule + ": unless the app answers an empty 503 here, the connector that served it has no rules"
                  + " (a remote configuration never delivered).");
    };
    finding.check(CHECK).subject(target.subject()).evidence("source", "probe");
    if (target.rule() >= 0) {
      finding.rule(target.rule());
    }
    finding.evidence("edge.url", edge.url())
        .evidence("edge.status", response.status())
        .evidence("edge.cfRay", ray != null ? ray : "none")
        .evidence("edge.server", String.valueOf(response.header("server")))
        .evidence("edge.errorCode", verdict.errorCode() != null ? verdict.errorCode().toString() : "none")
        .evidence("edge.bodyForm", verdict.bodyForm())
        .evidence("edge.case", verdict.edgeCase().name())
        .evidence("edge.address", response.address() + (edge.pinned() ? " (--resolve)" : " (DNS)"))
        .evidence("tls.protocol", response.tls().protocol())
        .evidence("tls.sans", String.join(", ", response.tls().subjectAltNames()))
        .evidence("edge.timings", "connect " + response.timings().connectMs() + " ms, TLS " + response.timings().tlsMs()
            + " ms, first byte " + response.timings().firstByteMs() + " ms, total " + response.timings().totalMs() + " ms");
    if (attribution != null) {
      finding.evidence("attribution", attribution.who().evidence());
      if (attribution.logLine() != null) {
        finding.evidence("logLine", attribution.logLine());
      }
      if (!attribution.counters().isEmpty()) {
        finding.evidence("metrics", attribution.counters());
      }
    }
    return finding.build();
  }

  private static Finding.Builder intercepted(String kind, EdgeTarget edge, String what, String fix) {
    return Finding.warning(FindingCode.EDGE_INTERCEPTED)
        .message(edge.url() + " " + what + ".")
        .remediation(fix)
        .evidence("kind", kind);
  }

  private static Finding.Builder badGateway(EdgeTarget edge, String answered, String rule, @Nullable Attribution attribution) {
    BadGatewayAttribution who = attribution != null ? attribution.who() : BadGatewayAttribution.UNKNOWN;
    String base = edge.url() + " " + answered + ": Cloudflare's bad-gateway page, which it shows both for cloudflared's own 502 and for an origin's 502";
    return switch (who) {
      case CLOUDFLARED -> Finding.error(FindingCode.EDGE_BAD_GATEWAY)
          .message(base + "; this one is cloudflared's: it could not reach the origin of " + rule + ".")
          .remediation("Fix the origin link of " + rule + " (the ORIGIN_ findings of this report name the cause); visitors get 502 until cloudflared reaches it.");
      case ORIGIN -> Finding.error(FindingCode.EDGE_BAD_GATEWAY)
          .message(base + "; this one is the origin's: cloudflared reached it and the app itself answered 502.")
          .remediation("Fix the app behind " + rule + ": it answers 502 (a proxy in front of it whose upstream is down?).");
      case NOT_IN_LOG -> Finding.error(FindingCode.EDGE_BAD_GATEWAY)
          .message(base + "; this connector's log has no line for the request, so another connector or another tunnel served it.")
          .remediation("Find the connector that served it (cloudflared tunnel info), or point the hostname at this tunnel.");
      case UNKNOWN -> Finding.error(FindingCode.EDGE_BAD_GATEWAY)
          .message(base + "; which of the two could not be told without the connector's log or metrics.")
          .remediation("Pass cloudflared's log (--log FILE) or its metrics server (--metrics HOST:PORT) to tell cloudflared's 502 from the origin's;"
              + " meanwhile check the origin of " + rule + ".");
    };
  }

  static Finding ofFailure(PublicTarget target, EdgeTarget edge, EdgeFailure failure, @Nullable DnsReading reading) {
    Finding.Builder finding;
    int depth = reading != null ? reading.depth() : -1;
    String zone = reading != null ? reading.zone() : "";
    switch (failure.kind()) {
      case TLS_HANDSHAKE_ALERT, TLS_NAME_MISMATCH -> finding = Finding.error(FindingCode.EDGE_CERT_NOT_COVERED)
          .message("The TLS handshake with the edge for " + target.host() + " failed (" + failure.detail() + ")"
              + (depth >= 2 ? ": it is " + depth + " labels below its zone " + zone + ", and Universal SSL covers only the apex and"
                  + " first-level names." : ": the edge holds no certificate that covers it.")
              + " Browsers show ERR_SSL_VERSION_OR_CIPHER_MISMATCH.")
          .remediation("Order an Advanced Certificate (or enable Total TLS) that covers " + target.host()
              + (depth >= 2 ? ", or use a first-level name such as " + flattened(target.host(), reading) : "") + ".")
          .evidence("tls.alert", failure.kind() == EdgeFailure.Kind.TLS_HANDSHAKE_ALERT ? "handshake_failure (40)" : "name mismatch")
          .evidence("dns.depth", depth);
      case TIMEOUT -> finding = Finding.info(FindingCode.EDGE_TIMEOUT)
          .message(edge.url() + " gave no complete answer within the diagnosis's time (" + failure.detail()
              + "); the edge waits up to 100-120 s for an origin before its 524.")
          .remediation("Run again with a longer --timeout to see the edge's own answer.");
      case TLS_UNTRUSTED -> finding = Finding.warning(FindingCode.CHECK_FAILED)
          .message("The certificate the edge served for " + target.host() + " is not trusted here (" + failure.detail()
              + "): a TLS-inspecting proxy between this machine and Cloudflare?")
          .remediation("Pass the proxy's root certificate with --edge-ca FILE.pem to see the edge's answer through it.");
      default -> finding = Finding.warning(FindingCode.CHECK_FAILED)
          .message("The edge could not be asked for " + edge.url() + ": "
              + (failure.attempts().isEmpty() ? failure.detail() : String.join("; ", failure.attempts())) + ".")
          .remediation("Check this machine's outbound HTTPS to Cloudflare (a firewall, a proxy); the visitor's view was not tested.");
    }
    finding.check(CHECK).subject(target.subject()).evidence("source", "probe");
    if (target.rule() >= 0) {
      finding.rule(target.rule());
    }
    return finding.evidence("edge.url", edge.url())
        .evidence("edge.failure", failure.kind().name())
        .evidence("edge.address", failure.address().isEmpty() ? "none" : failure.address() + (edge.pinned() ? " (--resolve)" : " (DNS)"))
        .evidence("edge.attempts", failure.attempts().isEmpty() ? "none" : String.join("; ", failure.attempts()))
        .build();
  }

  private static String flattened(String host, @Nullable DnsReading reading) {
    String zone = reading != null ? reading.zone() : null;
    if (zone == null || !host.endsWith("." + zone)) {
      return "app.<zone>";
    }
    return host.substring(0, host.length() - zone.length() - 1).replace('.', '-') + "." + zone;
  }
}
