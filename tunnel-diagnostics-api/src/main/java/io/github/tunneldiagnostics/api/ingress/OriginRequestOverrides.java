package io.github.tunneldiagnostics.api.ingress;

import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The {@code originRequest} fields as written in one place of a config (top level or one rule): a null
 * component is a field that is absent. See {@link OriginRequest#merge(OriginRequestOverrides)}.
 */
public record OriginRequestOverrides(
    @Nullable Duration connectTimeout,
    @Nullable Duration tlsTimeout,
    @Nullable Duration tcpKeepAlive,
    @Nullable Boolean noHappyEyeballs,
    @Nullable Integer keepAliveConnections,
    @Nullable Duration keepAliveTimeout,
    @Nullable String httpHostHeader,
    @Nullable String originServerName,
    @Nullable Boolean matchSNItoHost,
    @Nullable String caPool,
    @Nullable Boolean noTLSVerify,
    @Nullable Boolean disableChunkedEncoding,
    @Nullable Boolean bastionMode,
    @Nullable String proxyAddress,
    @Nullable Integer proxyPort,
    @Nullable String proxyType,
    @Nullable List<IpRule> ipRules,
    @Nullable Boolean http2Origin,
    @Nullable AccessConfig access) {

  /** No field set. */
  public static final OriginRequestOverrides NONE = builder().build();

  public OriginRequestOverrides {
    ipRules = ipRules == null ? null : List.copyOf(ipRules);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link OriginRequestOverrides}; fields never set stay absent. */
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

    public Builder connectTimeout(Duration value) { this.connectTimeout = value; return this; }
    public Builder tlsTimeout(Duration value) { this.tlsTimeout = value; return this; }
    public Builder tcpKeepAlive(Duration value) { this.tcpKeepAlive = value; return this; }
    public Builder noHappyEyeballs(boolean value) { this.noHappyEyeballs = value; return this; }
    public Builder keepAliveConnections(int value) { this.keepAliveConnections = value; return this; }
    public Builder keepAliveTimeout(Duration value) { this.keepAliveTimeout = value; return this; }
    public Builder httpHostHeader(String value) { this.httpHostHeader = value; return this; }
    public Builder originServerName(String value) { this.originServerName = value; return this; }
    public Builder matchSNItoHost(boolean value) { this.matchSNItoHost = value; return this; }
    public Builder caPool(String value) { this.caPool = value; return this; }
    public Builder noTLSVerify(boolean value) { this.noTLSVerify = value; return this; }
    public Builder disableChunkedEncoding(boolean value) { this.disableChunkedEncoding = value; return this; }
    public Builder bastionMode(boolean value) { this.bastionMode = value; return this; }
    public Builder proxyAddress(String value) { this.proxyAddress = value; return this; }
    public Builder proxyPort(int value) { this.proxyPort = value; return this; }
    public Builder proxyType(String value) { this.proxyType = value; return this; }
    public Builder ipRules(List<IpRule> value) { this.ipRules = List.copyOf(value); return this; }
    public Builder http2Origin(boolean value) { this.http2Origin = value; return this; }
    public Builder access(AccessConfig value) { this.access = value; return this; }

    public OriginRequestOverrides build() {
      return new OriginRequestOverrides(
          connectTimeout, tlsTimeout, tcpKeepAlive, noHappyEyeballs, keepAliveConnections,
          keepAliveTimeout, httpHostHeader, originServerName, matchSNItoHost, caPool, noTLSVerify,
          disableChunkedEncoding, bastionMode, proxyAddress, proxyPort, proxyType, ipRules,
          http2Origin, access);
    }
  }
}
