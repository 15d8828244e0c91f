package io.github.tunneldiagnostics.core.internal.vantage;

/** Where a connector runs relative to this process (containers.md §2.2). */
public enum Placement {
  /** Same network and mount namespace: a process on this host. */
  HOST_PROCESS,
  /** Same network namespace, own mount namespace: {@code network_mode: host} or {@code hostNetwork}; own resolver files. */
  HOST_NETWORK_CONTAINER,
  /** Its own network namespace: a container, where {@code localhost} is the container. */
  OWN_NETNS,
  /** Its namespaces could not be read (no privilege). */
  UNKNOWN;

  /** True when cloudflared's {@code localhost} is not this host's. */
  public boolean ownNetwork() {
    return this == OWN_NETNS;
  }
}
