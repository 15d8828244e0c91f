package io.github.tunneldiagnostics.core.internal.probe;

import io.github.tunneldiagnostics.core.internal.resolver.GoAddressSelection;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The options of an {@link OriginCheck}, immutable.
 *
 * @param socketTable where listening sockets are read from
 * @param hostnames the public hostname per route
 * @param slowThreshold time to first byte at or above which ORIGIN_SLOW is reported
 * @param visitorIp the visitor address sent in {@code X-Forwarded-For} and {@code Cf-Connecting-Ip}
 * @param userAgent the {@code User-Agent} sent
 * @param extraRoots roots trusted in addition to the JDK's and Cloudflare's Origin CA roots
 * @param reserve the part of the remaining time kept back to assemble the findings before the deadline
 * @param sourceAddresses the source address toward each destination, for Go's RFC 6724 sort
 */
record ProbeSettings(
    SocketTable socketTable,
    HostnameSource hostnames,
    Duration slowThreshold,
    String visitorIp,
    String userAgent,
    List<X509Certificate> extraRoots,
    Duration reserve,
    GoAddressSelection.SourceAddresses sourceAddresses) {

  ProbeSettings {
    Objects.requireNonNull(socketTable, "socketTable");
    Objects.requireNonNull(hostnames, "hostnames");
    Objects.requireNonNull(slowThreshold, "slowThreshold");
    Objects.requireNonNull(visitorIp, "visitorIp");
    Objects.requireNonNull(userAgent, "userAgent");
    extraRoots = List.copyOf(extraRoots);
    Objects.requireNonNull(reserve, "reserve");
    Objects.requireNonNull(sourceAddresses, "sourceAddresses");
  }
}
