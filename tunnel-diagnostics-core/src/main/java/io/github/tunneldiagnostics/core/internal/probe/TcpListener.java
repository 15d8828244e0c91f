package io.github.tunneldiagnostics.core.internal.probe;

import io.github.tunneldiagnostics.api.internal.golang.GoNet;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Objects;

/**
 * A TCP socket in LISTEN state, as {@code /proc/net/tcp} or {@code /proc/net/tcp6} shows it.
 *
 * @param address the bound address; {@code 0.0.0.0} or {@code ::} for a wildcard bind. IPv4-mapped
 *     addresses from {@code tcp6} are reported as IPv4 addresses
 * @param port the bound port
 * @param fromTcp6 true when the entry came from {@code tcp6}
 * @param inode the socket's inode (0 when unknown), to find the owning process
 */
public record TcpListener(InetAddress address, int port, boolean fromTcp6, long inode) {

  /** A listener whose inode is unknown. */
  public TcpListener(InetAddress address, int port, boolean fromTcp6) {
    this(address, port, fromTcp6, 0);
  }

  public TcpListener {
    Objects.requireNonNull(address, "address");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("'port' must be between 0 and 65535 but was " + port);
    }
  }

  /** True for a wildcard bind ({@code 0.0.0.0} or {@code ::}). */
  public boolean isWildcard() {
    return address.isAnyLocalAddress();
  }

  /**
   * True when a connection to {@code target} on this listener's port would reach it: same address, or
   * a wildcard of the same family ({@code ::} also takes IPv4 unless the socket is v6-only, which
   * {@code /proc} does not show).
   */
  public boolean accepts(InetAddress target) {
    if (address.equals(target)) {
      return true;
    }
    if (!isWildcard()) {
      return false;
    }
    return address instanceof Inet6Address || target instanceof Inet4Address;
  }

  /** {@code 127.0.0.1:8080} or {@code [::1]:8080}, as Go writes addresses. */
  public String render() {
    return GoNet.joinHostPort(address, port);
  }

  /** A description such as {@code 0.0.0.0:8080 (all IPv4 interfaces)}. */
  public String describe() {
    if (!isWildcard()) {
      return render();
    }
    return render() + (address instanceof Inet6Address ? " (all interfaces)" : " (all IPv4 interfaces)");
  }
}
