package io.github.tunneldiagnostics.api.ingress;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A rule's effective {@code originRequest}: every field cloudflared knows, with its defaults applied and
 * the top-level values merged in (cloudflared-semantics.md §a).
 *
 * @param connectTimeout TCP dial timeout, default 30s
 * @param tlsTimeout TLS handshake timeout, default 10s
 * @param tcpKeepAlive default 30s
 * @param noHappyEyeballs disables Go's dual-stack fallback
 * @param keepAliveConnections idle connection pool size, default 100
 * @param keepAliveTimeout idle connection timeout, default 90s
 * @param httpHostHeader overrides the Host header; empty means the public hostname is sent
 * @param originServerName TLS SNI and verification name; empty means the service host
 * @param matchSNItoHost SNI = the request's Host (since cloudflared 2024.4.0)
 * @param caPool path of extra PEM roots; empty means none
 * @param noTLSVerify skips certificate verification
 * @param disableChunkedEncoding see cloudflared docs
 * @param bastionMode turns a URL service into {@code bastion}
 * @param proxyAddress listen address of cloudflared-hosted proxies, default 127.0.0.1
 * @param proxyPort listen port of cloudflared-hosted proxies, default 0
 * @param proxyType {@code socks} selects the SOCKS handler
 * @param ipRules rules for {@code socks-proxy}
 * @param http2Origin attempt HTTP/2 to the origin (ALPN)
 * @param access Cloudflare Access JWT validation, or null
 */
public record OriginRequest(
    Duration connectTimeout,
    Duration tlsTimeout,
    Duration tcpKeepAlive,
    boolean noHappyEyeballs,
    int keepAliveConnections,
    Duration keepAliveTimeout,
    String httpHostHeader,
    String originServerName,
    boolean matchSNItoHost,
    String caPool,
    boolean noTLSVerify,
    boolean disableChunkedEncoding,
    boolean bastionMode,
    String proxyAddress,
    int proxyPort,
    String proxyType,
    List<IpRule> ipRules,
    boolean http2Origin,
    @Nullable AccessConfig access) {

  /** cloudflared's built-in defaults ({@code ingress/config.go}). */
  public static final OriginRequest DEFAULTS =
      new OriginRequest(
          Duration.ofSeconds(30),
          Duration.ofSeconds(10),
          Duration.ofSeconds(30),
          false,
          100,
          Duration.ofSeconds(90),
          "",
          "",
          false,
          "",
          false,
          false,
          false,
          "127.0.0.1",
          0,
          "",
          List.of(),
          false,
          null);

  public OriginRequest {
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(tlsTimeout, "tlsTimeout");
    Objects.requireNonNull(tcpKeepAlive, "tcpKeepAlive");
    Objects.requireNonNull(keepAliveTimeout, "keepAliveTimeout");
    Objects.requireNonNull(httpHostHeader, "httpHostHeader");
    Objects.requireNonNull(originServerName, "originServerName");
    Objects.requireNonNull(caPool, "caPool");
    Objects.requireNonNull(proxyAddress, "proxyAddress");
    Objects.requireNonNull(proxyType, "proxyType");
    ipRules = List.copyOf(ipRules);
  }

  /**
   * This request with every field that {@code overrides} sets replaced, field by field, the way
   * cloudflared merges a rule's {@code originRequest} over the top-level one. An explicitly present
   * empty value overrides too. {@code ipRules} (when non-empty) and {@code access} are replaced whole.
   */
  public OriginRequest merge(OriginRequestOverrides overrides) {
    return new OriginRequest(
        pick(overrides.connectTimeout(), connectTimeout),
        pick(overrides.tlsTimeout(), tlsTimeout),
        pick(overrides.tcpKeepAlive(), tcpKeepAlive),
        pick(overrides.noHappyEyeballs(), noHappyEyeballs),
        pick(overrides.keepAliveConnections(), keepAliveConnections),
        pick(overrides.keepAliveTimeout(), keepAliveTimeout),
        pick(overrides.httpHostHeader(), httpHostHeader),
        pick(overrides.originServerName(), originServerName),
        pick(overrides.matchSNItoHost(), matchSNItoHost),
        pick(overrides.caPool(), caPool),
        pick(overrides.noTLSVerify(), noTLSVerify),
        pick(overrides.disableChunkedEncoding(), disableChunkedEncoding),
        pick(overrides.bastionMode(), bastionMode),
        pick(overrides.proxyAddress(), proxyAddress),
        pick(overrides.proxyPort(), proxyPort),
        pick(overrides.proxyType(), proxyType),
        overrides.ipRules() != null && !overrides.ipRules().isEmpty() ? overrides.ipRules() : ipRules,
        pick(overrides.http2Origin(), http2Origin),
        overrides.access() != null ? overrides.access() : access);
  }

  private static <T> T pick(@Nullable T override, T current) {
    return override != null ? override : current;
  }
}
