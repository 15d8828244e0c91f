package io.github.tunneldiagnostics.core.internal.logs;

import io.github.tunneldiagnostics.api.check.FindingCode;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What a failed request's Go error says about the origin (cloudflared-semantics.md §e): the finding code,
 * a short explanation and the fix. Matching is on substrings, so Go's wrappers ({@code tls: failed to
 * verify certificate:} since Go 1.20, {@code Failed to proxy HTTP:}) do not matter.
 */
record OriginCause(String code, String explanation, String remediation) {

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

  /**
   * Classifies a Go error.
   *
   * @param service the rule's service as logged, or empty; decides what a connection reset most likely
   *     means
   * @return the cause, or null when the error names no known origin problem
   */
  static @Nullable OriginCause of(String cause, String service) {
    if (cause.contains("dial unix") && cause.contains("no such file or directory")) {
      return new OriginCause(
          FindingCode.ORIGIN_UNIX_SOCKET_MISSING,
          "the unix socket does not exist",
          "Start the app that creates the socket, or change the rule's service to the socket's real path (unix:/path/to.sock).");
    }
    if (cause.contains("connection refused") || cause.contains("actively refused")) {
      return new OriginCause(
          FindingCode.ORIGIN_CONNECTION_REFUSED,
          "nothing accepted the connection (connection refused)",
          "Start the app, or change the rule's service to the address and port the app really listens on.");
    }
    if (cause.contains("no such host") || (cause.contains("lookup ") && cause.contains("server misbehaving"))) {
      return new OriginCause(
          FindingCode.ORIGIN_UNRESOLVABLE,
          "the service host name does not resolve where cloudflared runs",
          "Use a name cloudflared's host or container can resolve (join the app's Docker network, fix the typo), or an IP address.");
    }
    if (cause.contains("TLS handshake timeout")) {
      return new OriginCause(
          FindingCode.ORIGIN_NO_RESPONSE,
          "the origin accepted the connection but did not complete the TLS handshake in time (tlsTimeout)",
          "Check that the port speaks TLS and the app is not overloaded; raise originRequest.tlsTimeout if the handshake is just slow.");
    }
    if (cause.contains("i/o timeout")) {
      return new OriginCause(
          FindingCode.ORIGIN_CONNECT_TIMEOUT,
          "the connection attempt timed out (connectTimeout): a firewall, a wrong address or a route drops it",
          "Check the service address, the host firewall and the route to it; lower originRequest.connectTimeout to fail faster.");
    }
    if (cause.contains("x509:")) {
      if (cause.contains("expired or is not yet valid")) {
        return new OriginCause(
            FindingCode.ORIGIN_CERT_EXPIRED,
            "the origin's certificate is expired or not yet valid",
            "Renew the origin's certificate (and check the clock of both machines).");
      }
      if (cause.contains("certificate is valid for")
          || cause.contains("doesn't contain any IP SANs")
          || cause.contains("not valid for any names")
          || cause.contains("legacy Common Name")) {
        return new OriginCause(
            FindingCode.ORIGIN_CERT_NAME_MISMATCH,
            "the origin's certificate does not cover the name cloudflared verifies",
            "Set originRequest.originServerName to a name in the certificate (or matchSNItoHost: true), or reissue the certificate with the right SANs.");
      }
      return new OriginCause(
          FindingCode.ORIGIN_CERT_UNTRUSTED,
          "the origin's certificate is not trusted",
          "Point originRequest.caPool at the CA that signed the origin's certificate; use noTLSVerify only as a temporary last resort.");
    }
    if (cause.contains("first record does not look like a TLS handshake")) {
      return new OriginCause(
          FindingCode.ORIGIN_SPEAKS_PLAINTEXT,
          "the service is https:// but the port speaks plain HTTP",
          "Change the rule's service scheme to http://.");
    }
    if (cause.contains("malformed HTTP response") && (cause.contains("\\x15\\x03") || cause.contains("\u0015\u0003"))) {
      return new OriginCause(
          FindingCode.ORIGIN_SPEAKS_TLS,
          "the service is http:// but the port answers with TLS",
          "Change the rule's service scheme to https:// (with originServerName or caPool as needed).");
    }
    if (cause.contains("tls: unrecognized name")) {
      return new OriginCause(
          FindingCode.ORIGIN_SNI_REQUIRED,
          "the origin refused the TLS handshake because of the server name (SNI) cloudflared sent",
          "Set originRequest.originServerName to the name the origin serves, or matchSNItoHost: true.");
    }
    if (cause.contains("connection reset by peer")) {
      if (service.startsWith("http://") || service.startsWith("ws://")) {
        return new OriginCause(
            FindingCode.ORIGIN_SPEAKS_TLS,
            "the origin reset the plain-HTTP connection, which is what a TLS port does (or the app crashed mid-request)",
            "If the port speaks TLS, change the rule's service scheme to https://; otherwise check the app's own logs.");
      }
      return new OriginCause(
          FindingCode.ORIGIN_NO_RESPONSE,
          "the origin reset the connection without answering",
          "Check the app's own logs; if it closes idle keep-alive connections early, lower originRequest.keepAliveTimeout below its idle timeout.");
    }
    if (cause.equals("EOF") || cause.endsWith(": EOF") || cause.endsWith(" EOF")) {
      return new OriginCause(
          FindingCode.ORIGIN_NO_RESPONSE,
          "the origin closed the connection without answering (EOF)",
          "Check the app's own logs; if it needs SNI or closes idle keep-alive connections early, set originServerName or lower originRequest.keepAliveTimeout.");
    }
    return null;
  }

  /** A bounded cache of classifications: the same few errors repeat millions of times. */
  static final class Cache {
    private static final int MAX = 2048;
    private static final OriginCause NONE = new OriginCause("NONE", "", "");
    private final Map<String, OriginCause> plainHttp = new HashMap<>();
    private final Map<String, OriginCause> other = new HashMap<>();

    @SuppressWarnings("ReferenceEquality") // NONE is a sentinel compared by identity
    @Nullable OriginCause of(String cause, String service) {
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
