package io.github.tunneldiagnostics.core;

import io.github.tunneldiagnostics.api.ingress.IngressModel;
import io.github.tunneldiagnostics.core.internal.connector.MetricsAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * How to find and read a running cloudflared. Immutable; build with {@link #builder()}.
 *
 * @param metricsAddress the {@code HOST:PORT} given by the user ({@code --metrics}), or null to discover
 * @param candidates the addresses tried when none is given: cloudflared's defaults {@code
 *     localhost:20241..20245} (2024.12+); injectable so that tests never depend on this machine
 * @param fileModel the config file's model, for drift and tunnel-ID comparison, or null
 * @param procRoot where to look for running cloudflared processes ({@code /proc} on Linux), or null to
 *     skip process discovery
 * @param connectTimeout TCP connect timeout per request
 * @param requestTimeout timeout of each whole HTTP request
 * @param expectedConnections how many ready connections a healthy connector has (cloudflared's
 *     {@code ha-connections}, default 4)
 * @param selector the connector to diagnose when several run: a pid, or a container id (or its
 *     12-character prefix) as its cgroup shows it; null for all
 */
public record ConnectorOptions(
    @Nullable String metricsAddress,
    List<String> candidates,
    @Nullable IngressModel fileModel,
    @Nullable Path procRoot,
    Duration connectTimeout,
    Duration requestTimeout,
    int expectedConnections,
    @Nullable String selector) {

  /** cloudflared's default metrics addresses since 2024.12.0. */
  public static final List<String> DEFAULT_CANDIDATES =
      List.of("localhost:20241", "localhost:20242", "localhost:20243", "localhost:20244", "localhost:20245");

  public ConnectorOptions {
    if (metricsAddress != null) {
      MetricsAddress.parse(metricsAddress);
    }
    candidates = List.copyOf(candidates);
    candidates.forEach(MetricsAddress::parse);
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    if (connectTimeout.isNegative() || connectTimeout.isZero()) {
      throw new IllegalArgumentException("'connectTimeout' must be positive but was " + connectTimeout);
    }
    if (requestTimeout.isNegative() || requestTimeout.isZero()) {
      throw new IllegalArgumentException("'requestTimeout' must be positive but was " + requestTimeout);
    }
    if (expectedConnections < 1) {
      throw new IllegalArgumentException("'expectedConnections' must be at least 1 but was " + expectedConnections);
    }
  }

  /** Options with every default: discovery on the default addresses and in {@code /proc}. */
  public static ConnectorOptions defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The address the user gave, if any. */
  public Optional<String> metrics() {
    return Optional.ofNullable(metricsAddress);
  }

  /** A builder holding this object's values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.metricsAddress = metricsAddress;
    b.candidates = new ArrayList<>(candidates);
    b.fileModel = fileModel;
    b.procRoot = procRoot;
    b.connectTimeout = connectTimeout;
    b.requestTimeout = requestTimeout;
    b.expectedConnections = expectedConnections;
    b.selector = selector;
    return b;
  }

  /** Builds {@link ConnectorOptions}. */
  public static final class Builder {
    private @Nullable String metricsAddress;
    private List<String> candidates = new ArrayList<>(DEFAULT_CANDIDATES);
    private @Nullable IngressModel fileModel;
    private @Nullable Path procRoot = Path.of("/proc");
    private Duration connectTimeout = Duration.ofSeconds(1);
    private Duration requestTimeout = Duration.ofSeconds(3);
    private int expectedConnections = 4;
    private @Nullable String selector;

    private Builder() {}

    /** The metrics server's {@code HOST:PORT}; null to discover it. */
    public Builder metricsAddress(@Nullable String hostPort) {
      this.metricsAddress = hostPort;
      return this;
    }

    /** The addresses to try when no address is given (default {@link #DEFAULT_CANDIDATES}). */
    public Builder candidates(List<String> addresses) {
      this.candidates = new ArrayList<>(addresses);
      return this;
    }

    /** The config file's model, to compare with what the connector runs. */
    public Builder fileModel(@Nullable IngressModel model) {
      this.fileModel = model;
      return this;
    }

    /** Where running processes are listed ({@code /proc}); null disables process discovery. */
    public Builder procRoot(@Nullable Path root) {
      this.procRoot = root;
      return this;
    }

    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = timeout;
      return this;
    }

    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = timeout;
      return this;
    }

    public Builder expectedConnections(int count) {
      this.expectedConnections = count;
      return this;
    }

    /** The connector to diagnose when several run: a pid or a container id (prefix); null for all. */
    public Builder selector(@Nullable String value) {
      this.selector = value;
      return this;
    }

    public ConnectorOptions build() {
      return new ConnectorOptions(metricsAddress, candidates, fileModel, procRoot, connectTimeout, requestTimeout, expectedConnections, selector);
    }
  }
}
