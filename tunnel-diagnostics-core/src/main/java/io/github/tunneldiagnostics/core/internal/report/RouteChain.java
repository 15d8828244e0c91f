package io.github.tunneldiagnostics.core.internal.report;

import io.github.tunneldiagnostics.api.DiagnosisReport;
import io.github.tunneldiagnostics.api.Route;
import io.github.tunneldiagnostics.api.RouteUrl;
import io.github.tunneldiagnostics.api.check.CheckResult;
import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.check.FindingCode;
import io.github.tunneldiagnostics.api.check.Severity;
import io.github.tunneldiagnostics.api.ingress.IngressModel;
import io.github.tunneldiagnostics.api.ingress.IngressRule;
import io.github.tunneldiagnostics.api.internal.golang.GoNet;
import io.github.tunneldiagnostics.core.internal.ingress.RuleList;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Draws one route as the chain hostname → rule → service → addresses, each link marked by the findings
 * about it. A finding belongs to a route when it names the route's rule (evidence {@code rule}, or one of
 * {@code rules} for a cause shared by several rules) or has
 * the route's URL or host as subject; it belongs to a link by its check (the public checks' to the hostname)
 * or its code (DNS_ and EDGE_ to the hostname; a
 * failed TLS handshake or HTTP exchange after the connection to a link of its own after the addresses, so
 * that the chain shows where it broke; other ORIGIN_ codes, TLS_VERIFY_DISABLED and CA_POOL_UNREADABLE to
 * the service; the rest to the rule) or, for the
 * pipeline's own CHECK_ codes, by its check id. Addresses come from {@code address.*} evidence. A link no
 * check looked at is marked not checked, never ok.
 */
final class RouteChain {
  private static final String ADDRESS_PREFIX = "address.";

  private enum Link { HOSTNAME, RULE, SERVICE, TLS, HTTP }

  /** Codes that mean the TLS handshake with the origin failed, after the connection was made. */
  private static final Set<String> TLS_STEP = Set.of(FindingCode.ORIGIN_CERT_UNTRUSTED, FindingCode.ORIGIN_CERT_NAME_MISMATCH,
      FindingCode.ORIGIN_CERT_EXPIRED, FindingCode.ORIGIN_SNI_REQUIRED, FindingCode.ORIGIN_SPEAKS_PLAINTEXT,
      FindingCode.ORIGIN_HTTP2_UNSUPPORTED);

  /** Codes that mean the HTTP exchange failed, after the connection (and TLS) were made. */
  private static final Set<String> HTTP_STEP = Set.of(FindingCode.ORIGIN_HTTP_ERROR, FindingCode.ORIGIN_SPEAKS_TLS,
      FindingCode.ORIGIN_HOST_HEADER_REJECTED, FindingCode.ORIGIN_REDIRECT_LOOP, FindingCode.ORIGIN_PROXY_HEADERS_REJECTED,
      FindingCode.ORIGIN_H2C_ONLY, FindingCode.ORIGIN_WEBSOCKET_REJECTED, FindingCode.ORIGIN_SLOW, FindingCode.ORIGIN_NO_RESPONSE);

  private RouteChain() {}

  static List<ChainLink> of(Route route, DiagnosisReport report) {
    IngressModel model = report.ingress();
    @Nullable IngressRule rule = model != null && route.rule() < model.rules().size() ? model.rule(route.rule()) : null;
    String host = hostOf(route, rule);
    List<Finding> findings = findingsOf(route, report);
    Map<Link, List<Finding>> byLink = new LinkedHashMap<>();
    for (Link link : Link.values()) {
      byLink.put(link, new ArrayList<>());
    }
    for (Finding finding : findings) {
      byLink.computeIfAbsent(linkOf(finding), l -> new ArrayList<>()).add(finding);
    }
    List<ChainLink> chain = new ArrayList<>();
    chain.add(link(0, host, byLink.getOrDefault(Link.HOSTNAME, List.of()), ran(report, "public", "dns", "edge")));
    chain.add(link(1, rule != null ? rule.label() : "rule #" + route.rule(), byLink.getOrDefault(Link.RULE, List.of()), true));
    boolean probed = ran(report, "origin");
    chain.add(link(1, route.service(), byLink.getOrDefault(Link.SERVICE, List.of()), probed));
    boolean dialed = rule == null || rule.service().isDialed();
    int stepDepth = 2;
    if (dialed) {
      List<Finding> connecting = new ArrayList<>(byLink.getOrDefault(Link.SERVICE, List.of()));
      connecting.addAll(byLink.getOrDefault(Link.TLS, List.of()));
      connecting.addAll(byLink.getOrDefault(Link.HTTP, List.of()));
      Map<String, ChainLink> addresses = addresses(connecting);
      if (addresses.isEmpty()) {
        chain.add(new ChainLink(2, probed ? "addresses not reported" : "addresses not probed", LinkStatus.NOT_CHECKED, ""));
      } else {
        chain.addAll(addresses.values());
        stepDepth = 3;
      }
    }
    // the step that failed after the connection is its own link, after the address that accepted it
    if (!byLink.getOrDefault(Link.TLS, List.of()).isEmpty()) {
      chain.add(link(stepDepth, "TLS handshake", byLink.getOrDefault(Link.TLS, List.of()), true));
    }
    if (!byLink.getOrDefault(Link.HTTP, List.of()).isEmpty()) {
      chain.add(link(stepDepth, "HTTP response", byLink.getOrDefault(Link.HTTP, List.of()), true));
    }
    return chain;
  }

  /** The findings about a route: those naming its rule, or with its URL or host as subject. */
  static List<Finding> findingsOf(Route route, DiagnosisReport report) {
    IngressModel model = report.ingress();
    @Nullable IngressRule rule = model != null && route.rule() < model.rules().size() ? model.rule(route.rule()) : null;
    String host = hostOf(route, rule);
    return report.findings().stream().filter(f -> concerns(f, route, host)).toList();
  }

  private static boolean concerns(Finding finding, Route route, String host) {
    List<Integer> rules = RuleList.rulesOf(finding);
    if (!rules.isEmpty()) {
      return rules.contains(route.rule());
    }
    return finding.subject().equals(route.label()) || finding.subject().equals(host);
  }

  private static Link linkOf(Finding finding) {
    String code = finding.code();
    if (finding.check().equals("public") || finding.check().startsWith("public.")) {
      return Link.HOSTNAME; // the visitor's side: DNS and the edge's answer, whatever code it names
    }
    if (code.equals(FindingCode.CHECK_FAILED) || code.equals(FindingCode.CHECK_SKIPPED)) {
      String check = finding.check();
      return check.startsWith("public") || check.startsWith("dns") || check.startsWith("edge") ? Link.HOSTNAME
          : check.startsWith("origin") ? Link.SERVICE : Link.RULE;
    }
    if (code.startsWith("DNS_") || code.startsWith("EDGE_")) {
      return Link.HOSTNAME;
    }
    if (TLS_STEP.contains(code)) {
      return Link.TLS;
    }
    if (HTTP_STEP.contains(code) && connected(finding)) {
      return Link.HTTP;
    }
    if (code.startsWith("ORIGIN_") || code.equals(FindingCode.TLS_VERIFY_DISABLED) || code.equals(FindingCode.CA_POOL_UNREADABLE)) {
      return Link.SERVICE;
    }
    return Link.RULE;
  }

  /** True when the finding's evidence shows an address that accepted the connection (or none is given). */
  private static boolean connected(Finding finding) {
    boolean any = false;
    for (Map.Entry<String, String> entry : finding.evidence().entrySet()) {
      if (entry.getKey().startsWith(ADDRESS_PREFIX) && entry.getKey().length() > ADDRESS_PREFIX.length()) {
        any = true;
        if (entry.getValue().startsWith("connected")) {
          return true;
        }
      }
    }
    return !any;
  }

  private static ChainLink link(int depth, String label, List<Finding> findings, boolean checked) {
    LinkStatus status = checked ? LinkStatus.OK : LinkStatus.NOT_CHECKED;
    Set<String> codes = new LinkedHashSet<>();
    for (Finding finding : findings) {
      if (finding.code().equals(FindingCode.CHECK_SKIPPED)) {
        continue;
      }
      status = status.worst(statusOf(finding.severity()));
      if (finding.severity() != Severity.INFO) {
        codes.add(finding.code());
      }
    }
    return new ChainLink(depth, label, status, String.join(", ", codes));
  }

  private static Map<String, ChainLink> addresses(List<Finding> serviceFindings) {
    Map<String, ChainLink> addresses = new LinkedHashMap<>();
    for (Finding finding : serviceFindings) {
      LinkStatus findingStatus = finding.severity() == Severity.ERROR ? LinkStatus.BROKEN : LinkStatus.OK;
      finding.evidence().forEach((key, value) -> {
        if (key.startsWith(ADDRESS_PREFIX) && key.length() > ADDRESS_PREFIX.length()) {
          // an address that accepted the connection is a sound link even when a later phase broke
          LinkStatus status = value.startsWith("connected") ? LinkStatus.OK : findingStatus;
          String address = key.substring(ADDRESS_PREFIX.length());
          ChainLink previous = addresses.get(address);
          if (previous == null || status.worst(previous.status()) != previous.status()) {
            addresses.put(address, new ChainLink(2, address, status, value));
          }
        }
      });
    }
    return addresses;
  }

  private static LinkStatus statusOf(Severity severity) {
    return switch (severity) {
      case ERROR -> LinkStatus.BROKEN;
      case WARNING -> LinkStatus.WARNING;
      case INFO -> LinkStatus.OK;
    };
  }

  private static boolean ran(DiagnosisReport report, String... prefixes) {
    for (CheckResult result : report.results()) {
      for (String prefix : prefixes) {
        if (result.checkId().equals(prefix) || result.checkId().startsWith(prefix + ".")) {
          return true;
        }
      }
    }
    for (Finding finding : report.findings()) {
      for (String prefix : prefixes) {
        if (finding.check().equals(prefix) || finding.check().startsWith(prefix + ".")) {
          return true;
        }
      }
    }
    return false;
  }

  /** The host of the route's URL, as cloudflared sees it; for a whole-rule route, the rule's hostname. */
  static String hostOf(Route route, @Nullable IngressRule rule) {
    String hostname = route.url().map(RouteUrl::hostname).orElse("");
    if (!hostname.isEmpty()) {
      return GoNet.authorityHost(hostname);
    }
    if (rule == null) {
      return route.label();
    }
    return rule.matchesAnyHost() ? "(any hostname)" : rule.hostname();
  }
}
