/**
 * Judging from cloudflared's seat: probes run inside the connector's network namespace by a second JVM
 * started under {@code nsenter --target PID --net}, with the connector's own resolver; where a refused
 * port really listens, across every namespace on this machine; and the findings that name the fix
 * (containers.md §3–§4).
 */
@org.jspecify.annotations.NullMarked
package io.github.tunneldiagnostics.core.internal.seat;
