package io.github.tunneldiagnostics.core.internal.probe;

import java.net.Inet6Address;
import java.net.InetAddress;

/** Renders addresses the way Go's {@code net} package prints them in error texts. */
final class GoText {
  private GoText() {}

  /** {@code net.JoinHostPort}: IPv6 in brackets, no zone index. */
  static String joinHostPort(InetAddress address, int port) {
    return joinHostPort(hostText(address), port);
  }

  static String joinHostPort(String host, int port) {
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
  }

  /** The address as Go prints an IP: shortest IPv6 form without scope. */
  static String hostText(InetAddress address) {
    String text = address.getHostAddress();
    int scope = text.indexOf('%');
    if (scope >= 0) {
      text = text.substring(0, scope);
    }
    if (address instanceof Inet6Address) {
      text = compressIpv6(text);
    }
    return text;
  }

  /** Compresses the longest run of zero groups, as RFC 5952 and Go do. */
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

  /** Whether {@code host} is an IP literal (IPv4 dotted quad or IPv6), without resolving anything. */
  static boolean isIpLiteral(String host) {
    if (host.indexOf(':') >= 0) {
      return true;
    }
    return host.matches("\\d{1,3}(\\.\\d{1,3}){3}");
  }

  /** A duration as Go's {@code time.Duration.String()} writes it for whole milliseconds: 500ms, 10s, 1m30s. */
  static String duration(java.time.Duration value) {
    long millis = value.toMillis();
    if (millis < 1000) {
      return millis + "ms";
    }
    long minutes = millis / 60_000;
    long rest = millis % 60_000;
    String seconds = rest % 1000 == 0 ? Long.toString(rest / 1000) : java.math.BigDecimal.valueOf(rest, 3).stripTrailingZeros().toPlainString();
    long hours = minutes / 60;
    if (hours > 0) {
      return hours + "h" + (minutes % 60) + "m" + seconds + "s";
    }
    return minutes > 0 ? minutes + "m" + seconds + "s" : seconds + "s";
  }
}
