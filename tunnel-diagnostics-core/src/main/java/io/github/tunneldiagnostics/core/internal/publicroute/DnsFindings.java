package io.github.tunneldiagnostics.core.internal.publicroute;

import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.check.FindingCode;
import io.github.tunneldiagnostics.core.internal.dns.AddressText;
import io.github.tunneldiagnostics.core.internal.dns.DnsAnswer;
import io.github.tunneldiagnostics.core.internal.dns.DnsReading;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/** The findings of a hostname's DNS (public-route.md §1.4 and the decision table of §4). */
final class DnsFindings {
  static final String CHECK = "public.dns";

  private DnsFindings() {}

  /**
   * @param wrongZone the name {@code <host>.<zone>} that exists while the host does not, or null
   * @param localTunnelId the tunnel this connector serves, or null when unknown
   */
  static List<Finding> of(PublicTarget target, DnsReading reading, @Nullable String wrongZone, @Nullable String localTunnelId) {
    List<Finding> findings = new ArrayList<>();
    String host = target.host();
    String cname = "a proxied CNAME " + host + " → " + (localTunnelId != null ? localTunnelId : "<tunnel-uuid>") + ".cfargotunnel.com";
    switch (reading.outcome()) {
      case NOT_FOUND -> {
        if (wrongZone != null) {
          // <host>.<zone> by construction; anything else names the whole wrong name as its zone (found by Jazzer)
          String zone = wrongZone.length() > host.length() + 1 && wrongZone.startsWith(host + ".")
              ? wrongZone.substring(host.length() + 1) : wrongZone;
          findings.add(base(Finding.error(FindingCode.DNS_WRONG_ZONE), target, reading)
              .message(host + " does not exist in DNS, but " + wrongZone + " does: the record was written into zone " + zone
                  + " (cloudflared tunnel route dns uses the zone of its cert.pem), not into the zone of " + host + ".")
              .remediation("Delete " + wrongZone + " from zone " + zone + ", and create " + cname + " in the zone that holds " + host
                  + " (in its DNS settings, or with cloudflared tunnel route dns using a cert.pem of that zone).")
              .evidence("dns.wrongZoneName", wrongZone)
              .build());
        } else {
          boolean nodata = reading.answers().stream().anyMatch(a -> a.rcode().equals(DnsAnswer.NOERROR));
          findings.add(base(Finding.error(FindingCode.DNS_NAME_NOT_FOUND), target, reading)
              .message(nodata
                  ? host + " has no A or AAAA record: the resolvers asked know the name but return no address, so visitors cannot reach it."
                  : host + " does not exist in DNS: every resolver asked answered NXDOMAIN"
                      + (reading.zone() != null ? " (the zone that denied it: " + reading.zone() + ")" : "") + ".")
              .remediation("Create " + cname + (localTunnelId != null ? ": cloudflared tunnel route dns " + localTunnelId + " " + host : "")
                  + " (or add it as a public hostname of the tunnel in the dashboard).")
              .build());
        }
      }
      case NOT_PROXIED -> {
        String target0 = reading.tunnelTarget();
        String seen = target0 != null ? "the CNAME to " + target0 + ".cfargotunnel.com" : "the unroutable address fd10:aec2:5dae::";
        findings.add(base(Finding.error(FindingCode.DNS_NOT_PROXIED), target, reading)
            .message(host + " is a DNS-only record: resolvers return " + seen
                + ", which only works proxied through Cloudflare, so visitors never reach the tunnel.")
            .remediation("Turn the proxy on (orange cloud) for " + host + " in the zone's DNS settings: it must be " + cname
                + " in a Cloudflare zone of the tunnel's account.")
            .build());
        if (target0 != null && localTunnelId != null && !target0.equalsIgnoreCase(localTunnelId)) {
          findings.add(otherTunnel(target, reading, target0, localTunnelId));
        }
      }
      case NOT_CLOUDFLARE -> findings.add(base(Finding.error(FindingCode.DNS_NOT_CLOUDFLARE), target, reading)
          .message(host + " resolves to " + addresses(reading.addresses()) + ", outside Cloudflare's address ranges and without a "
              + "cfargotunnel.com CNAME: visitors reach that server, never the tunnel.")
          .remediation("Replace the A/AAAA (or CNAME) record of " + host + " with " + cname + ".")
          .build());
      case CLOUDFLARE -> {
        // proxied: the edge request says what visitors get
      }
      case UNANSWERED -> findings.add(base(Finding.warning(FindingCode.CHECK_FAILED), target, reading)
          .message("No DNS server answered for " + host + ": " + reading.describe() + ".")
          .remediation("Check this machine's resolvers (/etc/resolv.conf), or name one with --dns-server ADDR[:PORT].")
          .build());
    }
    return findings;
  }

  static Finding otherTunnel(PublicTarget target, DnsReading reading, String routedTunnel, String localTunnelId) {
    return base(Finding.error(FindingCode.DNS_ROUTES_TO_OTHER_TUNNEL), target, reading)
        .message(target.host() + " points at tunnel " + routedTunnel + ", but this connector serves tunnel " + localTunnelId
            + ": visitors are sent to the other tunnel.")
        .remediation("Point " + target.host() + " at this tunnel: cloudflared tunnel route dns --overwrite-dns " + localTunnelId + " "
            + target.host() + ".")
        .evidence("dns.tunnel", routedTunnel)
        .evidence("localTunnel", localTunnelId)
        .build();
  }

  static Finding.Builder base(Finding.Builder builder, PublicTarget target, DnsReading reading) {
    builder.check(CHECK).subject(target.subject());
    if (target.rule() >= 0) {
      builder.rule(target.rule());
    }
    return builder.evidence("source", "dns").evidence(evidence(reading));
  }

  static java.util.Map<String, String> evidence(DnsReading reading) {
    java.util.Map<String, String> evidence = new java.util.LinkedHashMap<>();
    evidence.put("dns.resolver", reading.answers().stream().map(a -> a.server().label()).collect(Collectors.joining(", ")));
    evidence.put("dns.rcode", reading.answers().stream().map(DnsAnswer::rcode).distinct().collect(Collectors.joining(", ")));
    List<String> chain = reading.answers().stream().flatMap(a -> a.chain().stream()).distinct().toList();
    evidence.put("dns.chain", chain.isEmpty() ? "none" : String.join(", ", chain));
    evidence.put("dns.addresses", addresses(reading.addresses()));
    evidence.put("dns.zone", reading.zone() != null ? reading.zone() : "unknown");
    if (reading.disagree()) {
      evidence.put("dns.disagree", reading.describe());
    }
    return evidence;
  }

  static String addresses(List<InetAddress> addresses) {
    return addresses.isEmpty() ? "none" : addresses.stream().map(AddressText::of).collect(Collectors.joining(", "));
  }
}
