package io.github.tunneldiagnostics.core.internal.publicroute;

import io.github.tunneldiagnostics.core.internal.dns.CloudflareRanges;
import io.github.tunneldiagnostics.core.internal.dns.DnsServer;
import io.github.tunneldiagnostics.core.internal.edge.EdgeTrust;
import io.github.tunneldiagnostics.core.internal.edge.ResolveOverride;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How the public checks reach the outside: which DNS servers to ask (none given: the system's), which
 * hostnames are pinned to which addresses ({@code --resolve}), which roots to trust for the edge, and the
 * local evidence that attributes an edge answer to this connector (its tunnel id, log files, metrics).
 *
 * @param dnsServers the servers to ask; empty means the system's resolvers
 * @param overrides curl-style {@code --resolve} entries; the first that applies wins
 * @param trust the roots for the edge's certificate
 * @param ranges Cloudflare's address ranges
 * @param localTunnelId the tunnel this connector serves, or null when unknown
 * @param logs cloudflared's log files, searched for the {@code cf-ray} of a probe
 * @param metrics the connector's metrics server ({@code http://host:port}), read before and after a probe, or null
 * @param zones zones the hostnames may have been written into by mistake ({@code DNS_WRONG_ZONE}), besides
 *     the zones of the other public hostnames
 * @param userAgent the {@code User-Agent} of the edge request
 */
public record PublicRouteSettings(
    List<DnsServer> dnsServers, List<ResolveOverride> overrides, EdgeTrust trust, CloudflareRanges ranges,
    @Nullable String localTunnelId, List<Path> logs, @Nullable URI metrics, List<String> zones, String userAgent) {

  public PublicRouteSettings {
    dnsServers = List.copyOf(dnsServers);
    overrides = List.copyOf(overrides);
    Objects.requireNonNull(trust, "trust");
    Objects.requireNonNull(ranges, "ranges");
    logs = List.copyOf(logs);
    zones = List.copyOf(zones);
    Objects.requireNonNull(userAgent, "userAgent");
  }

  /** Starts from the defaults: system resolvers, no overrides, system roots, the built-in ranges. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these options. */
  public Builder toBuilder() {
    Builder builder = new Builder();
    builder.dnsServers.addAll(dnsServers);
    builder.overrides.addAll(overrides);
    builder.trust = trust;
    builder.ranges = ranges;
    builder.localTunnelId = localTunnelId;
    builder.logs.addAll(logs);
    builder.metrics = metrics;
    builder.zones.addAll(zones);
    builder.userAgent = userAgent;
    return builder;
  }

  /** Builds {@link PublicRouteSettings}. */
  public static final class Builder {
    private final List<DnsServer> dnsServers = new ArrayList<>();
    private final List<ResolveOverride> overrides = new ArrayList<>();
    private EdgeTrust trust = EdgeTrust.system();
    private @Nullable CloudflareRanges ranges;
    private @Nullable String localTunnelId;
    private final List<Path> logs = new ArrayList<>();
    private @Nullable URI metrics;
    private final List<String> zones = new ArrayList<>();
    private String userAgent = "tunnel-diagnostics";

    private Builder() {}

    public Builder dnsServer(DnsServer server) {
      dnsServers.add(Objects.requireNonNull(server, "server"));
      return this;
    }

    public Builder resolve(ResolveOverride override) {
      overrides.add(Objects.requireNonNull(override, "override"));
      return this;
    }

    public Builder trust(EdgeTrust value) {
      this.trust = Objects.requireNonNull(value, "trust");
      return this;
    }

    public Builder ranges(CloudflareRanges value) {
      this.ranges = Objects.requireNonNull(value, "ranges");
      return this;
    }

    public Builder localTunnelId(@Nullable String value) {
      this.localTunnelId = value;
      return this;
    }

    public Builder logs(List<Path> files) {
      logs.addAll(files);
      return this;
    }

    public Builder metrics(@Nullable URI value) {
      this.metrics = value;
      return this;
    }

    public Builder zone(String zone) {
      zones.add(Objects.requireNonNull(zone, "zone"));
      return this;
    }

    public Builder userAgent(String value) {
      this.userAgent = Objects.requireNonNull(value, "userAgent");
      return this;
    }

    public PublicRouteSettings build() {
      return new PublicRouteSettings(dnsServers, overrides, trust, ranges != null ? ranges : CloudflareRanges.builtIn(),
          localTunnelId, logs, metrics, zones, userAgent);
    }
  }
}
