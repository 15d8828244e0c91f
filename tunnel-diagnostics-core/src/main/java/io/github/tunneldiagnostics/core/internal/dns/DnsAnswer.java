package io.github.tunneldiagnostics.core.internal.dns;

import java.net.InetAddress;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What one DNS server answered for one name: the A and AAAA lookups (with the CNAME chain the server
 * followed), the CNAME lookup and the zone apex from the SOA.
 *
 * @param server who answered
 * @param name the name asked, absolute (trailing dot)
 * @param rcode the response code of the address lookups ({@code NOERROR}, {@code NXDOMAIN},
 *     {@code SERVFAIL}, …), or {@code TIMEOUT} / {@code UNREACHABLE} when no answer came
 * @param chain the CNAME links seen, each {@code owner. → target.}, in order
 * @param addresses the A and AAAA addresses, A first
 * @param zone the zone apex from the SOA (the zone that answered or denied the name), or null
 * @param failure why the server gave no answer, or null when it did
 */
public record DnsAnswer(
    DnsServer server, String name, String rcode, List<String> chain, List<InetAddress> addresses,
    @Nullable String zone, @Nullable String failure) {

  public static final String NOERROR = "NOERROR";
  public static final String NXDOMAIN = "NXDOMAIN";
  public static final String TIMEOUT = "TIMEOUT";

  public DnsAnswer {
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(rcode, "rcode");
    chain = List.copyOf(chain);
    addresses = List.copyOf(addresses);
  }

  /** Whether the server answered at all (any rcode). */
  public boolean answered() {
    return failure == null;
  }

  /** The last target of the CNAME chain, or null when there is none. */
  public @Nullable String chainTarget() {
    if (chain.isEmpty()) {
      return null;
    }
    String last = chain.get(chain.size() - 1);
    return last.substring(last.indexOf("→ ") + 2);
  }

  /** The addresses as text, e.g. {@code 104.16.1.1, 2606:4700::6810:101}; {@code none} when empty. */
  public String addressText() {
    if (addresses.isEmpty()) {
      return "none";
    }
    return String.join(", ", addresses.stream().map(AddressText::of).toList());
  }
}
