package io.github.tunneldiagnostics.core.internal.vantage;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Where a running connector sits and what it sees: the values the origin probes use to judge from its
 * seat. Immutable.
 *
 * @param pid the connector's process id
 * @param placement its placement relative to this process
 * @param container the container it runs in, or null
 * @param netns its network namespace, or null when unreadable
 * @param root its file system root ({@code /proc/<pid>/root})
 * @param netDir its network tables ({@code /proc/<pid>/net}), readable without privileges
 * @param hosts its hosts file, resolved inside its root, or null when unreadable
 * @param resolvConf its resolv.conf (Go's defaults when missing or unreadable)
 * @param resolverFilesReadable false when its root could not be read (no privilege)
 * @param network its addresses, subnets and gateway
 * @param proxy the proxy variables of its environment ({@link ProxyEnvironment#NONE} when unreadable)
 * @param identity its user and groups, or null
 * @param inspectionProblem why its namespace or files could not be read (one sentence), or null
 */
public record ConnectorVantage(
    long pid,
    Placement placement,
    @Nullable ContainerRef container,
    @Nullable NamespaceId netns,
    ContainerRoot root,
    Path netDir,
    @Nullable Path hosts,
    ResolvConf resolvConf,
    boolean resolverFilesReadable,
    NetworkView network,
    ProxyEnvironment proxy,
    @Nullable ProcessIdentity identity,
    @Nullable String inspectionProblem) {

  public ConnectorVantage {
    Objects.requireNonNull(placement, "placement");
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(netDir, "netDir");
    Objects.requireNonNull(resolvConf, "resolvConf");
    Objects.requireNonNull(network, "network");
    Objects.requireNonNull(proxy, "proxy");
  }

  /** This process's own seat: this host's files and network, no proxy, no user. */
  public static ConnectorVantage host() {
    return new ConnectorVantage(ProcessHandle.current().pid(), Placement.HOST_PROCESS, null, null, new ContainerRoot(Path.of("/")),
        Path.of("/proc/self/net"), null, ResolvConf.MISSING, false, NetworkView.parse(null, null), ProxyEnvironment.NONE, null, null);
  }

  /** The container, if it runs in one. */
  public Optional<ContainerRef> containerRef() {
    return Optional.ofNullable(container);
  }

  /** True when probes must run inside its network namespace to see what it sees. */
  public boolean needsOwnNetwork() {
    return placement == Placement.OWN_NETNS;
  }

  /** True when it resolves names with other files than this host's. */
  public boolean ownResolver() {
    return (placement == Placement.OWN_NETNS || placement == Placement.HOST_NETWORK_CONTAINER) && resolverFilesReadable;
  }

  /** {@code cloudflared (pid 1234, docker container 0123456789ab)}. */
  public String describe() {
    return "cloudflared (pid " + pid + (container != null ? ", " + container.describe() : placement == Placement.OWN_NETNS ? ", own network namespace" : "") + ")";
  }
}
