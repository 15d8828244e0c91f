package io.github.tunneldiagnostics.core.internal.cloudflareapi;

import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.check.FindingCode;
import io.github.tunneldiagnostics.core.internal.publicroute.PublicTarget;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/** Each public hostname's zone and DNS records, as the account holds them (decision table rows #1–#5). */
final class RecordReview {
  private final AccountReader reader;
  private final @Nullable String tunnelId;
  private final String auth;
  private boolean zonesRefused;
  private boolean recordsRefused;

  RecordReview(AccountReader reader, @Nullable String tunnelId, String auth) {
    this.reader = reader;
    this.tunnelId = tunnelId;
    this.auth = auth;
  }

  void review(List<PublicTarget> targets, List<Finding> findings) throws ApiUnavailableException {
    Map<String, PublicTarget> byHost = new LinkedHashMap<>();
    for (PublicTarget target : targets) {
      byHost.putIfAbsent(target.host(), target);
    }
    Map<String, ZoneInfo> zones = new LinkedHashMap<>();
    List<PublicTarget> missing = new ArrayList<>();
    for (PublicTarget target : byHost.values()) {
      if (zonesRefused || recordsRefused) {
        return;
      }
      AccountReader.ZoneLookup lookup = reader.zoneOf(target.host());
      if (lookup.failure() != null) {
        findings.add(ApiFindings.problem(lookup.failure(), ApiFindings.ZONE_READ, "looking up the zone of " + target.host(), auth));
        zonesRefused = true;
        if (ApiFindings.tokenRejected(lookup.failure())) {
          return;
        }
        continue;
      }
      ZoneInfo zone = lookup.zone();
      if (zone == null) {
        findings.add(ApiFindings.skipped("no zone", "No zone of this account holds " + target.host()
            + ": its DNS records could not be read (the zone is in another account, or not on Cloudflare).",
            "Use a token of the account whose zone holds " + target.host() + ", or move the zone to the tunnel's account.", target.subject()));
        continue;
      }
      zones.put(zone.name(), zone);
      ApiReply reply = reader.records(zone, target.host());
      if (!reply.ok()) {
        findings.add(ApiFindings.problem(reply, ApiFindings.DNS_READ, "reading the DNS records of " + target.host(), auth));
        recordsRefused = true;
        if (ApiFindings.tokenRejected(reply)) {
          return;
        }
        continue;
      }
      List<DnsRecordInfo> records = AccountReader.recordsOf(reply);
      if (records.isEmpty()) {
        missing.add(target);
        continue;
      }
      Finding finding = judge(target, zone, reply, records);
      if (finding != null) {
        findings.add(finding);
      }
    }
    for (PublicTarget target : missing) {
      findings.add(notFound(target, zones));
    }
  }

  private @Nullable Finding judge(PublicTarget target, ZoneInfo zone, ApiReply reply, List<DnsRecordInfo> records) {
    String described = records.stream().map(DnsRecordInfo::describe).collect(Collectors.joining("; "));
    for (DnsRecordInfo record : records) {
      String routed = record.tunnelId();
      if (routed == null) {
        continue;
      }
      if (tunnelId != null && !routed.equalsIgnoreCase(tunnelId)) {
        return base(Finding.error(FindingCode.DNS_ROUTES_TO_OTHER_TUNNEL), target, reply, described)
            .message("In zone " + zone.name() + ", " + target.host() + " is a CNAME to tunnel " + routed + ", not to tunnel " + tunnelId
                + " that this connector serves: visitors are sent to the other tunnel.")
            .remediation("Point it at this tunnel: cloudflared tunnel route dns --overwrite-dns " + tunnelId + " " + target.host()
                + " (or edit the CNAME's target in the zone's DNS settings).")
            .evidence("api.tunnel", routed)
            .build();
      }
      if (!record.proxied()) {
        return base(Finding.error(FindingCode.DNS_NOT_PROXIED), target, reply, described)
            .message("In zone " + zone.name() + ", " + target.host() + " is a DNS-only CNAME to " + record.content()
                + ": only a proxied record reaches the tunnel.")
            .remediation("Turn the proxy on (orange cloud) for " + target.host() + " in the DNS settings of " + zone.name() + ".")
            .build();
      }
      return null; // a proxied CNAME to this tunnel (or to a tunnel, when this one is unknown): as it should be
    }
    DnsRecordInfo first = records.get(0);
    if (first.proxied()) {
      return base(Finding.error(FindingCode.EDGE_CNAME_CROSS_ACCOUNT), target, reply, described)
          .message("In zone " + zone.name() + ", " + target.host() + " is " + first.describe()
              + ", not a CNAME to <uuid>.cfargotunnel.com: the edge does not send it to a tunnel (a CNAME to another target gives error 1014).")
          .remediation("Make " + target.host() + " a proxied CNAME to " + (tunnelId != null ? tunnelId : "<tunnel-uuid>") + ".cfargotunnel.com.")
          .build();
    }
    return base(Finding.error(FindingCode.DNS_NOT_CLOUDFLARE), target, reply, described)
        .message("In zone " + zone.name() + ", " + target.host() + " is " + first.describe() + ": visitors reach that target, never the tunnel.")
        .remediation("Replace it with a proxied CNAME to " + (tunnelId != null ? tunnelId : "<tunnel-uuid>") + ".cfargotunnel.com.")
        .build();
  }

  /** No record of the host in its zone: written into another zone ({@code <host>.<zone>}), or absent. */
  private Finding notFound(PublicTarget target, Map<String, ZoneInfo> zones) throws ApiUnavailableException {
    String host = target.host();
    for (ZoneInfo zone : zones.values()) {
      if (host.endsWith("." + zone.name()) || host.equals(zone.name())) {
        continue;
      }
      ApiReply reply = reader.recordsStartingWith(zone, host + ".");
      if (reply.ok()) {
        for (DnsRecordInfo record : AccountReader.recordsOf(reply)) {
          if (record.name().toLowerCase(Locale.ROOT).equals(host + "." + zone.name())) {
            return base(Finding.error(FindingCode.DNS_WRONG_ZONE), target, reply, record.describe())
                .message(host + " has no record in its own zone, but zone " + zone.name() + " holds " + record.name()
                    + ": cloudflared tunnel route dns wrote it into the zone of its cert.pem.")
                .remediation("Delete " + record.name() + " from zone " + zone.name() + ", and create a proxied CNAME " + host + " → "
                    + (tunnelId != null ? tunnelId : "<tunnel-uuid>") + ".cfargotunnel.com in the zone that holds " + host + ".")
                .evidence("api.wrongZoneName", record.name())
                .build();
          }
        }
      }
    }
    return Finding.error(FindingCode.DNS_NAME_NOT_FOUND).check(CloudflareApiCheck.ID).subject(target.subject())
        .message("The account's zone for " + host + " holds no DNS record with that name.")
        .remediation("Create a proxied CNAME " + host + " → " + (tunnelId != null ? tunnelId : "<tunnel-uuid>") + ".cfargotunnel.com"
            + (tunnelId != null ? ": cloudflared tunnel route dns " + tunnelId + " " + host : "") + ".")
        .evidence(ruleEvidence(target))
        .evidence("source", "api")
        .evidence("api.auth", auth)
        .build();
  }

  private Finding.Builder base(Finding.Builder builder, PublicTarget target, ApiReply reply, String records) {
    return builder.check(CloudflareApiCheck.ID).subject(target.subject())
        .evidence(ruleEvidence(target))
        .evidence(CloudflareApiCheck.evidence(reply, auth))
        .evidence("api.records", records);
  }

  private static Map<String, String> ruleEvidence(PublicTarget target) {
    return target.rule() >= 0 ? Map.of(Finding.RULE_KEY, Integer.toString(target.rule())) : Map.of();
  }
}
