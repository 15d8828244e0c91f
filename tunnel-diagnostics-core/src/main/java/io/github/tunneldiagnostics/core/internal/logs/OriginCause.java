package io.github.tunneldiagnostics.core.internal.logs;

import io.github.tunneldiagnostics.api.check.FindingCode;
import io.github.tunneldiagnostics.api.check.Severity;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What a failed request's Go error says (cloudflared-semantics.md §e): the finding code, its severity, a
 * short explanation and the fix. Matching is on substrings, so Go's wrappers ({@code tls: failed to
 * verify certificate:} since Go 1.20, {@code Failed to proxy HTTP:}) do not matter. The order matters:
 * {@code proxyconnect tcp: dial tcp …: connection refused} is the proxy's refusal, not the origin's.
 */
record OriginCause(String code, Severity severity, String explanation, String remediation) {

  static final String UNABLE_TO_REACH =
      "Unable to reach the origin service. The service may be down or it may not be responding to traffic from cloudflared: ";
  static final String PROXY_HTTP = "Failed to proxy HTTP: ";
  static final String ABANDONED = "Incoming request ended abruptly";

  /** The Go error without cloudflared's wrappers. */
  static String stripWrappers(String error) {
    String cause = error;
    if (cause.startsWith(PROXY_HTTP)) {
      cause = cause.substring(PROXY_HTTP.length());
    }
    if (cause.startsWith(UNABLE_TO_REACH)) {
      cause = cause.substring(UNABLE_TO_REACH.length());
    }
    return cause;
  }

  private static OriginCause error(String code, String explanation, String remediation) {
    return new OriginCause(code, Severity.ERROR, explanation, remediation);
  }

  /**
   * Classifies a Go error.
   *
   * @param service the rule's service as logged, or empty; decides what a connection reset means
   * @return the cause, or null when no finding code covers the error
   */
  static @Nullable OriginCause of(String cause, String service) {
    if (cause.contains("proxyconnect")) {
      return error(
          FindingCode.ORIGIN_VIA_PROXY,
          "cloudflared sent the request through the HTTP(S) proxy named in its environment (HTTP_PROXY / HTTPS_PROXY), and the proxy failed ("
              + afterProxyconnect(cause) + "); the origin itself was never reached",
          "Add the origin's host to NO_PROXY in cloudflared's environment (its service unit or container), or repair the proxy; loopback origins are never proxied.");
    }
    if (cause.contains("too many open files")) {
      return error(
          FindingCode.CONNECTOR_FD_EXHAUSTED,
          "cloudflared ran out of file descriptors (too many open files), so it could not open the connection",
          "Raise cloudflared's open-file limit (LimitNOFILE= in its systemd unit, ulimit -n, or the container's nofile ulimit) and restart it; look for an origin or client that keeps connections open.");
    }
    if (cause.contains("dial unix") && cause.contains("no such file or directory")) {
      return error(
          FindingCode.ORIGIN_UNIX_SOCKET_MISSING,
          "the unix socket does not exist",
          "Start the app that creates the socket, or change the rule's service to the socket's real path (unix:/path/to.sock).");
    }
    if (cause.contains("websocket: bad handshake")) {
      return error(
          FindingCode.ORIGIN_WEBSOCKET_REJECTED,
          "the origin did not accept the WebSocket upgrade (websocket: bad handshake): it answered something other than 101 Switching Protocols",
          "Make the app accept WebSocket upgrades on this path; a reverse proxy in front of it must pass the Upgrade and Connection headers. Check that the service is the app's WebSocket port.");
    }
    if (cause.contains("connection refused") || cause.contains("actively refused")) {
      return error(
          FindingCode.ORIGIN_CONNECTION_REFUSED,
          "nothing accepted the connection (connection refused)",
          "Start the app, or change the rule's service to the address and port the app really listens on.");
    }
    if (cause.contains("no such host") || (cause.contains("lookup ") && cause.contains("server misbehaving"))) {
      return error(
          FindingCode.ORIGIN_UNRESOLVABLE,
          "the service host name does not resolve where cloudflared runs",
          "Use a name cloudflared's host or container can resolve (join the app's Docker network, fix the typo), or an IP address.");
    }
    if (cause.contains("TLS handshake timeout")) {
      return error(
          FindingCode.ORIGIN_NO_RESPONSE,
          "the origin accepted the connection but did not complete the TLS handshake in time (tlsTimeout)",
          "Check that the port speaks TLS and the app is not overloaded; raise originRequest.tlsTimeout if the handshake is just slow.");
    }
    if (cause.contains("timeout awaiting response headers")) {
      return error(
          FindingCode.ORIGIN_NO_RESPONSE,
          "the origin accepted the request but sent no response headers in time (timeout awaiting response headers)",
          "Check the app's own logs at these times: it accepts connections but does not answer (overloaded, deadlocked, or waiting on its own upstream).");
    }
    boolean dial = cause.contains("dial tcp") || cause.contains("dial udp") || cause.startsWith("dial ");
    if (cause.contains("i/o timeout") || cause.contains("context deadline exceeded")) {
      if (dial) {
        return error(
            FindingCode.ORIGIN_CONNECT_TIMEOUT,
            "the connection attempt timed out (connectTimeout): a firewall, a wrong address or a route drops it",
            "Check the service address, the host firewall and the route to it; lower originRequest.connectTimeout to fail faster.");
      }
      return error(
          FindingCode.ORIGIN_NO_RESPONSE,
          "the connection was open but the origin did not answer in time ("
              + (cause.contains("i/o timeout") ? "i/o timeout" : "context deadline exceeded") + ")",
          "Check the app's own logs at these times: it accepts connections but does not answer (overloaded, deadlocked, or waiting on its own upstream).");
    }
    if (cause.contains("x509:")) {
      if (cause.contains("expired or is not yet valid")) {
        return error(
            FindingCode.ORIGIN_CERT_EXPIRED,
            "the origin's certificate is expired or not yet valid",
            "Renew the origin's certificate (and check the clock of both machines).");
      }
      if (cause.contains("certificate is valid for")
          || cause.contains("doesn't contain any IP SANs")
          || cause.contains("not valid for any names")
          || cause.contains("legacy Common Name")) {
        return error(
            FindingCode.ORIGIN_CERT_NAME_MISMATCH,
            "the origin's certificate does not cover the name cloudflared verifies",
            "Set originRequest.originServerName to a name in the certificate (or matchSNItoHost: true), or reissue the certificate with the right SANs.");
      }
      return error(
          FindingCode.ORIGIN_CERT_UNTRUSTED,
          "the origin's certificate is not trusted",
          "Point originRequest.caPool at the CA that signed the origin's certificate; use noTLSVerify only as a temporary last resort.");
    }
    if (cause.contains("first record does not look like a TLS handshake") || cause.contains("server gave HTTP response to HTTPS client")) {
      return error(
          FindingCode.ORIGIN_SPEAKS_PLAINTEXT,
          "the service is https:// but the port speaks plain HTTP",
          "Change the rule's service scheme to http://.");
    }
    if (cause.contains("malformed HTTP response") && (cause.contains("\\x15\\x03") || cause.contains("\u0015\u0003"))) {
      return error(
          FindingCode.ORIGIN_SPEAKS_TLS,
          "the service is http:// but the port answers with TLS",
          "Change the rule's service scheme to https:// (with originServerName or caPool as needed).");
    }
    if (cause.contains("tls: unrecognized name")) {
      return error(
          FindingCode.ORIGIN_SNI_REQUIRED,
          "the origin refused the TLS handshake because of the server name (SNI) cloudflared sent",
          "Set originRequest.originServerName to the name the origin serves, or matchSNItoHost: true.");
    }
    if (cause.contains("connection reset by peer")) {
      if (service.startsWith("http://") || service.startsWith("ws://")) {
        return error(
            FindingCode.ORIGIN_NO_RESPONSE,
            "the origin reset the connection instead of answering the plain-HTTP request (connection reset by peer): an app that crashes or drops the request does this, and so does a port that speaks TLS",
            "Check the app's own logs at these times; if the port speaks TLS, change the rule's service scheme to https://; if the app closes idle keep-alive connections early, lower originRequest.keepAliveTimeout below its idle timeout.");
      }
      return error(
          FindingCode.ORIGIN_NO_RESPONSE,
          "the origin reset the connection without answering (connection reset by peer)",
          "Check the app's own logs; if it closes idle keep-alive connections early, lower originRequest.keepAliveTimeout below its idle timeout.");
    }
    if (cause.equals("EOF") || cause.endsWith(": EOF") || cause.endsWith(" EOF")) {
      return error(
          FindingCode.ORIGIN_NO_RESPONSE,
          "the origin closed the connection without answering (EOF)",
          "Check the app's own logs; if it needs SNI or closes idle keep-alive connections early, set originServerName or lower originRequest.keepAliveTimeout.");
    }
    if (cause.contains(ABANDONED) || cause.equals("context canceled")) {
      return new OriginCause(
          FindingCode.ORIGIN_SLOW,
          Severity.WARNING,
          "the request was cancelled while cloudflared still waited for the origin's response headers (Incoming request ended abruptly: context canceled): the visitor, or Cloudflare's edge after 100 s (HTTP 524), gave up before the origin answered",
          "Find what makes the origin slow to send its response headers at these times (its own logs, its upstreams); for work that takes long, answer early and continue asynchronously, or stream a first byte.");
    }
    return null;
  }

  private static String afterProxyconnect(String cause) {
    int at = cause.indexOf("proxyconnect");
    String rest = cause.substring(at);
    return rest.length() <= 200 ? rest : rest.substring(0, 200) + "…";
  }

  /** A bounded cache of classifications: the same few errors repeat millions of times. */
  static final class Cache {
    private static final int MAX = 1024;
    private static final int MAX_KEY = 512;
    private static final OriginCause NONE = new OriginCause("NONE", Severity.INFO, "", "");
    private final Map<String, OriginCause> plainHttp = new HashMap<>();
    private final Map<String, OriginCause> other = new HashMap<>();

    @SuppressWarnings("ReferenceEquality") // NONE is a sentinel compared by identity
    @Nullable OriginCause of(String cause, String service) {
      if (cause.length() > MAX_KEY) {
        return OriginCause.of(cause, service); // rare and large: not worth the memory
      }
      Map<String, OriginCause> cache = service.startsWith("http://") || service.startsWith("ws://") ? plainHttp : other;
      OriginCause hit = cache.get(cause);
      if (hit == null) {
        OriginCause computed = OriginCause.of(cause, service);
        hit = computed == null ? NONE : computed;
        if (cache.size() >= MAX) {
          cache.clear();
        }
        cache.put(cause, hit);
      }
      return hit == NONE ? null : hit;
    }
  }
}
