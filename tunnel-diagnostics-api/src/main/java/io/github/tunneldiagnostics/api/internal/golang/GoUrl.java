package io.github.tunneldiagnostics.api.internal.golang;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Go's {@code net/url.Parse} (Go 1.22 to 1.25.1 semantics), as far as cloudflared depends on it: the
 * scheme, the opaque form, the authority with userinfo, host and port checks, the percent-decoded path,
 * the raw query, the fragment, {@code Hostname()}, {@code Port()} and {@code String()}, with Go's exact
 * error texts ({@code parse "<url>": <reason>}).
 *
 * <p>Go works on UTF-8 bytes; this class decodes percent escapes to bytes and turns them back into a
 * string as UTF-8, so an invalid byte sequence becomes U+FFFD (Go's regexp treats it the same way).
 *
 * <p>Not reproduced: the bracketed-host checks added by Go 1.25.2 (CVE-2025-47912, non-IPv6 content in
 * brackets) and Go 1.26.1 (CVE-2026-25679, an IPv6 literal not at the start of the host); both only
 * reject hosts that cannot be dialled anyway.
 */
public final class GoUrl {
  private final String scheme;
  private final String opaque;
  private final @Nullable String user; // decoded "name" or "name:password" as written after unescaping
  private final @Nullable String rawUserinfo;
  private final String host; // unescaped, may carry brackets and a port
  private final String path; // unescaped
  private final String rawPath; // as written
  private final boolean forceQuery;
  private final String rawQuery;
  private final String fragment;
  private final String rawFragment;

  private GoUrl(Builder b) {
    this.scheme = b.scheme;
    this.opaque = b.opaque;
    this.user = b.user;
    this.rawUserinfo = b.rawUserinfo;
    this.host = b.host;
    this.path = b.path;
    this.rawPath = b.rawPath;
    this.forceQuery = b.forceQuery;
    this.rawQuery = b.rawQuery;
    this.fragment = b.fragment;
    this.rawFragment = b.rawFragment;
  }

  /** A Go {@code *url.Error} from {@code Parse}: {@code parse "<url>": <reason>}. */
  public static final class ParseException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String text;

    ParseException(String url, String reason) {
      super("parse " + GoQuote.quote(url) + ": " + reason, null, false, false);
      this.text = "parse " + GoQuote.quote(url) + ": " + reason;
    }

    /** Go's error text, never null. */
    @Override
    public String getMessage() {
      return text;
    }
  }

  /** The reason inside a {@link ParseException}, before the URL is known. */
  private static final class Reason extends Exception {
    private static final long serialVersionUID = 1L;

    private final String text;

    Reason(String text) {
      super(text, null, false, false);
      this.text = text;
    }

    @Override
    public String getMessage() {
      return text;
    }
  }

  /** The lower-cased scheme, empty when there is none. */
  public String scheme() {
    return scheme;
  }

  /** {@code URL.Opaque}: what follows {@code scheme:} when it does not start with a slash. */
  public String opaque() {
    return opaque;
  }

  /** {@code URL.Host}: unescaped, with brackets and port as written. */
  public String host() {
    return host;
  }

  /** {@code URL.Path}: percent-decoded, without query and fragment. */
  public String path() {
    return path;
  }

  /** The path as written ({@code URL.EscapedPath()} when the parse kept it): still percent-encoded. */
  public String rawPath() {
    return rawPath;
  }

  /** {@code URL.RawQuery}. */
  public String rawQuery() {
    return rawQuery;
  }

  /** {@code URL.ForceQuery}: the URL ends with a {@code ?} and has an empty query. */
  public boolean forceQuery() {
    return forceQuery;
  }

  /** {@code URL.Hostname()}: the host without a valid port and without IPv6 brackets. */
  public String hostname() {
    return splitHostPort(host)[0];
  }

  /** {@code URL.Port()}: the digits after the host's last colon when they form a valid port, or empty. */
  public String port() {
    return splitHostPort(host)[1];
  }

  private static String[] splitHostPort(String hostPort) {
    String h = hostPort;
    String p = "";
    int colon = h.lastIndexOf(':');
    if (colon != -1 && validOptionalPort(h.substring(colon))) {
      p = h.substring(colon + 1);
      h = h.substring(0, colon);
    }
    if (h.startsWith("[") && h.endsWith("]") && h.length() >= 2) {
      h = h.substring(1, h.length() - 1);
    }
    return new String[] {h, p};
  }

  /** {@code URL.String()}. */
  public String render() {
    StringBuilder buf = new StringBuilder();
    if (!scheme.isEmpty()) {
      buf.append(scheme).append(':');
    }
    if (!opaque.isEmpty()) {
      buf.append(opaque);
    } else {
      if (!scheme.isEmpty() || !host.isEmpty() || user != null) {
        if (!host.isEmpty() || !path.isEmpty() || user != null) {
          buf.append("//");
        }
        if (user != null) {
          buf.append(userinfoString()).append('@');
        }
        if (!host.isEmpty()) {
          buf.append(escape(host, Mode.HOST));
        }
      }
      String escapedPath = escapedPath();
      if (!escapedPath.isEmpty() && escapedPath.charAt(0) != '/' && !host.isEmpty()) {
        buf.append('/');
      }
      if (buf.length() == 0) {
        int slash = escapedPath.indexOf('/');
        String segment = slash >= 0 ? escapedPath.substring(0, slash) : escapedPath;
        if (segment.contains(":")) {
          buf.append("./");
        }
      }
      buf.append(escapedPath);
    }
    if (forceQuery || !rawQuery.isEmpty()) {
      buf.append('?').append(rawQuery);
    }
    if (!fragment.isEmpty()) {
      buf.append('#').append(escapedFragment());
    }
    return buf.toString();
  }

  private String userinfoString() {
    String info = rawUserinfo == null ? "" : rawUserinfo;
    int colon = info.indexOf(':');
    try {
      if (colon < 0) {
        return escape(unescape(info, Mode.USER_PASSWORD), Mode.USER_PASSWORD);
      }
      return escape(unescape(info.substring(0, colon), Mode.USER_PASSWORD), Mode.USER_PASSWORD)
          + ":"
          + escape(unescape(info.substring(colon + 1), Mode.USER_PASSWORD), Mode.USER_PASSWORD);
    } catch (Reason e) {
      return info; // cannot happen: parse() already unescaped it
    }
  }

  private String escapedPath() {
    if (!rawPath.isEmpty() && validEncoded(rawPath, Mode.PATH)) {
      try {
        if (unescape(rawPath, Mode.PATH).equals(path)) {
          return rawPath;
        }
      } catch (Reason ignored) {
        // fall through to the computed escaping, as Go does
      }
    }
    if (path.equals("*")) {
      return "*";
    }
    return escape(path, Mode.PATH);
  }

  private String escapedFragment() {
    if (!rawFragment.isEmpty() && validEncoded(rawFragment, Mode.FRAGMENT)) {
      try {
        if (unescape(rawFragment, Mode.FRAGMENT).equals(fragment)) {
          return rawFragment;
        }
      } catch (Reason ignored) {
        // fall through
      }
    }
    return escape(fragment, Mode.FRAGMENT);
  }

  /** {@code url.Parse}. */
  public static GoUrl parse(String raw) throws ParseException {
    int hash = raw.indexOf('#');
    String u = hash >= 0 ? raw.substring(0, hash) : raw;
    Builder b;
    try {
      b = parseWithoutFragment(u);
    } catch (Reason e) {
      throw new ParseException(u, e.getMessage());
    }
    if (hash >= 0) {
      String frag = raw.substring(hash + 1);
      try {
        b.fragment = unescape(frag, Mode.FRAGMENT);
      } catch (Reason e) {
        throw new ParseException(raw, e.getMessage());
      }
      b.rawFragment = frag;
    }
    return new GoUrl(b);
  }

  private static final class Builder {
    String scheme = "";
    String opaque = "";
    @Nullable String user;
    @Nullable String rawUserinfo;
    String host = "";
    String path = "";
    String rawPath = "";
    boolean forceQuery;
    String rawQuery = "";
    String fragment = "";
    String rawFragment = "";
  }

  private static Builder parseWithoutFragment(String rawUrl) throws Reason {
    for (int i = 0; i < rawUrl.length(); i++) {
      char c = rawUrl.charAt(i);
      if (c < 0x20 || c == 0x7F) {
        throw new Reason("net/url: invalid control character in URL");
      }
    }
    Builder url = new Builder();
    if (rawUrl.equals("*")) {
      url.path = "*";
      url.rawPath = "*";
      return url;
    }
    String rest = rawUrl;
    for (int i = 0; i < rawUrl.length(); i++) {
      char c = rawUrl.charAt(i);
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
          throw new Reason("missing protocol scheme");
        }
        url.scheme = rawUrl.substring(0, i).toLowerCase(Locale.ROOT);
        rest = rawUrl.substring(i + 1);
      }
      break;
    }
    int firstQ = rest.indexOf('?');
    if (rest.endsWith("?") && firstQ == rest.length() - 1) {
      url.forceQuery = true;
      rest = rest.substring(0, rest.length() - 1);
    } else if (firstQ >= 0) {
      url.rawQuery = rest.substring(firstQ + 1);
      rest = rest.substring(0, firstQ);
    }
    if (!rest.startsWith("/")) {
      if (!url.scheme.isEmpty()) {
        url.opaque = rest;
        return url;
      }
      int slash = rest.indexOf('/');
      String segment = slash >= 0 ? rest.substring(0, slash) : rest;
      if (segment.contains(":")) {
        throw new Reason("first path segment in URL cannot contain colon");
      }
    }
    if ((!url.scheme.isEmpty() || !rest.startsWith("///")) && rest.startsWith("//")) {
      String authority = rest.substring(2);
      rest = "";
      int slash = authority.indexOf('/');
      if (slash >= 0) {
        rest = authority.substring(slash);
        authority = authority.substring(0, slash);
      }
      parseAuthority(authority, url);
    }
    url.path = unescape(rest, Mode.PATH);
    url.rawPath = rest;
    return url;
  }

  private static void parseAuthority(String authority, Builder url) throws Reason {
    int at = authority.lastIndexOf('@');
    url.host = parseHost(at < 0 ? authority : authority.substring(at + 1));
    if (at < 0) {
      return;
    }
    String userinfo = authority.substring(0, at);
    if (!validUserinfo(userinfo)) {
      throw new Reason("net/url: invalid userinfo");
    }
    int colon = userinfo.indexOf(':');
    if (colon < 0) {
      url.user = unescape(userinfo, Mode.USER_PASSWORD);
    } else {
      url.user =
          unescape(userinfo.substring(0, colon), Mode.USER_PASSWORD)
              + ":"
              + unescape(userinfo.substring(colon + 1), Mode.USER_PASSWORD);
    }
    url.rawUserinfo = userinfo;
  }

  private static String parseHost(String host) throws Reason {
    if (host.startsWith("[")) {
      int close = host.lastIndexOf(']');
      if (close < 0) {
        throw new Reason("missing ']' in host");
      }
      String colonPort = host.substring(close + 1);
      if (!validOptionalPort(colonPort)) {
        throw new Reason("invalid port " + GoQuote.quote(colonPort) + " after host");
      }
      int zone = host.substring(0, close).indexOf("%25");
      if (zone >= 0) {
        return unescape(host.substring(0, zone), Mode.HOST)
            + unescape(host.substring(zone, close), Mode.ZONE)
            + unescape(host.substring(close), Mode.HOST);
      }
    } else {
      int colon = host.lastIndexOf(':');
      if (colon != -1) {
        String colonPort = host.substring(colon);
        if (!validOptionalPort(colonPort)) {
          throw new Reason("invalid port " + GoQuote.quote(colonPort) + " after host");
        }
      }
    }
    return unescape(host, Mode.HOST);
  }

  public static boolean validOptionalPort(String port) {
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

  /** Go's encoding modes. */
  public enum Mode {
    PATH,
    HOST,
    ZONE,
    USER_PASSWORD,
    FRAGMENT
  }

  /** Go's {@code unescape}, on the UTF-8 bytes of {@code s}. */
  public static String unescape(String s, Mode mode) throws Reason {
    byte[] in = s.getBytes(StandardCharsets.UTF_8);
    int percents = 0;
    for (int i = 0; i < in.length; ) {
      int c = in[i] & 0xFF;
      if (c == '%') {
        percents++;
        if (i + 2 >= in.length || !isHex(in[i + 1]) || !isHex(in[i + 2])) {
          int end = Math.min(in.length, i + 3);
          throw new Reason("invalid URL escape " + GoQuote.quote(new String(in, i, end - i, StandardCharsets.UTF_8)));
        }
        String escape = new String(in, i, 3, StandardCharsets.UTF_8);
        if (mode == Mode.HOST && unhex(in[i + 1]) < 8 && !escape.equals("%25")) {
          throw new Reason("invalid URL escape " + GoQuote.quote(escape));
        }
        if (mode == Mode.ZONE) {
          int v = unhex(in[i + 1]) << 4 | unhex(in[i + 2]);
          if (!escape.equals("%25") && v != ' ' && shouldEscape(v, Mode.HOST)) {
            throw new Reason("invalid URL escape " + GoQuote.quote(escape));
          }
        }
        i += 3;
      } else {
        if ((mode == Mode.HOST || mode == Mode.ZONE) && c < 0x80 && shouldEscape(c, mode)) {
          throw new Reason("invalid character " + GoQuote.quote(String.valueOf((char) c)) + " in host name");
        }
        i++;
      }
    }
    if (percents == 0) {
      return s;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
    for (int i = 0; i < in.length; i++) {
      if (in[i] == '%') {
        out.write(unhex(in[i + 1]) << 4 | unhex(in[i + 2]));
        i += 2;
      } else {
        out.write(in[i]);
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  /** Go's {@code escape}, on UTF-8 bytes. */
  public static String escape(String s, Mode mode) {
    byte[] in = s.getBytes(StandardCharsets.UTF_8);
    StringBuilder out = new StringBuilder(in.length + 8);
    boolean changed = false;
    for (byte value : in) {
      int c = value & 0xFF;
      if (shouldEscape(c, mode)) {
        out.append('%').append("0123456789ABCDEF".charAt(c >> 4)).append("0123456789ABCDEF".charAt(c & 15));
        changed = true;
      } else {
        out.append((char) c);
      }
    }
    return changed ? out.toString() : s;
  }

  private static boolean validEncoded(String s, Mode mode) {
    byte[] in = s.getBytes(StandardCharsets.UTF_8);
    for (byte value : in) {
      int c = value & 0xFF;
      if ("!$&'()*+,;=:@[]%".indexOf(c) >= 0 && c < 0x80) {
        continue;
      }
      if (shouldEscape(c, mode)) {
        return false;
      }
    }
    return true;
  }

  /** Go's {@code shouldEscape(c, mode)}. */
  private static boolean shouldEscape(int c, Mode mode) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
      return false;
    }
    if (mode == Mode.HOST || mode == Mode.ZONE) {
      switch (c) {
        case '!', '$', '&', '\'', '(', ')', '*', '+', ',', ';', '=', ':', '[', ']', '<', '>', '"':
          return false;
        default:
          break;
      }
    }
    switch (c) {
      case '-', '_', '.', '~':
        return false;
      case '$', '&', '+', ',', '/', ':', ';', '=', '?', '@':
        switch (mode) {
          case PATH:
            return c == '?';
          case USER_PASSWORD:
            return c == '@' || c == '/' || c == '?' || c == ':';
          case FRAGMENT:
            return false;
          default:
            break;
        }
        break;
      default:
        break;
    }
    if (mode == Mode.FRAGMENT) {
      switch (c) {
        case '!', '(', ')', '*':
          return false;
        default:
          break;
      }
    }
    return true;
  }

  private static boolean isHex(byte c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  private static int unhex(byte c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    return c - 'A' + 10;
  }
}
