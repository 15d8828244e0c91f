package io.github.tunneldiagnostics.core;

import io.github.tunneldiagnostics.api.internal.Redaction;
import io.github.tunneldiagnostics.core.internal.dns.CloudflareRanges;
import io.github.tunneldiagnostics.core.internal.dns.DnsServer;
import io.github.tunneldiagnostics.core.internal.edge.EdgeTrust;
import io.github.tunneldiagnostics.core.internal.edge.ResolveOverride;
import io.github.tunneldiagnostics.core.internal.publicroute.PublicRouteSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How {@link TunnelDiagnostics#diagnose()} checks the public half, as a visitor ({@code --public}): each
 * public hostname's DNS, then one request through Cloudflare's edge. Traffic goes only to the DNS servers
 * and to the public hostnames' addresses (or the {@code --resolve} ones). Immutable; build with {@link #builder()}.
 *
 * <pre>{@code
 * PublicRouteOptions visitor = PublicRouteOptions.builder()
 *     .dnsServer("127.0.0.1:5353")                       // default: the system's resolvers
 *     .resolve("app.example.com:8443:127.0.0.1")         // curl's --resolve: no connection to the DNS answer
 *     .edgeCa(Path.of("edge-ca.pem"))                    // extra roots for the edge's certificate
 *     .build();
 * }</pre>
 *
 * @param dnsServers {@code ADDR[:PORT]} of the DNS servers to ask; empty: the system's resolvers
 * @param resolves curl-style {@code HOST:PORT:ADDR[,ADDR]...} pins; the first that applies wins
 * @param edgeCaFiles PEM files whose certificates are trusted for the edge, besides the JDK's roots
 * @param cloudflareRanges a file of Cloudflare's address ranges (one CIDR a line) replacing the built-in list, or null
 */
public record PublicRouteOptions(List<String> dnsServers, List<String> resolves, List<Path> edgeCaFiles, @Nullable Path cloudflareRanges) {

  public PublicRouteOptions {
    dnsServers = List.copyOf(dnsServers);
    resolves = List.copyOf(resolves);
    edgeCaFiles = List.copyOf(edgeCaFiles);
    dnsServers.forEach(DnsServer::parse);
    resolves.forEach(ResolveOverride::parse);
  }

  /** The system's resolvers, no pins, the JDK's roots, the built-in ranges. */
  public static PublicRouteOptions defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * The internal settings these options stand for.
   *
   * @throws UncheckedIOException when an {@code --edge-ca} or ranges file cannot be read
   * @throws IllegalArgumentException naming the file when it holds no certificate or a bad range
   */
  PublicRouteSettings.Builder settings() {
    PublicRouteSettings.Builder settings = PublicRouteSettings.builder();
    dnsServers.forEach(s -> settings.dnsServer(DnsServer.parse(s)));
    resolves.forEach(r -> settings.resolve(ResolveOverride.parse(r)));
    try {
      List<X509Certificate> roots = new ArrayList<>();
      for (Path file : edgeCaFiles) {
        roots.addAll(EdgeTrust.withPemFile(file).extraRoots());
      }
      settings.trust(EdgeTrust.withRoots(roots));
      if (cloudflareRanges != null) {
        settings.ranges(CloudflareRanges.fromFile(cloudflareRanges));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + e.getMessage(), e);
    }
    return settings;
  }

  /** Builds {@link PublicRouteOptions}; each value is checked as it is given. */
  public static final class Builder {
    private final List<String> dnsServers = new ArrayList<>();
    private final List<String> resolves = new ArrayList<>();
    private final List<Path> edgeCaFiles = new ArrayList<>();
    private @Nullable Path cloudflareRanges;

    private Builder() {}

    /**
     * Asks this DNS server, {@code ADDR[:PORT]} (e.g. {@code 127.0.0.1:5353}, {@code [::1]:53}), instead of the system's.
     *
     * @throws IllegalArgumentException naming the value and the expected form
     */
    public Builder dnsServer(String addressAndPort) {
      DnsServer.parse(Objects.requireNonNull(addressAndPort, "addressAndPort"));
      dnsServers.add(addressAndPort);
      return this;
    }

    /**
     * Pins a host and port to addresses, exactly like curl's {@code --resolve HOST:PORT:ADDR[,ADDR]...}.
     *
     * @throws IllegalArgumentException naming the value and the expected form
     */
    public Builder resolve(String hostPortAddress) {
      ResolveOverride.parse(Objects.requireNonNull(hostPortAddress, "hostPortAddress"));
      resolves.add(hostPortAddress);
      return this;
    }

    /** Trusts the certificates of this PEM file for the edge (a TLS-inspecting proxy's root, a test's CA). */
    public Builder edgeCa(Path pemFile) {
      edgeCaFiles.add(Objects.requireNonNull(pemFile, "pemFile"));
      return this;
    }

    /** Replaces the built-in list of Cloudflare's address ranges with this file's. */
    public Builder cloudflareRanges(@Nullable Path file) {
      this.cloudflareRanges = file;
      return this;
    }

    public PublicRouteOptions build() {
      return new PublicRouteOptions(dnsServers, resolves, edgeCaFiles, cloudflareRanges);
    }
  }

  /** The record's fields, under the redaction policy. */
  @Override
  public String toString() {
    return Redaction.toString(this);
  }
}
