package io.github.tunneldiagnostics.core.internal.cloudflareapi;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One record of Z2 {@code GET /zones/{zone}/dns_records}.
 *
 * @param name the record's name
 * @param type {@code CNAME}, {@code A}, {@code AAAA}, …
 * @param content its target
 * @param proxied whether Cloudflare proxies it (orange cloud)
 */
public record DnsRecordInfo(String name, String type, String content, boolean proxied) {
  private static final Pattern TUNNEL =
      Pattern.compile("(?i)([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\\.cfargotunnel\\.com\\.?");

  static DnsRecordInfo from(Map<String, Object> record) {
    String name = Json.string(record, "name");
    String type = Json.string(record, "type");
    String content = Json.string(record, "content");
    return new DnsRecordInfo(name != null ? name : "", type != null ? type : "", content != null ? content : "", Json.bool(record, "proxied"));
  }

  /** The tunnel id of a {@code <uuid>.cfargotunnel.com} target, lower case, or null. */
  public @Nullable String tunnelId() {
    Matcher matcher = TUNNEL.matcher(content);
    return type.equalsIgnoreCase("CNAME") && matcher.matches() ? matcher.group(1).toLowerCase(Locale.ROOT) : null;
  }

  /** {@code CNAME app.example.com → x.cfargotunnel.com (proxied)}. */
  public String describe() {
    return type + " " + name + " → " + content + (proxied ? " (proxied)" : " (DNS only)");
  }
}
