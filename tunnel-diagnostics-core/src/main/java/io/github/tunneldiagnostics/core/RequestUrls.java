package io.github.tunneldiagnostics.core;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Reads the parts of a URL a person typed that the facade needs besides the matcher: the host a browser
 * would send (lower-cased), and the host and percent-decoded path for explanations. The matcher itself
 * decides whether cloudflared accepts the URL; this class never rejects one.
 */
final class RequestUrls {
  private RequestUrls() {}

  /** The URL with its host lower-cased, as a browser sends it; everything else unchanged. */
  static String withLowerCaseHost(String url) {
    int[] host = hostRange(url);
    if (host == null) {
      return url;
    }
    return url.substring(0, host[0]) + url.substring(host[0], host[1]).toLowerCase(Locale.ROOT) + url.substring(host[1]);
  }

  /** The host without port and brackets, case kept; the whole text when it has no {@code scheme://}. */
  static String host(String url) {
    int[] range = hostRange(url);
    if (range == null) {
      return url;
    }
    String host = url.substring(range[0], range[1]);
    return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
  }

  /** The percent-decoded path without query or fragment; empty when the URL has none. */
  static String path(String url) {
    int[] range = hostRange(url);
    if (range == null) {
      return "";
    }
    int start = range[1];
    while (start < url.length() && "/?#".indexOf(url.charAt(start)) < 0) {
      start++; // the port
    }
    int end = start;
    while (end < url.length() && url.charAt(end) != '?' && url.charAt(end) != '#') {
      end++;
    }
    return percentDecode(url.substring(start, end));
  }

  private static int @Nullable [] hostRange(String url) {
    int scheme = url.indexOf("://");
    if (scheme < 0) {
      return null;
    }
    int start = scheme + 3;
    int end = start;
    while (end < url.length() && "/?#".indexOf(url.charAt(end)) < 0) {
      end++;
    }
    int at = url.lastIndexOf('@', end - 1);
    if (at >= start) {
      start = at + 1;
    }
    if (start < end && url.charAt(start) == '[') {
      int close = url.indexOf(']', start);
      return close > 0 && close < end ? new int[] {start, close + 1} : new int[] {start, end};
    }
    int colon = url.lastIndexOf(':', end - 1);
    return new int[] {start, colon >= start ? colon : end};
  }

  private static String percentDecode(String text) {
    if (text.indexOf('%') < 0) {
      return text;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '%' && i + 2 < text.length() && Character.digit(text.charAt(i + 1), 16) >= 0 && Character.digit(text.charAt(i + 2), 16) >= 0) {
        bytes.write(Character.digit(text.charAt(i + 1), 16) * 16 + Character.digit(text.charAt(i + 2), 16));
        i += 2;
      } else {
        int codePoint = text.codePointAt(i);
        byte[] encoded = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8);
        bytes.write(encoded, 0, encoded.length);
        i += Character.charCount(codePoint) - 1;
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
