/**
 * The connector's seat: what a running cloudflared sees from where it runs. Reads {@code /proc/<pid>}
 * (namespaces, cgroup, its root's hosts and resolv.conf, its network tables, environment proxy settings,
 * user and open-file limits) without ever opening a socket, and resolves names the way its pure-Go
 * resolver does.
 */
@org.jspecify.annotations.NullMarked
package io.github.tunneldiagnostics.core.internal.vantage;
