package io.github.tunneldiagnostics.core.internal.resolver;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Go's destination address selection ({@code net/addrselect.go}, a minimal RFC 6724 §6): the order in
 * which cloudflared's pure-Go resolver returns a name's addresses, both from the hosts file and from DNS.
 * Rules 1 (no source address), 2 (matching scope), 5 (matching label), 6 (higher precedence), 8 (smaller
 * scope) and 9 (longest matching prefix, IPv6 only) are applied, as Go does; rules 3, 4 and 7 are not, as in
 * Go. The sort is Go's stable sort, so addresses the rules cannot tell apart keep their order.
 *
 * <p>So {@code localhost} listed as {@code 127.0.0.1} and {@code ::1} is dialed {@code [::1]} first, in
 * either line order, as long as {@code ::1} has a source address (IPv6 is up on {@code lo}).
 */
public final class GoAddressSelection {
  private GoAddressSelection() {}

  /** Go's scopes (RFC 6724 §3.1). */
  static final int SCOPE_LINK_LOCAL = 0x2;
  static final int SCOPE_SITE_LOCAL = 0x5;
  static final int SCOPE_GLOBAL = 0xe;

  /**
   * One row of the policy table (RFC 6724 §2.1).
   *
   * @param prefix the prefix, 16 bytes
   * @param bits its length
   * @param precedence higher is preferred
   * @param label matched against the source's label
   */
  @SuppressWarnings("ArrayRecordComponent") // constants of Go's policy table, never compared
  record Policy(byte[] prefix, int bits, int precedence, int label) {
    boolean contains(byte[] ip16) {
      for (int bit = 0; bit < bits; bit++) {
        int mask = 0x80 >>> (bit % 8);
        if ((prefix[bit / 8] & mask) != (ip16[bit / 8] & mask)) {
          return false;
        }
      }
      return true;
    }
  }

  /** Go's table, longest prefix first, which is the order {@link #classify} walks it. */
  static final List<Policy> POLICY_TABLE = List.of(
      policy("::1", 128, 50, 0),
      policy("::ffff:0:0", 96, 35, 4),
      policy("::", 96, 1, 3),
      policy("2001::", 32, 5, 5),
      policy("2002::", 16, 30, 2),
      policy("3ffe::", 16, 1, 12),
      policy("fec0::", 10, 1, 11),
      policy("fc00::", 7, 3, 13),
      policy("::", 0, 40, 1));

  /** Finds the source address the kernel would use toward a destination; null when there is no route. */
  @FunctionalInterface
  public interface SourceAddresses {
    @Nullable InetAddress sourceFor(InetAddress destination);

    /**
     * Go's way: "connect" a UDP socket to the destination (port 9) and read its local address. No packet
     * is sent; the answer depends on the network namespace this runs in.
     */
    static SourceAddresses kernel() {
      return destination -> {
        try (java.nio.channels.DatagramChannel channel = java.nio.channels.DatagramChannel.open()) {
          channel.connect(new java.net.InetSocketAddress(destination, 9));
          java.net.SocketAddress local = channel.getLocalAddress();
          return local instanceof java.net.InetSocketAddress socket && !socket.getAddress().isAnyLocalAddress() ? socket.getAddress() : null;
        } catch (java.io.IOException | RuntimeException e) {
          return null;
        }
      };
    }
  }

  /** {@code addresses} in the order Go returns them; the sources are looked up once per address. */
  public static List<InetAddress> sort(List<InetAddress> addresses, SourceAddresses sources) {
    if (addresses.size() < 2) {
      return List.copyOf(addresses);
    }
    List<@Nullable InetAddress> found = new ArrayList<>();
    for (InetAddress address : addresses) {
      found.add(sources.sourceFor(address));
    }
    return sortWithSources(addresses, found);
  }

  /** Go's {@code sortByRFC6724withSrcs}: {@code sources.get(i)} is the source for {@code addresses.get(i)}, null for none. */
  static List<InetAddress> sortWithSources(List<InetAddress> addresses, List<@Nullable InetAddress> sources) {
    if (addresses.size() != sources.size()) {
      throw new IllegalArgumentException("one source per address");
    }
    List<Entry> entries = new ArrayList<>();
    for (int i = 0; i < addresses.size(); i++) {
      entries.add(new Entry(addresses.get(i), sources.get(i)));
    }
    GoStableSort.sort(entries, GoAddressSelection::less);
    return entries.stream().map(Entry::address).toList();
  }

  private record Entry(InetAddress address, @Nullable InetAddress source, Attributes attributes, Attributes sourceAttributes) {
    Entry(InetAddress address, @Nullable InetAddress source) {
      this(address, source, Attributes.of(address), source == null ? Attributes.NONE : Attributes.of(source));
    }
  }

  private record Attributes(int scope, int precedence, int label) {
    static final Attributes NONE = new Attributes(0, 0, 0);

    static Attributes of(InetAddress ip) {
      Policy match = classify(ip);
      return new Attributes(classifyScope(ip), match.precedence(), match.label());
    }
  }

  /** Go's {@code byRFC6724.Less}: whether {@code a} is a better destination than {@code b}. */
  private static boolean less(Entry a, Entry b) {
    // Rule 1: avoid unusable destinations
    if (a.source() == null && b.source() == null) {
      return false;
    }
    if (b.source() == null) {
      return true;
    }
    if (a.source() == null) {
      return false;
    }
    Attributes da = a.attributes();
    Attributes db = b.attributes();
    Attributes sa = a.sourceAttributes();
    Attributes sb = b.sourceAttributes();
    // Rule 2: prefer matching scope
    if (da.scope() == sa.scope() && db.scope() != sb.scope()) {
      return true;
    }
    if (da.scope() != sa.scope() && db.scope() == sb.scope()) {
      return false;
    }
    // Rule 5: prefer matching label
    if (sa.label() == da.label() && sb.label() != db.label()) {
      return true;
    }
    if (sa.label() != da.label() && sb.label() == db.label()) {
      return false;
    }
    // Rule 6: prefer higher precedence
    if (da.precedence() != db.precedence()) {
      return da.precedence() > db.precedence();
    }
    // Rule 8: prefer smaller scope
    if (da.scope() != db.scope()) {
      return da.scope() < db.scope();
    }
    // Rule 9: longest matching prefix, IPv6 only (Go issues 13283, 18518)
    if (!(a.address() instanceof Inet4Address) && !(b.address() instanceof Inet4Address)) {
      int commonA = commonPrefixLength(a.source(), a.address());
      int commonB = commonPrefixLength(b.source(), b.address());
      if (commonA != commonB) {
        return commonA > commonB;
      }
    }
    // Rule 10: leave the order unchanged
    return false;
  }

  static Policy classify(InetAddress ip) {
    byte[] ip16 = to16(ip);
    for (Policy policy : POLICY_TABLE) {
      if (policy.contains(ip16)) {
        return policy;
      }
    }
    return new Policy(new byte[16], 0, 0, 0);
  }

  static int classifyScope(InetAddress ip) {
    if (ip.isLoopbackAddress() || ip.isLinkLocalAddress()) {
      return SCOPE_LINK_LOCAL;
    }
    byte[] bytes = ip.getAddress();
    boolean ipv6 = !(ip instanceof Inet4Address);
    if (ipv6 && ip.isMulticastAddress()) {
      return bytes[1] & 0xf;
    }
    if (ipv6 && (bytes[0] & 0xff) == 0xfe && (bytes[1] & 0xc0) == 0xc0) {
      return SCOPE_SITE_LOCAL;
    }
    return SCOPE_GLOBAL;
  }

  /** Go's {@code commonPrefixLen}: IPv4 compared over 32 bits, IPv6 over its 64-bit prefix, 0 across families. */
  static int commonPrefixLength(InetAddress a, InetAddress b) {
    byte[] x = a.getAddress();
    byte[] y = b.getAddress();
    if (x.length != y.length) {
      return 0;
    }
    int length = Math.min(x.length, 8);
    int common = 0;
    for (int i = 0; i < length; i++) {
      if (x[i] == y[i]) {
        common += 8;
        continue;
      }
      int diff = (x[i] ^ y[i]) & 0xff;
      return common + Integer.numberOfLeadingZeros(diff) - 24;
    }
    return common;
  }

  private static byte[] to16(InetAddress ip) {
    byte[] bytes = ip.getAddress();
    if (bytes.length == 16) {
      return bytes;
    }
    byte[] mapped = new byte[16];
    mapped[10] = (byte) 0xff;
    mapped[11] = (byte) 0xff;
    System.arraycopy(bytes, 0, mapped, 12, 4);
    return mapped;
  }

  private static Policy policy(String prefix, int bits, int precedence, int label) {
    byte[] bytes;
    if (prefix.equals("::ffff:0:0")) {
      bytes = new byte[16]; // the JDK would turn this one into an IPv4 address
      bytes[10] = (byte) 0xff;
      bytes[11] = (byte) 0xff;
    } else {
      InetAddress address = GoIp.parse(prefix);
      if (address == null || address.getAddress().length != 16) {
        throw new IllegalStateException(prefix + " is not an IPv6 prefix");
      }
      bytes = address.getAddress();
    }
    return new Policy(bytes, bits, precedence, label);
  }
}
