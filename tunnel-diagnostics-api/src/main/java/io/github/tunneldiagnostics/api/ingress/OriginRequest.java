package io.github.tunneldiagnostics.api.ingress;

import io.github.tunneldiagnostics.api.internal.Redaction;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A rule's effective {@code originRequest}: every field cloudflared knows, with its defaults applied and
 * the top-level values merged in (cloudflared-semantics.md §a). Immutable; build with {@link #builder()}
 * (which starts from cloudflared's {@linkplain #DEFAULTS defaults}) or {@link #toBuilder()}.
 *
 * <p>A class rather than a record so that a field cloudflared adds can be added here without breaking
 * callers: there is no public constructor, only the builder.
 */
public final class OriginRequest {

  /** cloudflared's built-in defaults ({@code ingress/config.go}). */
  public static final OriginRequest DEFAULTS = new Builder().build();
  private final Duration connectTimeout;
  private final Duration tlsTimeout;
  private final Duration tcpKeepAlive;
  private final boolean noHappyEyeballs;
  private final int keepAliveConnections;
  private final Duration keepAliveTimeout;
  private final String httpHostHeader;
  private final String originServerName;
  private final boolean matchSNItoHost;
  private final String caPool;
  private final boolean noTLSVerify;
  private final boolean disableChunkedEncoding;
  private final boolean bastionMode;
  private final String proxyAddress;
  private final int proxyPort;
  private final String proxyType;
  private final List<IpRule> ipRules;
  private final boolean http2Origin;
  private final @Nullable AccessConfig access;

  private OriginRequest(Builder b) {
    this.connectTimeout = Objects.requireNonNull(b.connectTimeout, "connectTimeout");
    this.tlsTimeout = Objects.requireNonNull(b.tlsTimeout, "tlsTimeout");
    this.tcpKeepAlive = Objects.requireNonNull(b.tcpKeepAlive, "tcpKeepAlive");
    this.noHappyEyeballs = b.noHappyEyeballs;
    this.keepAliveConnections = b.keepAliveConnections;
    this.keepAliveTimeout = Objects.requireNonNull(b.keepAliveTimeout, "keepAliveTimeout");
    this.httpHostHeader = Objects.requireNonNull(b.httpHostHeader, "httpHostHeader");
    this.originServerName = Objects.requireNonNull(b.originServerName, "originServerName");
    this.matchSNItoHost = b.matchSNItoHost;
    this.caPool = Objects.requireNonNull(b.caPool, "caPool");
    this.noTLSVerify = b.noTLSVerify;
    this.disableChunkedEncoding = b.disableChunkedEncoding;
    this.bastionMode = b.bastionMode;
    this.proxyAddress = Objects.requireNonNull(b.proxyAddress, "proxyAddress");
    this.proxyPort = b.proxyPort;
    this.proxyType = Objects.requireNonNull(b.proxyType, "proxyType");
    this.ipRules = List.copyOf(b.ipRules);
    this.http2Origin = b.http2Origin;
    this.access = b.access;
  }

  /** A builder starting from cloudflared's defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from this request's values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.connectTimeout = connectTimeout;
    b.tlsTimeout = tlsTimeout;
    b.tcpKeepAlive = tcpKeepAlive;
    b.noHappyEyeballs = noHappyEyeballs;
    b.keepAliveConnections = keepAliveConnections;
    b.keepAliveTimeout = keepAliveTimeout;
    b.httpHostHeader = httpHostHeader;
    b.originServerName = originServerName;
    b.matchSNItoHost = matchSNItoHost;
    b.caPool = caPool;
    b.noTLSVerify = noTLSVerify;
    b.disableChunkedEncoding = disableChunkedEncoding;
    b.bastionMode = bastionMode;
    b.proxyAddress = proxyAddress;
    b.proxyPort = proxyPort;
    b.proxyType = proxyType;
    b.ipRules = ipRules;
    b.http2Origin = http2Origin;
    b.access = access;
    return b;
  }

  /** TCP dial timeout, default 30s. */
  public Duration connectTimeout() {
    return connectTimeout;
  }

  /** TLS handshake timeout, default 10s. */
  public Duration tlsTimeout() {
    return tlsTimeout;
  }

  /** TCP keep-alive period, default 30s. */
  public Duration tcpKeepAlive() {
    return tcpKeepAlive;
  }

  /** Disables Go's dual-stack fallback. */
  public boolean noHappyEyeballs() {
    return noHappyEyeballs;
  }

  /** Idle connection pool size, default 100. */
  public int keepAliveConnections() {
    return keepAliveConnections;
  }

  /** Idle connection timeout, default 90s. */
  public Duration keepAliveTimeout() {
    return keepAliveTimeout;
  }

  /** Overrides the Host header; empty means the public hostname is sent. */
  public String httpHostHeader() {
    return httpHostHeader;
  }

  /** TLS SNI and verification name; empty means the service host. */
  public String originServerName() {
    return originServerName;
  }

  /** SNI = the request's Host (since cloudflared 2024.4.0). */
  public boolean matchSNItoHost() {
    return matchSNItoHost;
  }

  /** Path of extra PEM roots; empty means none. */
  public String caPool() {
    return caPool;
  }

  /** Skips certificate verification. */
  public boolean noTLSVerify() {
    return noTLSVerify;
  }

  /** Disables chunked transfer encoding to the origin. */
  public boolean disableChunkedEncoding() {
    return disableChunkedEncoding;
  }

  /** Turns a URL service into {@code bastion}. */
  public boolean bastionMode() {
    return bastionMode;
  }

  /** Listen address of cloudflared-hosted proxies, default 127.0.0.1. */
  public String proxyAddress() {
    return proxyAddress;
  }

  /** Listen port of cloudflared-hosted proxies, default 0. */
  public int proxyPort() {
    return proxyPort;
  }

  /** {@code socks} selects the SOCKS handler. */
  public String proxyType() {
    return proxyType;
  }

  /** Rules for {@code socks-proxy}. */
  public List<IpRule> ipRules() {
    return ipRules;
  }

  /** Attempt HTTP/2 to the origin (ALPN). */
  public boolean http2Origin() {
    return http2Origin;
  }

  /** Cloudflare Access JWT validation, or null. */
  public @Nullable AccessConfig access() {
    return access;
  }

  /**
   * This request with every field that {@code overrides} sets replaced, field by field, the way
   * cloudflared merges a rule's {@code originRequest} over the top-level one. An explicitly present
   * empty value overrides too. {@code ipRules} (when non-empty) and {@code access} are replaced whole.
   */
  public OriginRequest merge(OriginRequestOverrides overrides) {
    Builder b = toBuilder();
    @Nullable Duration connectTimeoutOverride = overrides.connectTimeout();
    if (connectTimeoutOverride != null) {
      b.connectTimeout(connectTimeoutOverride);
    }
    @Nullable Duration tlsTimeoutOverride = overrides.tlsTimeout();
    if (tlsTimeoutOverride != null) {
      b.tlsTimeout(tlsTimeoutOverride);
    }
    @Nullable Duration tcpKeepAliveOverride = overrides.tcpKeepAlive();
    if (tcpKeepAliveOverride != null) {
      b.tcpKeepAlive(tcpKeepAliveOverride);
    }
    @Nullable Boolean noHappyEyeballsOverride = overrides.noHappyEyeballs();
    if (noHappyEyeballsOverride != null) {
      b.noHappyEyeballs(noHappyEyeballsOverride);
    }
    @Nullable Integer keepAliveConnectionsOverride = overrides.keepAliveConnections();
    if (keepAliveConnectionsOverride != null) {
      b.keepAliveConnections(keepAliveConnectionsOverride);
    }
    @Nullable Duration keepAliveTimeoutOverride = overrides.keepAliveTimeout();
    if (keepAliveTimeoutOverride != null) {
      b.keepAliveTimeout(keepAliveTimeoutOverride);
    }
    @Nullable String httpHostHeaderOverride = overrides.httpHostHeader();
    if (httpHostHeaderOverride != null) {
      b.httpHostHeader(httpHostHeaderOverride);
    }
    @Nullable String originServerNameOverride = overrides.originServerName();
    if (originServerNameOverride != null) {
      b.originServerName(originServerNameOverride);
    }
    @Nullable Boolean matchSNItoHostOverride = overrides.matchSNItoHost();
    if (matchSNItoHostOverride != null) {
      b.matchSNItoHost(matchSNItoHostOverride);
    }
    @Nullable String caPoolOverride = overrides.caPool();
    if (caPoolOverride != null) {
      b.caPool(caPoolOverride);
    }
    @Nullable Boolean noTLSVerifyOverride = overrides.noTLSVerify();
    if (noTLSVerifyOverride != null) {
      b.noTLSVerify(noTLSVerifyOverride);
    }
    @Nullable Boolean disableChunkedEncodingOverride = overrides.disableChunkedEncoding();
    if (disableChunkedEncodingOverride != null) {
      b.disableChunkedEncoding(disableChunkedEncodingOverride);
    }
    @Nullable Boolean bastionModeOverride = overrides.bastionMode();
    if (bastionModeOverride != null) {
      b.bastionMode(bastionModeOverride);
    }
    @Nullable String proxyAddressOverride = overrides.proxyAddress();
    if (proxyAddressOverride != null) {
      b.proxyAddress(proxyAddressOverride);
    }
    @Nullable Integer proxyPortOverride = overrides.proxyPort();
    if (proxyPortOverride != null) {
      b.proxyPort(proxyPortOverride);
    }
    @Nullable String proxyTypeOverride = overrides.proxyType();
    if (proxyTypeOverride != null) {
      b.proxyType(proxyTypeOverride);
    }
    List<IpRule> rules = overrides.ipRules();
    if (rules != null && !rules.isEmpty()) {
      b.ipRules(rules);
    }
    @Nullable Boolean http2OriginOverride = overrides.http2Origin();
    if (http2OriginOverride != null) {
      b.http2Origin(http2OriginOverride);
    }
    @Nullable AccessConfig accessOverride = overrides.access();
    if (accessOverride != null) {
      b.access(accessOverride);
    }
    return b.build();
  }

  @Override
  public boolean equals(@Nullable Object other) {
    if (this == other) {
      return true;
    }
    if (!(other instanceof OriginRequest that)) {
      return false;
    }
    return Objects.equals(connectTimeout, that.connectTimeout)
        && Objects.equals(tlsTimeout, that.tlsTimeout)
        && Objects.equals(tcpKeepAlive, that.tcpKeepAlive)
        && noHappyEyeballs == that.noHappyEyeballs
        && keepAliveConnections == that.keepAliveConnections
        && Objects.equals(keepAliveTimeout, that.keepAliveTimeout)
        && Objects.equals(httpHostHeader, that.httpHostHeader)
        && Objects.equals(originServerName, that.originServerName)
        && matchSNItoHost == that.matchSNItoHost
        && Objects.equals(caPool, that.caPool)
        && noTLSVerify == that.noTLSVerify
        && disableChunkedEncoding == that.disableChunkedEncoding
        && bastionMode == that.bastionMode
        && Objects.equals(proxyAddress, that.proxyAddress)
        && proxyPort == that.proxyPort
        && Objects.equals(proxyType, that.proxyType)
        && Objects.equals(ipRules, that.ipRules)
        && http2Origin == that.http2Origin
        && Objects.equals(access, that.access);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        connectTimeout, tlsTimeout, tcpKeepAlive, noHappyEyeballs, keepAliveConnections, keepAliveTimeout, httpHostHeader, originServerName, matchSNItoHost, caPool, noTLSVerify, disableChunkedEncoding, bastionMode, proxyAddress, proxyPort, proxyType, ipRules, http2Origin, access);
  }

  @Override
  public String toString() {
    return Redaction.redact("OriginRequest["
        + "connectTimeout=" + connectTimeout
        + ", tlsTimeout=" + tlsTimeout
        + ", tcpKeepAlive=" + tcpKeepAlive
        + ", noHappyEyeballs=" + noHappyEyeballs
        + ", keepAliveConnections=" + keepAliveConnections
        + ", keepAliveTimeout=" + keepAliveTimeout
        + ", httpHostHeader=" + httpHostHeader
        + ", originServerName=" + originServerName
        + ", matchSNItoHost=" + matchSNItoHost
        + ", caPool=" + caPool
        + ", noTLSVerify=" + noTLSVerify
        + ", disableChunkedEncoding=" + disableChunkedEncoding
        + ", bastionMode=" + bastionMode
        + ", proxyAddress=" + proxyAddress
        + ", proxyPort=" + proxyPort
        + ", proxyType=" + proxyType
        + ", ipRules=" + ipRules
        + ", http2Origin=" + http2Origin
        + ", access=" + access
        + "]");
  }

  /** Builds an {@link OriginRequest}; starts from cloudflared's defaults. Not thread-safe. */
  public static final class Builder {
    private Duration connectTimeout = Duration.ofSeconds(30);
    private Duration tlsTimeout = Duration.ofSeconds(10);
    private Duration tcpKeepAlive = Duration.ofSeconds(30);
    private boolean noHappyEyeballs = false;
    private int keepAliveConnections = 100;
    private Duration keepAliveTimeout = Duration.ofSeconds(90);
    private String httpHostHeader = "";
    private String originServerName = "";
    private boolean matchSNItoHost = false;
    private String caPool = "";
    private boolean noTLSVerify = false;
    private boolean disableChunkedEncoding = false;
    private boolean bastionMode = false;
    private String proxyAddress = "127.0.0.1";
    private int proxyPort = 0;
    private String proxyType = "";
    private List<IpRule> ipRules = List.of();
    private boolean http2Origin = false;
    private @Nullable AccessConfig access = null;

    private Builder() {}

    /** TCP dial timeout, default 30s. */
    public Builder connectTimeout(Duration value) {
      this.connectTimeout = Objects.requireNonNull(value, "connectTimeout");
      return this;
    }

    /** TLS handshake timeout, default 10s. */
    public Builder tlsTimeout(Duration value) {
      this.tlsTimeout = Objects.requireNonNull(value, "tlsTimeout");
      return this;
    }

    /** TCP keep-alive period, default 30s. */
    public Builder tcpKeepAlive(Duration value) {
      this.tcpKeepAlive = Objects.requireNonNull(value, "tcpKeepAlive");
      return this;
    }

    /** Disables Go's dual-stack fallback. */
    public Builder noHappyEyeballs(boolean value) {
      this.noHappyEyeballs = value;
      return this;
    }

    /** Idle connection pool size, default 100. */
    public Builder keepAliveConnections(int value) {
      this.keepAliveConnections = value;
      return this;
    }

    /** Idle connection timeout, default 90s. */
    public Builder keepAliveTimeout(Duration value) {
      this.keepAliveTimeout = Objects.requireNonNull(value, "keepAliveTimeout");
      return this;
    }

    /** Overrides the Host header; empty means the public hostname is sent. */
    public Builder httpHostHeader(String value) {
      this.httpHostHeader = Objects.requireNonNull(value, "httpHostHeader");
      return this;
    }

    /** TLS SNI and verification name; empty means the service host. */
    public Builder originServerName(String value) {
      this.originServerName = Objects.requireNonNull(value, "originServerName");
      return this;
    }

    /** SNI = the request's Host (since cloudflared 2024.4.0). */
    public Builder matchSNItoHost(boolean value) {
      this.matchSNItoHost = value;
      return this;
    }

    /** Path of extra PEM roots; empty means none. */
    public Builder caPool(String value) {
      this.caPool = Objects.requireNonNull(value, "caPool");
      return this;
    }

    /** Skips certificate verification. */
    public Builder noTLSVerify(boolean value) {
      this.noTLSVerify = value;
      return this;
    }

    /** Disables chunked transfer encoding to the origin. */
    public Builder disableChunkedEncoding(boolean value) {
      this.disableChunkedEncoding = value;
      return this;
    }

    /** Turns a URL service into {@code bastion}. */
    public Builder bastionMode(boolean value) {
      this.bastionMode = value;
      return this;
    }

    /** Listen address of cloudflared-hosted proxies, default 127.0.0.1. */
    public Builder proxyAddress(String value) {
      this.proxyAddress = Objects.requireNonNull(value, "proxyAddress");
      return this;
    }

    /** Listen port of cloudflared-hosted proxies, default 0. */
    public Builder proxyPort(int value) {
      this.proxyPort = value;
      return this;
    }

    /** {@code socks} selects the SOCKS handler. */
    public Builder proxyType(String value) {
      this.proxyType = Objects.requireNonNull(value, "proxyType");
      return this;
    }

    /** Rules for {@code socks-proxy}. */
    public Builder ipRules(List<IpRule> value) {
      this.ipRules = List.copyOf(value);
      return this;
    }

    /** Attempt HTTP/2 to the origin (ALPN). */
    public Builder http2Origin(boolean value) {
      this.http2Origin = value;
      return this;
    }

    /** Cloudflare Access JWT validation, or null. */
    public Builder access(@Nullable AccessConfig value) {
      this.access = value;
      return this;
    }

    /** The request; the builder can be reused. */
    public OriginRequest build() {
      return new OriginRequest(this);
    }
  }
}
