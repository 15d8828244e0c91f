package io.github.tunneldiagnostics.core.ingress;

import java.util.Locale;

/**
 * The parts of Go's {@code net/url.Parse} that cloudflared's service validation depends on: scheme,
 * opaque form, authority, host and port checks, path, and the exact error texts
 * ({@code parse "<raw>": <reason>}).
 */
final class GoUrl {
  private final String scheme;
  private final String host; // as in the URL, may carry brackets and a port
  private final String path;
  private final String afterScheme;

  private GoUrl(String scheme, String host, String path, String afterScheme) {
    this.scheme = scheme;
    this.host = host;
    this.path = path;
    this.afterScheme = afterScheme;
  }

  /** A Go {@code *url.Error} from {@code Parse}. */
  static final class ParseException extends Exception {
    private static final long serialVersionUID = 1L;

    ParseException(String raw, String reason) {
      super("parse " + GoQuote.quote(raw) + ": " + reason, null, false, false);
    }
  }

  String scheme() {
    return scheme;
  }

  String path() {
    return path;
  }

  /** {@code URL.Hostname()}: the host without port and brackets. */
  String hostname() {
    String h = host;
    int colon = h.lastIndexOf(':');
    if (h.startsWith("[")) {
      int close = h.lastIndexOf(']');
      return close > 0 ? h.substring(1, close) : h.substring(1);
    }
    return colon >= 0 ? h.substring(0, colon) : h;
  }

  /** {@code URL.Port()}: the digits after the host's last colon, or empty. */
  String port() {
    String h = host;
    int start = h.startsWith("[") ? h.lastIndexOf(']') + 1 : 0;
    int colon = h.indexOf(':', start);
    return colon >= 0 ? h.substring(colon + 1) : "";
  }

  /** {@code URL.String()} for the forms cloudflared accepts: the scheme lower-cased, the rest as written. */
  String render() {
    return scheme + ":" + afterScheme;
  }

  static GoUrl parse(String raw) throws ParseException {
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c < 0x20 || c == 0x7F) {
        throw new ParseException(raw, "net/url: invalid control character in URL");
      }
    }
    String withoutFragment = raw;
    int hash = raw.indexOf('#');
    if (hash >= 0) {
      withoutFragment = raw.substring(0, hash);
      checkEscapes(raw, raw.substring(hash + 1), false);
    }
    if (withoutFragment.equals("*")) {
      return new GoUrl("", "", "*", "*");
    }
    String scheme = "";
    String rest = withoutFragment;
    for (int i = 0; i < withoutFragment.length(); i++) {
      char c = withoutFragment.charAt(i);
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
        continue;
      }
      if ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.') {
        if (i == 0) {
          break;
        }
        continue;
      }
      if (c == ':') {
        if (i == 0) {
          throw new ParseException(raw, "missing protocol scheme");
        }
        scheme = withoutFragment.substring(0, i).toLowerCase(Locale.ROOT);
        rest = withoutFragment.substring(i + 1);
      }
      break;
    }
    String afterScheme = scheme.isEmpty() ? rest : withoutFragment.substring(withoutFragment.indexOf(':') + 1);
    if (hash >= 0) {
      afterScheme = afterScheme + raw.substring(hash);
    }
    if (rest.endsWith("?") && rest.indexOf('?') == rest.length() - 1) {
      rest = rest.substring(0, rest.length() - 1);
    } else {
      int q = rest.indexOf('?');
      if (q >= 0) {
        rest = rest.substring(0, q); // Go keeps RawQuery unvalidated in Parse
      }
    }
    if (!rest.startsWith("/")) {
      if (!scheme.isEmpty()) {
        return new GoUrl(scheme, "", "", afterScheme); // opaque, e.g. "localhost:8000"
      }
      int slash = rest.indexOf('/');
      String segment = slash >= 0 ? rest.substring(0, slash) : rest;
      if (segment.contains(":")) {
        throw new ParseException(raw, "first path segment in URL cannot contain colon");
      }
    }
    String host = "";
    if ((!scheme.isEmpty() || !rest.startsWith("///")) && rest.startsWith("//")) {
      String authority = rest.substring(2);
      int slash = authority.indexOf('/');
      if (slash >= 0) {
        rest = authority.substring(slash);
        authority = authority.substring(0, slash);
      } else {
        rest = "";
      }
      host = parseAuthority(raw, authority);
    }
    checkEscapes(raw, rest, false);
    return new GoUrl(scheme, host, rest, afterScheme);
  }

  private static String parseAuthority(String raw, String authority) throws ParseException {
    int at = authority.lastIndexOf('@');
    String hostPart = at < 0 ? authority : authority.substring(at + 1);
    if (at >= 0 && !validUserinfo(authority.substring(0, at))) {
      throw new ParseException(raw, "net/url: invalid userinfo");
    }
    return parseHost(raw, hostPart);
  }

  private static String parseHost(String raw, String host) throws ParseException {
    if (host.startsWith("[")) {
      int close = host.lastIndexOf(']');
      if (close < 0) {
        throw new ParseException(raw, "missing ']' in host");
      }
      String colonPort = host.substring(close + 1);
      if (!validOptionalPort(colonPort)) {
        throw new ParseException(raw, "invalid port " + GoQuote.quote(colonPort) + " after host");
      }
      checkEscapes(raw, host.substring(0, close + 1), true);
      return host;
    }
    int colon = host.lastIndexOf(':');
    if (colon >= 0) {
      String colonPort = host.substring(colon);
      if (!validOptionalPort(colonPort)) {
        throw new ParseException(raw, "invalid port " + GoQuote.quote(colonPort) + " after host");
      }
    }
    checkEscapes(raw, host, true);
    return host;
  }

  private static boolean validOptionalPort(String port) {
    if (port.isEmpty()) {
      return true;
    }
    if (port.charAt(0) != ':') {
      return false;
    }
    for (int i = 1; i < port.length(); i++) {
      if (port.charAt(i) < '0' || port.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  private static boolean validUserinfo(String userinfo) {
    for (int i = 0; i < userinfo.length(); i++) {
      char c = userinfo.charAt(i);
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
        continue;
      }
      if ("-._:~!$&'()*+,;=%@".indexOf(c) < 0) {
        return false;
      }
    }
    return true;
  }

  /** Go's {@code unescape}: bad percent escapes, and in hosts the characters Go refuses. */
  private static void checkEscapes(String raw, String text, boolean isHost) throws ParseException {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '%') {
        if (i + 2 >= text.length() || !isHex(text.charAt(i + 1)) || !isHex(text.charAt(i + 2))) {
          String bad = text.substring(i, Math.min(text.length(), i + 3));
          throw new ParseException(raw, "invalid URL escape " + GoQuote.quote(bad));
        }
        if (isHost && Character.digit(text.charAt(i + 1), 16) < 8 && !text.startsWith("%25", i)) {
          throw new ParseException(raw, "invalid URL escape " + GoQuote.quote(text.substring(i, i + 3)));
        }
        i += 2;
      } else if (isHost && c < 0x80 && shouldEscapeInHost(c)) {
        throw new ParseException(raw, "invalid character " + GoQuote.quote(String.valueOf(c)) + " in host name");
      }
    }
  }

  private static boolean isHex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  /** Go's {@code shouldEscape(c, encodeHost)}. */
  private static boolean shouldEscapeInHost(char c) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
      return false;
    }
    return switch (c) {
      case '-', '_', '.', '~' -> false;
      case '!', '$', '&', '\'', '(', ')', '*', '+', ',', ';', '=', ':', '[', ']', '<', '>', '"' -> false;
      default -> true;
    };
  }
}
