package io.github.tunneldiagnostics.core.internal.vantage;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Reads a connector's {@link ConnectorVantage} from a {@code /proc}-like tree: namespaces against this
 * process's, cgroup, its root's {@code /etc/hosts} and {@code /etc/resolv.conf}, its network tables,
 * proxy variables and user. Never opens a socket; an unreadable part is recorded, never thrown.
 */
public final class VantageReader {
  static final int MAX_RESOLVER_FILE = 1 << 20;

  private final Path procRoot;
  private final String self;

  /** Reads {@code procRoot} ({@code /proc}), comparing with this process's namespaces. */
  public VantageReader(Path procRoot) {
    this(procRoot, "self");
  }

  /** Reads {@code procRoot}, comparing with the namespaces of {@code procRoot/self}. */
  VantageReader(Path procRoot, String self) {
    this.procRoot = Objects.requireNonNull(procRoot, "procRoot");
    this.self = self;
  }

  public ConnectorVantage read(long pid) {
    Path dir = procRoot.resolve(Long.toString(pid));
    ContainerRef container = null;
    try {
      container = ContainerRef.fromCgroup(ProcFiles.text(dir.resolve("cgroup"))).orElse(null);
    } catch (IOException | SecurityException e) {
      // world-readable normally; stays unknown
    }
    ProcessIdentity identity = null;
    try {
      identity = ProcessIdentity.parseStatus(ProcFiles.text(dir.resolve("status")));
    } catch (IOException | SecurityException e) {
      // hidepid
    }
    NetworkView network = NetworkView.read(dir.resolve("net"));
    Placement placement;
    NamespaceId netns = null;
    String problem = null;
    try {
      netns = NamespaceId.of(dir.resolve("ns/net"));
      NamespaceId ownNet = NamespaceId.of(procRoot.resolve(self).resolve("ns/net"));
      if (!netns.equals(ownNet)) {
        placement = Placement.OWN_NETNS;
      } else {
        NamespaceId mnt = NamespaceId.of(dir.resolve("ns/mnt"));
        NamespaceId ownMnt = NamespaceId.of(procRoot.resolve(self).resolve("ns/mnt"));
        placement = mnt.equals(ownMnt) ? Placement.HOST_PROCESS : Placement.HOST_NETWORK_CONTAINER;
      }
    } catch (AccessDeniedException e) {
      placement = Placement.UNKNOWN;
      problem = "cannot inspect cloudflared (pid " + pid + "): run as root to see which network it uses; results below are from this host's network and may differ from what cloudflared sees";
    } catch (NoSuchFileException e) {
      placement = Placement.UNKNOWN;
      problem = "cloudflared pid " + pid + " exited during the check";
    } catch (IOException | SecurityException e) {
      placement = Placement.UNKNOWN;
      problem = "cannot inspect cloudflared (pid " + pid + "): " + e.getMessage();
    }
    ContainerRoot root = new ContainerRoot(dir.resolve("root"));
    Path hosts = null;
    ResolvConf resolv = ResolvConf.MISSING;
    boolean readable = false;
    ProxyEnvironment proxy = ProxyEnvironment.NONE;
    if (placement != Placement.UNKNOWN) {
      Optional<Path> hostsPath = root.resolve("/etc/hosts");
      if (hostsPath.isPresent() && root.readText("/etc/hosts", MAX_RESOLVER_FILE).isPresent()) {
        hosts = hostsPath.get();
        readable = true;
      }
      Optional<String> resolvText = root.readText("/etc/resolv.conf", MAX_RESOLVER_FILE);
      if (resolvText.isPresent()) {
        resolv = ResolvConf.parse(resolvText.get());
        readable = true;
      }
      try {
        proxy = ProxyEnvironment.fromEnviron(ProcFiles.read(dir.resolve("environ"), ProcFiles.MAX_PROC_FILE));
      } catch (IOException | SecurityException e) {
        // unreadable environment: no proxy known
      }
    }
    return new ConnectorVantage(pid, placement, container, netns, root, dir.resolve("net"), hosts, resolv, readable, network, proxy, identity, problem);
  }

  /** The network namespace of {@code pid}, or null when unreadable. */
  public @Nullable NamespaceId netns(long pid) {
    try {
      return NamespaceId.of(procRoot.resolve(Long.toString(pid)).resolve("ns/net"));
    } catch (IOException | SecurityException e) {
      return null;
    }
  }
}
