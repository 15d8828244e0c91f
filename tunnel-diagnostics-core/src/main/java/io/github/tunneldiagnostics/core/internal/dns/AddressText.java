package io.github.tunneldiagnostics.core.internal.dns;

import java.net.Inet6Address;
import java.net.InetAddress;

/** Addresses as people and {@code dig} write them: IPv6 in the short form of RFC 5952 ({@code fd10:aec2:5dae::}). */
public final class AddressText {
  private AddressText() {}

  public static String of(InetAddress address) {
    if (!(address instanceof Inet6Address)) {
      return address.getHostAddress();
    }
    byte[] bytes = address.getAddress();
    int[] groups = new int[8];
    for (int i = 0; i < 8; i++) {
      groups[i] = ((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff);
    }
    int bestStart = -1;
    int bestLength = 0;
    for (int i = 0; i < 8; ) {
      if (groups[i] != 0) {
        i++;
        continue;
      }
      int start = i;
      while (i < 8 && groups[i] == 0) {
        i++;
      }
      if (i - start > bestLength && i - start >= 2) {
        bestStart = start;
        bestLength = i - start;
      }
    }
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        text.append("::");
        i += bestLength - 1;
        continue;
      }
      if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
        text.append(':');
      }
      text.append(Integer.toHexString(groups[i]));
    }
    return text.toString();
  }

  /** {@code 127.0.0.1:443} or {@code [::1]:443}. */
  public static String withPort(InetAddress address, int port) {
    String text = of(address);
    return (text.indexOf(':') >= 0 ? "[" + text + "]" : text) + ":" + port;
  }
}
