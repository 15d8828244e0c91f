package io.github.tunneldiagnostics.core.internal.resolver;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.jspecify.annotations.Nullable;

/** IP literals as Go's {@code netip.ParseAddr} reads them, never resolving a name. */
public final class GoIp {
  private GoIp() {}

  /**
   * The address {@code text} spells, or null when it is not an IP literal. IPv4 is a dotted quad without
   * leading zeros ({@code 010.0.0.1} is not an address for Go); IPv6 may carry a zone ({@code fe80::1%eth0}).
   */
  public static @Nullable InetAddress parse(String text) {
    if (text.indexOf(':') >= 0) {
      return parseIpv6(text);
    }
    byte[] octets = parseIpv4(text);
    if (octets == null) {
      return null;
    }
    try {
      return InetAddress.getByAddress(octets);
    } catch (UnknownHostException e) {
      return null; // cannot happen for four bytes
    }
  }

  private static byte @Nullable [] parseIpv4(String text) {
    String[] parts = text.split("\\.", -1);
    if (parts.length != 4) {
      return null;
    }
    byte[] octets = new byte[4];
    for (int i = 0; i < 4; i++) {
      String part = parts[i];
      if (part.isEmpty() || part.length() > 3 || (part.length() > 1 && part.charAt(0) == '0') || !part.chars().allMatch(Character::isDigit)) {
        return null;
      }
      int value = Integer.parseInt(part);
      if (value > 255) {
        return null;
      }
      octets[i] = (byte) value;
    }
    return octets;
  }

  private static @Nullable InetAddress parseIpv6(String text) {
    int percent = text.indexOf('%');
    String address = percent >= 0 ? text.substring(0, percent) : text;
    if (address.isEmpty() || !address.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
      return null;
    }
    if (percent >= 0 && percent == text.length() - 1) {
      return null; // Go: an empty zone is an error
    }
    try {
      // a text with ':' is only ever parsed as an IPv6 literal by the JDK, never looked up
      InetAddress parsed = InetAddress.getByName(address);
      if (percent >= 0 && parsed instanceof Inet6Address) {
        try {
          return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
          return parsed; // a zone the JDK does not know (no such interface here); the address still counts
        }
      }
      return parsed;
    } catch (UnknownHostException | RuntimeException e) {
      return null;
    }
  }

  /** The address as Go's {@code IP.String()} prints it: IPv4 dotted, IPv6 shortest form, no zone. */
  public static String text(InetAddress address) {
    String text = address.getHostAddress();
    int scope = text.indexOf('%');
    if (scope >= 0) {
      text = text.substring(0, scope);
    }
    return address instanceof Inet4Address ? text : compressIpv6(text);
  }

  /** Compresses the longest run of two or more zero groups, as RFC 5952 and Go do. */
  static String compressIpv6(String full) {
    String[] groups = full.split(":");
    if (groups.length != 8) {
      return full;
    }
    for (int i = 0; i < 8; i++) {
      groups[i] = groups[i].replaceFirst("^0+(?=.)", "").toLowerCase(java.util.Locale.ROOT);
    }
    int bestStart = -1;
    int bestLength = 0;
    for (int i = 0; i < 8; ) {
      if (!groups[i].equals("0")) {
        i++;
        continue;
      }
      int j = i;
      while (j < 8 && groups[j].equals("0")) {
        j++;
      }
      if (j - i > bestLength && j - i >= 2) {
        bestStart = i;
        bestLength = j - i;
      }
      i = j;
    }
    if (bestStart < 0) {
      return String.join(":", groups);
    }
    String head = String.join(":", java.util.Arrays.copyOfRange(groups, 0, bestStart));
    String tail = String.join(":", java.util.Arrays.copyOfRange(groups, bestStart + bestLength, 8));
    return head + "::" + tail;
  }

  /** {@code net.JoinHostPort} of an address: IPv6 in brackets, no zone. */
  public static String joinHostPort(InetAddress address, int port) {
    String host = text(address);
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
  }
}
