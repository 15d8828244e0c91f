package io.github.tunneldiagnostics.core.internal.dns;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;

/**
 * An address range such as {@code 104.16.0.0/13} or {@code 2606:4700::/32}.
 *
 * @param network the first address of the range
 * @param prefix the number of leading bits that must match
 */
record Cidr(InetAddress network, int prefix) {
  Cidr {
    Objects.requireNonNull(network, "network");
    if (prefix < 0 || prefix > network.getAddress().length * 8) {
      throw new IllegalArgumentException("prefix /" + prefix + " does not fit " + network.getHostAddress());
    }
  }

  /**
   * Parses {@code ADDRESS/PREFIX}; the address must be a literal (no name is ever looked up).
   *
   * @throws IllegalArgumentException when the text is not a literal range
   */
  static Cidr parse(String text) {
    int slash = text.indexOf('/');
    if (slash < 0) {
      throw new IllegalArgumentException("'" + text + "' is not a range: expected ADDRESS/PREFIX, e.g. 104.16.0.0/13");
    }
    InetAddress address = literal(text.substring(0, slash));
    int prefix;
    try {
      prefix = Integer.parseInt(text.substring(slash + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + text + "' has no numeric prefix after '/'", e);
    }
    return new Cidr(address, prefix);
  }

  /** Whether {@code address} lies in this range (never across families). */
  boolean contains(InetAddress address) {
    byte[] candidate = address.getAddress();
    byte[] base = network.getAddress();
    if (candidate.length != base.length) {
      return false;
    }
    int full = prefix / 8;
    for (int i = 0; i < full; i++) {
      if (candidate[i] != base[i]) {
        return false;
      }
    }
    int rest = prefix % 8;
    if (rest == 0) {
      return true;
    }
    int mask = (0xff << (8 - rest)) & 0xff;
    return (candidate[full] & mask) == (base[full] & mask);
  }

  /**
   * An IPv4 dotted quad or an IPv6 literal (brackets allowed), parsed without any lookup.
   *
   * @throws IllegalArgumentException when it is not a literal address
   */
  static InetAddress literal(String text) {
    String bare = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
    boolean v4 = bare.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    boolean v6 = bare.indexOf(':') >= 0 && bare.matches("[0-9A-Fa-f:.]+(%[\\w.-]+)?");
    if (!v4 && !v6) {
      throw new IllegalArgumentException("'" + text + "' is not an IP address literal");
    }
    try {
      return InetAddress.getByName(bare); // a literal: InetAddress parses it without a lookup
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("'" + text + "' is not a valid IP address: " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return network.getHostAddress() + "/" + prefix;
  }
}
