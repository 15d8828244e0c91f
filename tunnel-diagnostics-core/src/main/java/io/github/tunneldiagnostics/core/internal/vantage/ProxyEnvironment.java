package io.github.tunneldiagnostics.core.internal.vantage;

import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The proxy settings in a process's environment, decided exactly like Go's {@code
 * http.ProxyFromEnvironment} ({@code golang.org/x/net/http/httpproxy}), which cloudflared's origin
 * transport uses: {@code HTTP_PROXY} for {@code http} requests, {@code HTTPS_PROXY} for {@code https}
 * (upper case first, then lower case), {@code NO_PROXY} exceptions, and never a proxy for {@code
 * localhost} or a loopback literal. {@code HTTP_PROXY} is ignored when {@code REQUEST_METHOD} is set
 * (CGI). Only these variables' values are ever decoded.
 *
 * @param httpProxy the proxy for http requests, or null
 * @param httpsProxy the proxy for https requests, or null
 * @param noProxy the {@code NO_PROXY} value as set (it holds no secret), empty when unset
 * @param cgi whether {@code REQUEST_METHOD} is set
 */
public record ProxyEnvironment(@Nullable ProxyServer httpProxy, @Nullable ProxyServer httpsProxy, String noProxy, boolean cgi) {
  /** No proxy variables. */
  public static final ProxyEnvironment NONE = new ProxyEnvironment(null, null, "", false);

  private static final List<String> NAMES = List.of("HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "NO_PROXY", "no_proxy", "REQUEST_METHOD");

  /** Reads the proxy variables of an {@code environ} file's bytes; every other value is skipped unread. */
  public static ProxyEnvironment fromEnviron(byte[] environ) {
    Map<String, String> values = new LinkedHashMap<>();
    int start = 0;
    while (start < environ.length) {
      int end = start;
      while (end < environ.length && environ[end] != 0) {
        end++;
      }
      int eq = start;
      while (eq < end && environ[eq] != '=') {
        eq++;
      }
      String name = new String(environ, start, eq - start, StandardCharsets.UTF_8);
      if (eq < end && NAMES.contains(name)) {
        values.putIfAbsent(name, new String(environ, eq + 1, end - eq - 1, StandardCharsets.UTF_8));
      }
      start = end + 1;
    }
    return fromMap(values);
  }

  /** From variables by name (tests, and this JVM's own environment). */
  public static ProxyEnvironment fromMap(Map<String, String> env) {
    ProxyServer http = any(env, "HTTP_PROXY", "http_proxy");
    ProxyServer https = any(env, "HTTPS_PROXY", "https_proxy");
    String upperNo = nonEmpty(env.get("NO_PROXY"));
    String no = upperNo != null ? upperNo : Optional.ofNullable(env.get("no_proxy")).orElse("");
    return new ProxyEnvironment(http, https, no, nonEmpty(env.get("REQUEST_METHOD")) != null);
  }

  private static @Nullable ProxyServer any(Map<String, String> env, String upper, String lower) {
    String name = nonEmpty(env.get(upper)) != null ? upper : lower;
    String value = nonEmpty(env.get(name));
    return value == null ? null : ProxyServer.parse(name, value).orElse(null);
  }

  private static @Nullable String nonEmpty(@Nullable String v) {
    return v == null || v.isEmpty() ? null : v;
  }

  /** True when any proxy is set. */
  public boolean any() {
    return httpProxy != null || httpsProxy != null;
  }

  /**
   * The proxy cloudflared's request to {@code scheme://host:port} goes through, or empty for a direct
   * connection. {@code scheme} is the request URL's ({@code ws}/{@code wss} count as http/https).
   */
  public Optional<ProxyServer> proxyFor(String scheme, String host, int port) {
    String s = scheme.toLowerCase(Locale.ROOT);
    boolean secure = s.equals("https") || s.equals("wss");
    boolean plain = s.equals("http") || s.equals("ws");
    // in a CGI environment (REQUEST_METHOD set) Go ignores HTTP_PROXY, which a request header could have set
    ProxyServer proxy = secure ? httpsProxy : plain && !cgi ? httpProxy : null;
    if (proxy == null) {
      return Optional.empty();
    }
    return useProxy(host, port) ? Optional.of(proxy) : Optional.empty();
  }

  /** Go's {@code useProxy}: false for localhost, loopback literals and NO_PROXY matches. */
  boolean useProxy(String rawHost, int port) {
    String host = rawHost.toLowerCase(Locale.ROOT).strip();
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    if (host.equals("localhost")) {
      return false;
    }
    InetAddress ip = HostsFile.literalAddress(host);
    if (ip != null && ip.isLoopbackAddress()) {
      return false;
    }
    String portText = Integer.toString(port);
    for (String raw : noProxy.split(",")) {
      String p = raw.strip().toLowerCase(Locale.ROOT);
      if (p.isEmpty()) {
        continue;
      }
      if (p.equals("*")) {
        return false;
      }
      int slash = p.indexOf('/');
      if (slash > 0) {
        if (ip != null && cidrContains(p.substring(0, slash), p.substring(slash + 1), ip)) {
          return false;
        }
        continue;
      }
      String phost = p;
      String pport = "";
      String[] split = splitHostPort(p);
      if (split != null) {
        phost = split[0];
        pport = split[1];
        if (phost.isEmpty()) {
          continue;
        }
      }
      InetAddress pip = HostsFile.literalAddress(phost);
      if (pip != null) {
        if (ip != null && pip.equals(ip) && (pport.isEmpty() || pport.equals(portText))) {
          return false;
        }
        continue;
      }
      if (phost.startsWith("*.")) {
        phost = phost.substring(1);
      }
      boolean matchHost = false;
      if (!phost.startsWith(".")) {
        matchHost = true;
        phost = "." + phost;
      }
      if ((host.endsWith(phost) || (matchHost && host.equals(phost.substring(1)))) && (pport.isEmpty() || pport.equals(portText))) {
        return false;
      }
    }
    return true;
  }

  /** Go's {@code net.SplitHostPort} for a NO_PROXY entry; null when it has no port. */
  private static String @Nullable [] splitHostPort(String p) {
    if (p.startsWith("[")) {
      int close = p.indexOf(']');
      if (close > 0 && close + 1 < p.length() && p.charAt(close + 1) == ':') {
        return new String[] {p.substring(1, close), p.substring(close + 2)};
      }
      return null;
    }
    int colon = p.lastIndexOf(':');
    if (colon < 0 || p.indexOf(':') != colon) {
      return null;
    }
    return new String[] {p.substring(0, colon), p.substring(colon + 1)};
  }

  private static boolean cidrContains(String network, String prefixText, InetAddress ip) {
    InetAddress net = HostsFile.literalAddress(network);
    int prefix;
    try {
      prefix = Integer.parseInt(prefixText);
    } catch (NumberFormatException e) {
      return false;
    }
    if (net == null || (net instanceof Inet4Address) != (ip instanceof Inet4Address)) {
      return false;
    }
    int bits = net.getAddress().length * 8;
    if (prefix < 0 || prefix > bits) {
      return false;
    }
    BigInteger mask = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE).shiftRight(prefix).not();
    BigInteger a = new BigInteger(1, net.getAddress()).and(mask);
    BigInteger b = new BigInteger(1, ip.getAddress()).and(mask);
    return a.equals(b);
  }

  /** The variables set, with proxy credentials hidden: {@code HTTPS_PROXY=http://proxy:3128}. */
  public List<String> describe() {
    List<String> out = new ArrayList<>();
    if (httpProxy != null) {
      out.add(httpProxy.toString());
    }
    if (httpsProxy != null) {
      out.add(httpsProxy.toString());
    }
    if (!noProxy.isEmpty()) {
      out.add("NO_PROXY=" + noProxy);
    }
    return out;
  }

  @Override
  public String toString() {
    return "ProxyEnvironment" + describe();
  }
}
