package io.github.tunneldiagnostics.api.internal.golang;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** The parts of Go's {@code net} package that cloudflared's ingress code calls, and how Go prints addresses. */
public final class GoNet {
  private static final Pattern DOTTED_QUAD = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  private GoNet() {}

  /** Go's {@code net.JoinHostPort}: {@code host:port}, the host in brackets when it has a colon (IPv6). */
  public static String joinHostPort(String host, int port) {
    return authorityHost(host) + ":" + port;
  }

  /** Go's {@code net.JoinHostPort} of an address as Go prints it ({@link #ipString}), e.g. {@code [::1]:8080}. */
  public static String joinHostPort(InetAddress address, int port) {
    return joinHostPort(ipString(address), port);
  }

  /**
   * The address as Go's {@code net.IP.String()} prints it: IPv4 dotted, IPv6 in the shortest form of RFC
   * 5952 (lower case, the longest run of two or more zero groups as {@code ::}), without a zone.
   */
  public static String ipString(InetAddress address) {
    String text = address.getHostAddress();
    int scope = text.indexOf('%');
    if (scope >= 0) {
      text = text.substring(0, scope);
    }
    return address instanceof Inet6Address ? compressIpv6(text) : text;
  }

  /** Compresses Java's full IPv6 text ({@code 0:0:0:0:0:0:0:1}) as RFC 5952 and Go do ({@code ::1}). */
  private static String compressIpv6(String full) {
    String[] groups = full.split(":");
    if (groups.length != 8) {
      return full;
    }
    for (int i = 0; i < 8; i++) {
      groups[i] = groups[i].replaceFirst("^0+(?=.)", "").toLowerCase(Locale.ROOT);
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
    String head = String.join(":", Arrays.copyOfRange(groups, 0, bestStart));
    String tail = String.join(":", Arrays.copyOfRange(groups, bestStart + bestLength, 8));
    return head + "::" + tail;
  }

  /**
   * Whether {@code host} is written as an IP literal rather than a name, without resolving anything: it has
   * a colon (IPv6), or it is four dot-separated groups of 1 to 3 digits.
   */
  public static boolean isIpLiteral(String host) {
    return host.indexOf(':') >= 0 || DOTTED_QUAD.matcher(host).matches();
  }

  /**
   * Go's {@code net.SplitHostPort}: the host part, or null when Go returns an error. The port is never
   * validated (so {@code host:} and {@code host:abc} split), a host with more than one colon needs
   * brackets, and brackets are only allowed around the whole host.
   */
  public static @Nullable String splitHostPortHost(String hostPort) {
    int i = hostPort.lastIndexOf(':');
    if (i < 0) {
      return null; // missing port in address
    }
    String host;
    int j = 0;
    int k = 0;
    if (hostPort.charAt(0) == '[') {
      int end = hostPort.indexOf(']');
      if (end < 0) {
        return null; // missing ']' in address
      }
      if (end + 1 != i) {
        return null; // missing port, or too many colons
      }
      host = hostPort.substring(1, end);
      j = 1;
      k = end + 1;
    } else {
      host = hostPort.substring(0, i);
      if (host.indexOf(':') >= 0) {
        return null; // too many colons in address
      }
    }
    if (hostPort.indexOf('[', j) >= 0) {
      return null; // unexpected '[' in address
    }
    if (hostPort.indexOf(']', k) >= 0) {
      return null; // unexpected ']' in address
    }
    return host;
  }

  /**
   * A host as it stands in a URL's authority or a {@code Host} header, as Go's {@code net.JoinHostPort}
   * writes it: in brackets when it has a colon (an IPv6 literal), else unchanged.
   */
  public static String authorityHost(String host) {
    return host.indexOf(':') >= 0 ? "[" + host + "]" : host;
  }

  /**
   * Go's {@code parsePort} for a numeric service: decimal digits, saturating at {@code 1<<30 - 1} like Go
   * does; -1 when the text is not numeric (Go would then look the name up as a service).
   */
  public static int parsePort(String service) {
    if (service.isEmpty()) {
      return 0;
    }
    String digits = service;
    boolean negative = false;
    if (digits.charAt(0) == '+' || digits.charAt(0) == '-') {
      negative = digits.charAt(0) == '-';
      digits = digits.substring(1);
    }
    final long cutoff = 1L << 30;
    long n = 0;
    for (int i = 0; i < digits.length(); i++) {
      char d = digits.charAt(i);
      if (d < '0' || d > '9') {
        return -1;
      }
      if (n >= cutoff) {
        n = cutoff;
        break;
      }
      n = n * 10 + (d - '0');
    }
    long port = !negative && n >= cutoff ? cutoff - 1 : negative && n > cutoff ? cutoff : n;
    return (int) (negative ? -port : port);
  }

  /** Go's {@code net.ParseCIDR} validity: an IPv4 or IPv6 address (no zone), a slash, a prefix length. */
  public static boolean isValidCidr(String cidr) {
    int slash = cidr.indexOf('/');
    if (slash < 0) {
      return false;
    }
    String address = cidr.substring(0, slash);
    String mask = cidr.substring(slash + 1);
    int bits;
    if (isIpv4(address)) {
      bits = 32;
    } else if (isIpv6(address)) {
      bits = 128;
    } else {
      return false;
    }
    if (mask.isEmpty() || mask.length() > 3) {
      return false;
    }
    int n = 0;
    for (int i = 0; i < mask.length(); i++) {
      char c = mask.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
      n = n * 10 + (c - '0');
    }
    return n <= bits;
  }

  /** Dotted decimal, four fields, no leading zeros (Go since 1.17). */
  public static boolean isIpv4(String s) {
    String[] parts = s.split("\\.", -1);
    if (parts.length != 4) {
      return false;
    }
    for (String part : parts) {
      if (part.isEmpty() || part.length() > 3 || (part.length() > 1 && part.charAt(0) == '0')) {
        return false;
      }
      for (int i = 0; i < part.length(); i++) {
        if (part.charAt(i) < '0' || part.charAt(i) > '9') {
          return false;
        }
      }
      if (Integer.parseInt(part) > 255) {
        return false;
      }
    }
    return true;
  }

  /** An IPv6 address in text form, optionally ending in an embedded IPv4 address; no zone. */
  public static boolean isIpv6(String s) {
    if (s.isEmpty() || s.indexOf('%') >= 0) {
      return false;
    }
    int doubleColon = s.indexOf("::");
    if (doubleColon >= 0 && s.indexOf("::", doubleColon + 1) >= 0) {
      return false;
    }
    String head = doubleColon >= 0 ? s.substring(0, doubleColon) : s;
    String tail = doubleColon >= 0 ? s.substring(doubleColon + 2) : "";
    int groups = 0;
    String[] sides = {head, tail};
    for (int sideIndex = 0; sideIndex < sides.length; sideIndex++) {
      String side = sides[sideIndex];
      if (side.isEmpty()) {
        continue;
      }
      String[] fields = side.split(":", -1);
      for (int i = 0; i < fields.length; i++) {
        String field = fields[i];
        boolean last = i == fields.length - 1 && (sideIndex == 1 || doubleColon < 0);
        if (last && field.indexOf('.') >= 0) {
          if (!isIpv4(field)) {
            return false;
          }
          groups += 2;
          continue;
        }
        if (field.isEmpty() || field.length() > 4) {
          return false;
        }
        for (int c = 0; c < field.length(); c++) {
          if (Character.digit(field.charAt(c), 16) < 0) {
            return false;
          }
        }
        groups++;
      }
    }
    return doubleColon >= 0 ? groups < 8 : groups == 8;
  }
}
