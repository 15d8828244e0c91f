package io.github.tunneldiagnostics.api.ingress;

import io.github.tunneldiagnostics.api.internal.Redaction;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The {@code originRequest} fields as written in one place of a config (top level or one rule): a null
 * accessor result is a field that is absent. See {@link OriginRequest#merge(OriginRequestOverrides)}.
 * Immutable; build with {@link #builder()}. A class rather than a record, so that a field cloudflared adds
 * can be added without breaking callers.
 */
public final class OriginRequestOverrides {

  /** No field set. */
  public static final OriginRequestOverrides NONE = builder().build();

  private final @Nullable Duration connectTimeout;
  private final @Nullable Duration tlsTimeout;
  private final @Nullable Duration tcpKeepAlive;
  private final @Nullable Boolean noHappyEyeballs;
  private final @Nullable Integer keepAliveConnections;
  private final @Nullable Duration keepAliveTimeout;
  private final @Nullable String httpHostHeader;
  private final @Nullable String originServerName;
  private final @Nullable Boolean matchSNItoHost;
  private final @Nullable String caPool;
  private final @Nullable Boolean noTLSVerify;
  private final @Nullable Boolean disableChunkedEncoding;
  private final @Nullable Boolean bastionMode;
  private final @Nullable String proxyAddress;
  private final @Nullable Integer proxyPort;
  private final @Nullable String proxyType;
  private final @Nullable List<IpRule> ipRules;
  private final @Nullable Boolean http2Origin;
  private final @Nullable AccessConfig access;

  private OriginRequestOverrides(Builder b) {
    this.connectTimeout = b.connectTimeout;
    this.tlsTimeout = b.tlsTimeout;
    this.tcpKeepAlive = b.tcpKeepAlive;
    this.noHappyEyeballs = b.noHappyEyeballs;
    this.keepAliveConnections = b.keepAliveConnections;
    this.keepAliveTimeout = b.keepAliveTimeout;
    this.httpHostHeader = b.httpHostHeader;
    this.originServerName = b.originServerName;
    this.matchSNItoHost = b.matchSNItoHost;
    this.caPool = b.caPool;
    this.noTLSVerify = b.noTLSVerify;
    this.disableChunkedEncoding = b.disableChunkedEncoding;
    this.bastionMode = b.bastionMode;
    this.proxyAddress = b.proxyAddress;
    this.proxyPort = b.proxyPort;
    this.proxyType = b.proxyType;
    this.ipRules = b.ipRules;
    this.http2Origin = b.http2Origin;
    this.access = b.access;
  }

  /** A builder with no field set. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding the fields this one sets. */
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

  /** {@code connectTimeout} as written, or null when absent. */
  public @Nullable Duration connectTimeout() {
    return connectTimeout;
  }

  /** {@code tlsTimeout} as written, or null when absent. */
  public @Nullable Duration tlsTimeout() {
    return tlsTimeout;
  }

  /** {@code tcpKeepAlive} as written, or null when absent. */
  public @Nullable Duration tcpKeepAlive() {
    return tcpKeepAlive;
  }

  /** {@code noHappyEyeballs} as written, or null when absent. */
  public @Nullable Boolean noHappyEyeballs() {
    return noHappyEyeballs;
  }

  /** {@code keepAliveConnections} as written, or null when absent. */
  public @Nullable Integer keepAliveConnections() {
    return keepAliveConnections;
  }

  /** {@code keepAliveTimeout} as written, or null when absent. */
  public @Nullable Duration keepAliveTimeout() {
    return keepAliveTimeout;
  }

  /** {@code httpHostHeader} as written, or null when absent. */
  public @Nullable String httpHostHeader() {
    return httpHostHeader;
  }

  /** {@code originServerName} as written, or null when absent. */
  public @Nullable String originServerName() {
    return originServerName;
  }

  /** {@code matchSNItoHost} as written, or null when absent. */
  public @Nullable Boolean matchSNItoHost() {
    return matchSNItoHost;
  }

  /** {@code caPool} as written, or null when absent. */
  public @Nullable String caPool() {
    return caPool;
  }

  /** {@code noTLSVerify} as written, or null when absent. */
  public @Nullable Boolean noTLSVerify() {
    return noTLSVerify;
  }

  /** {@code disableChunkedEncoding} as written, or null when absent. */
  public @Nullable Boolean disableChunkedEncoding() {
    return disableChunkedEncoding;
  }

  /** {@code bastionMode} as written, or null when absent. */
  public @Nullable Boolean bastionMode() {
    return bastionMode;
  }

  /** {@code proxyAddress} as written, or null when absent. */
  public @Nullable String proxyAddress() {
    return proxyAddress;
  }

  /** {@code proxyPort} as written, or null when absent. */
  public @Nullable Integer proxyPort() {
    return proxyPort;
  }

  /** {@code proxyType} as written, or null when absent. */
  public @Nullable String proxyType() {
    return proxyType;
  }

  /** {@code ipRules} as written, or null when absent. */
  public @Nullable List<IpRule> ipRules() {
    return ipRules;
  }

  /** {@code http2Origin} as written, or null when absent. */
  public @Nullable Boolean http2Origin() {
    return http2Origin;
  }

  /** {@code access} as written, or null when absent. */
  public @Nullable AccessConfig access() {
    return access;
  }

  /** True when no field is set. */
  public boolean isEmpty() {
    return equals(NONE);
  }

  @Override
  public boolean equals(@Nullable Object other) {
    if (this == other) {
      return true;
    }
    if (!(other instanceof OriginRequestOverrides that)) {
      return false;
    }
    return Objects.equals(connectTimeout, that.connectTimeout)
        && Objects.equals(tlsTimeout, that.tlsTimeout)
        && Objects.equals(tcpKeepAlive, that.tcpKeepAlive)
        && Objects.equals(noHappyEyeballs, that.noHappyEyeballs)
        && Objects.equals(keepAliveConnections, that.keepAliveConnections)
        && Objects.equals(keepAliveTimeout, that.keepAliveTimeout)
        && Objects.equals(httpHostHeader, that.httpHostHeader)
        && Objects.equals(originServerName, that.originServerName)
        && Objects.equals(matchSNItoHost, that.matchSNItoHost)
        && Objects.equals(caPool, that.caPool)
        && Objects.equals(noTLSVerify, that.noTLSVerify)
        && Objects.equals(disableChunkedEncoding, that.disableChunkedEncoding)
        && Objects.equals(bastionMode, that.bastionMode)
        && Objects.equals(proxyAddress, that.proxyAddress)
        && Objects.equals(proxyPort, that.proxyPort)
        && Objects.equals(proxyType, that.proxyType)
        && Objects.equals(ipRules, that.ipRules)
        && Objects.equals(http2Origin, that.http2Origin)
        && Objects.equals(access, that.access);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        connectTimeout, tlsTimeout, tcpKeepAlive, noHappyEyeballs, keepAliveConnections, keepAliveTimeout, httpHostHeader, originServerName, matchSNItoHost, caPool, noTLSVerify, disableChunkedEncoding, bastionMode, proxyAddress, proxyPort, proxyType, ipRules, http2Origin, access);
  }

  /** The fields that are set, e.g. {@code OriginRequestOverrides[connectTimeout=PT5S]}. */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("OriginRequestOverrides[");
    String separator = "";
    if (connectTimeout != null) {
      text.append(separator).append("connectTimeout=").append(connectTimeout);
      separator = ", ";
    }
    if (tlsTimeout != null) {
      text.append(separator).append("tlsTimeout=").append(tlsTimeout);
      separator = ", ";
    }
    if (tcpKeepAlive != null) {
      text.append(separator).append("tcpKeepAlive=").append(tcpKeepAlive);
      separator = ", ";
    }
    if (noHappyEyeballs != null) {
      text.append(separator).append("noHappyEyeballs=").append(noHappyEyeballs);
      separator = ", ";
    }
    if (keepAliveConnections != null) {
      text.append(separator).append("keepAliveConnections=").append(keepAliveConnections);
      separator = ", ";
    }
    if (keepAliveTimeout != null) {
      text.append(separator).append("keepAliveTimeout=").append(keepAliveTimeout);
      separator = ", ";
    }
    if (httpHostHeader != null) {
      text.append(separator).append("httpHostHeader=").append(httpHostHeader);
      separator = ", ";
    }
    if (originServerName != null) {
      text.append(separator).append("originServerName=").append(originServerName);
      separator = ", ";
    }
    if (matchSNItoHost != null) {
      text.append(separator).append("matchSNItoHost=").append(matchSNItoHost);
      separator = ", ";
    }
    if (caPool != null) {
      text.append(separator).append("caPool=").append(caPool);
      separator = ", ";
    }
    if (noTLSVerify != null) {
      text.append(separator).append("noTLSVerify=").append(noTLSVerify);
      separator = ", ";
    }
    if (disableChunkedEncoding != null) {
      text.append(separator).append("disableChunkedEncoding=").append(disableChunkedEncoding);
      separator = ", ";
    }
    if (bastionMode != null) {
      text.append(separator).append("bastionMode=").append(bastionMode);
      separator = ", ";
    }
    if (proxyAddress != null) {
      text.append(separator).append("proxyAddress=").append(proxyAddress);
      separator = ", ";
    }
    if (proxyPort != null) {
      text.append(separator).append("proxyPort=").append(proxyPort);
      separator = ", ";
    }
    if (proxyType != null) {
      text.append(separator).append("proxyType=").append(proxyType);
      separator = ", ";
    }
    if (ipRules != null) {
      text.append(separator).append("ipRules=").append(ipRules);
      separator = ", ";
    }
    if (http2Origin != null) {
      text.append(separator).append("http2Origin=").append(http2Origin);
      separator = ", ";
    }
    if (access != null) {
      text.append(separator).append("access=").append(access);
      separator = ", ";
    }
    return Redaction.redact(text.append(']').toString());
  }

  /** Builds {@link OriginRequestOverrides}; fields never set stay absent. Not thread-safe. */
  public static final class Builder {
    private @Nullable Duration connectTimeout;
    private @Nullable Duration tlsTimeout;
    private @Nullable Duration tcpKeepAlive;
    private @Nullable Boolean noHappyEyeballs;
    private @Nullable Integer keepAliveConnections;
    private @Nullable Duration keepAliveTimeout;
    private @Nullable String httpHostHeader;
    private @Nullable String originServerName;
    private @Nullable Boolean matchSNItoHost;
    private @Nullable String caPool;
    private @Nullable Boolean noTLSVerify;
    private @Nullable Boolean disableChunkedEncoding;
    private @Nullable Boolean bastionMode;
    private @Nullable String proxyAddress;
    private @Nullable Integer proxyPort;
    private @Nullable String proxyType;
    private @Nullable List<IpRule> ipRules;
    private @Nullable Boolean http2Origin;
    private @Nullable AccessConfig access;

    private Builder() {}

    /** Sets {@code connectTimeout}; null makes it absent again. */
    public Builder connectTimeout(@Nullable Duration value) {
      this.connectTimeout = value;
      return this;
    }

    /** Sets {@code tlsTimeout}; null makes it absent again. */
    public Builder tlsTimeout(@Nullable Duration value) {
      this.tlsTimeout = value;
      return this;
    }

    /** Sets {@code tcpKeepAlive}; null makes it absent again. */
    public Builder tcpKeepAlive(@Nullable Duration value) {
      this.tcpKeepAlive = value;
      return this;
    }

    /** Sets {@code noHappyEyeballs}; null makes it absent again. */
    public Builder noHappyEyeballs(@Nullable Boolean value) {
      this.noHappyEyeballs = value;
      return this;
    }

    /** Sets {@code keepAliveConnections}; null makes it absent again. */
    public Builder keepAliveConnections(@Nullable Integer value) {
      this.keepAliveConnections = value;
      return this;
    }

    /** Sets {@code keepAliveTimeout}; null makes it absent again. */
    public Builder keepAliveTimeout(@Nullable Duration value) {
      this.keepAliveTimeout = value;
      return this;
    }

    /** Sets {@code httpHostHeader}; null makes it absent again. */
    public Builder httpHostHeader(@Nullable String value) {
      this.httpHostHeader = value;
      return this;
    }

    /** Sets {@code originServerName}; null makes it absent again. */
    public Builder originServerName(@Nullable String value) {
      this.originServerName = value;
      return this;
    }

    /** Sets {@code matchSNItoHost}; null makes it absent again. */
    public Builder matchSNItoHost(@Nullable Boolean value) {
      this.matchSNItoHost = value;
      return this;
    }

    /** Sets {@code caPool}; null makes it absent again. */
    public Builder caPool(@Nullable String value) {
      this.caPool = value;
      return this;
    }

    /** Sets {@code noTLSVerify}; null makes it absent again. */
    public Builder noTLSVerify(@Nullable Boolean value) {
      this.noTLSVerify = value;
      return this;
    }

    /** Sets {@code disableChunkedEncoding}; null makes it absent again. */
    public Builder disableChunkedEncoding(@Nullable Boolean value) {
      this.disableChunkedEncoding = value;
      return this;
    }

    /** Sets {@code bastionMode}; null makes it absent again. */
    public Builder bastionMode(@Nullable Boolean value) {
      this.bastionMode = value;
      return this;
    }

    /** Sets {@code proxyAddress}; null makes it absent again. */
    public Builder proxyAddress(@Nullable String value) {
      this.proxyAddress = value;
      return this;
    }

    /** Sets {@code proxyPort}; null makes it absent again. */
    public Builder proxyPort(@Nullable Integer value) {
      this.proxyPort = value;
      return this;
    }

    /** Sets {@code proxyType}; null makes it absent again. */
    public Builder proxyType(@Nullable String value) {
      this.proxyType = value;
      return this;
    }

    /** Sets {@code ipRules}; null makes it absent again. */
    public Builder ipRules(@Nullable List<IpRule> value) {
      this.ipRules = value == null ? null : List.copyOf(value);
      return this;
    }

    /** Sets {@code http2Origin}; null makes it absent again. */
    public Builder http2Origin(@Nullable Boolean value) {
      this.http2Origin = value;
      return this;
    }

    /** Sets {@code access}; null makes it absent again. */
    public Builder access(@Nullable AccessConfig value) {
      this.access = value;
      return this;
    }

    /** The overrides; the builder can be reused. */
    public OriginRequestOverrides build() {
      return new OriginRequestOverrides(this);
    }
  }
}
