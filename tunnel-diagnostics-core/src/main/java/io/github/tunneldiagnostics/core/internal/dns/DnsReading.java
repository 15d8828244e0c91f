package io.github.tunneldiagnostics.core.internal.dns;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The DNS of one public hostname as every asked server answered it, classified.
 *
 * @param host the hostname, lower case, without trailing dot
 * @param outcome the classification
 * @param answers one answer per server, in the order asked
 * @param disagree whether the servers that answered gave different outcomes (split horizon, stale cache)
 */
public record DnsReading(String host, DnsOutcome outcome, List<DnsAnswer> answers, boolean disagree) {
  private static final Pattern TUNNEL_TARGET =
      Pattern.compile("(?i)([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\\.cfargotunnel\\.com\\.?");

  public DnsReading {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(outcome, "outcome");
    answers = List.copyOf(answers);
  }

  /** Classifies the answers of every server (public-route.md §1.4); the most telling outcome wins. */
  public static DnsReading classify(String host, List<DnsAnswer> answers, CloudflareRanges ranges) {
    Set<DnsOutcome> seen = new LinkedHashSet<>();
    for (DnsAnswer answer : answers) {
      seen.add(outcomeOf(answer, ranges));
    }
    seen.remove(DnsOutcome.UNANSWERED);
    DnsOutcome outcome = DnsOutcome.UNANSWERED;
    for (DnsOutcome candidate : List.of(DnsOutcome.NOT_PROXIED, DnsOutcome.NOT_CLOUDFLARE, DnsOutcome.CLOUDFLARE, DnsOutcome.NOT_FOUND)) {
      if (seen.contains(candidate)) {
        outcome = candidate;
        break;
      }
    }
    return new DnsReading(host.toLowerCase(Locale.ROOT), outcome, answers, seen.size() > 1);
  }

  static DnsOutcome outcomeOf(DnsAnswer answer, CloudflareRanges ranges) {
    if (!answer.answered()) {
      return DnsOutcome.UNANSWERED;
    }
    for (String link : answer.chain()) {
      if (link.toLowerCase(Locale.ROOT).endsWith(".cfargotunnel.com.")) {
        return DnsOutcome.NOT_PROXIED;
      }
    }
    for (InetAddress address : answer.addresses()) {
      if (CloudflareRanges.isTunnelPlaceholder(address)) {
        return DnsOutcome.NOT_PROXIED;
      }
    }
    if (answer.rcode().equals(DnsAnswer.NXDOMAIN)) {
      return DnsOutcome.NOT_FOUND;
    }
    if (!answer.rcode().equals(DnsAnswer.NOERROR)) {
      return DnsOutcome.UNANSWERED; // SERVFAIL, REFUSED: that server could not say
    }
    if (answer.addresses().isEmpty()) {
      return DnsOutcome.NOT_FOUND;
    }
    for (InetAddress address : answer.addresses()) {
      if (!ranges.contains(address)) {
        return DnsOutcome.NOT_CLOUDFLARE;
      }
    }
    return DnsOutcome.CLOUDFLARE;
  }

  /** The tunnel UUID of a {@code <uuid>.cfargotunnel.com} CNAME in any chain, or null. */
  public @Nullable String tunnelTarget() {
    for (DnsAnswer answer : answers) {
      for (String link : answer.chain()) {
        Matcher matcher = TUNNEL_TARGET.matcher(link.substring(link.indexOf("→ ") + 2));
        if (matcher.matches()) {
          return matcher.group(1).toLowerCase(Locale.ROOT);
        }
      }
    }
    return null;
  }

  /** The zone apex the servers named (from the SOA), without trailing dot, or null. */
  public @Nullable String zone() {
    for (DnsAnswer answer : answers) {
      if (answer.zone() != null) {
        String zone = answer.zone();
        return zone.endsWith(".") ? zone.substring(0, zone.length() - 1) : zone;
      }
    }
    return null;
  }

  /** Labels between the hostname and its zone apex: {@code a.b.example.com} under {@code example.com} is 2. */
  public int depth() {
    String zone = zone();
    if (zone == null || zone.isEmpty() || !(host.equals(zone) || host.endsWith("." + zone))) {
      return -1;
    }
    String prefix = host.equals(zone) ? "" : host.substring(0, host.length() - zone.length() - 1);
    return prefix.isEmpty() ? 0 : prefix.split("\\.").length;
  }

  /** Every distinct address any server answered, in order. */
  public List<InetAddress> addresses() {
    Set<InetAddress> all = new LinkedHashSet<>();
    for (DnsAnswer answer : answers) {
      all.addAll(answer.addresses());
    }
    return new ArrayList<>(all);
  }

  /** One line per server: {@code 127.0.0.1:53 NOERROR app.example.com. → x.cfargotunnel.com.; fd10:aec2:5dae::}. */
  public String describe() {
    List<String> lines = new ArrayList<>();
    for (DnsAnswer answer : answers) {
      StringBuilder line = new StringBuilder(answer.server().label()).append(' ').append(answer.rcode());
      if (!answer.chain().isEmpty()) {
        line.append(' ').append(String.join(", ", answer.chain())).append(';');
      }
      line.append(' ').append(answer.addressText());
      if (answer.failure() != null) {
        line.append(" (").append(answer.failure()).append(')');
      }
      lines.add(line.toString());
    }
    return String.join(" | ", lines);
  }
}
