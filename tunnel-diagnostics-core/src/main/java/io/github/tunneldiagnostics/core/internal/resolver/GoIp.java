package io.github.tunneldiagnostics.core.internal.resolver;

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
}
