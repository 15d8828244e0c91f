package io.github.tunneldiagnostics.core.internal.probe;

import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.check.FindingCode;
import io.github.tunneldiagnostics.api.check.Resolver;
import io.github.tunneldiagnostics.api.check.Severity;
import io.github.tunneldiagnostics.api.internal.golang.GoNet;
import io.github.tunneldiagnostics.core.internal.resolver.GoAddressSelection;
import io.github.tunneldiagnostics.core.internal.resolver.GoIp;
import io.github.tunneldiagnostics.core.internal.resolver.GoLookupException;
import io.github.tunneldiagnostics.core.internal.resolver.GoResolver;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Resolves the service host in the order cloudflared dials: with a {@link GoResolver} exactly as Go's
 * pure resolver does (its hosts file, nsswitch order and name servers, then RFC 6724); with any other
 * {@link Resolver} (a test's, the JVM's) its answer sorted by RFC 6724 as Go sorts every answer. The
 * answer and its order go into the evidence; a failure is ORIGIN_UNRESOLVABLE with Go's error text.
 */
final class ResolveStep {
  private final RouteProbe probe;

  ResolveStep(RouteProbe probe) {
    this.probe = probe;
  }

  /** The addresses in Go's order; null after a finding. */
  @Nullable List<InetAddress> resolve(String host) {
    Instant start = probe.now();
    Resolver resolver = probe.run().resolver();
    try {
      List<InetAddress> addresses;
      InetAddress literal = GoIp.parse(host);
      if (literal != null) {
        addresses = List.of(literal);
      } else if (resolver instanceof GoResolver go) {
        GoResolver.Lookup lookup = go.lookup(host, probe.deadline());
        probe.recordResolution(lookup.describe());
        addresses = lookup.addresses();
      } else {
        addresses = withinDeadline(resolver, host);
        if (addresses.isEmpty()) {
          throw new UnknownHostException(host);
        }
        List<InetAddress> sorted = GoAddressSelection.sort(addresses, probe.run().settings().sourceAddresses());
        String listed = text(addresses);
        probe.recordResolution("the resolver gives " + listed + (listed.equals(text(sorted)) ? "" : "; Go sorts them (RFC 6724): " + text(sorted)));
        addresses = sorted;
      }
      probe.timings().resolve(Duration.between(start, probe.now()));
      return addresses;
    } catch (GoLookupException e) {
      probe.timings().resolve(Duration.between(start, probe.now()));
      probe.add(unresolvable(host, e.timedOut(), e, (GoResolver) resolver));
      return null;
    } catch (UnknownHostException | ExecutionException | TimeoutException e) {
      probe.timings().resolve(Duration.between(start, probe.now()));
      probe.add(unresolvable(host, e instanceof TimeoutException, null, null));
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      probe.timings().resolve(Duration.between(start, probe.now()));
      probe.add(unresolvable(host, true, null, null));
      return null;
    }
  }

  private List<InetAddress> withinDeadline(Resolver resolver, String host) throws InterruptedException, ExecutionException, TimeoutException {
    CompletableFuture<List<InetAddress>> lookup =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return resolver.resolve(host);
              } catch (UnknownHostException e) {
                throw new CompletionException(e);
              }
            },
            probe.run().executor());
    return lookup.get(Math.max(1, probe.remaining().toMillis()), TimeUnit.MILLISECONDS);
  }

  private Finding unresolvable(String host, boolean timedOut, @Nullable GoLookupException go, @Nullable GoResolver resolver) {
    OriginFindings findings = probe.findings();
    boolean bareName = !host.contains(".") && !host.equalsIgnoreCase("localhost");
    String explanation =
        bareName
            ? " '" + host + "' looks like a container or service name: such names resolve only inside their Docker or"
                + " Kubernetes network, not on the host where cloudflared runs."
            : "";
    String remediation =
        bareName
            ? "Run cloudflared in the same Docker network as '" + host + "' (or the same Kubernetes namespace), or change "
                + findings.ruleService() + " to an address that resolves here, e.g. the port the container publishes on 127.0.0.1."
            : "Fix the host name in " + findings.ruleService() + " or make it resolve on the connector host (DNS, /etc/hosts).";
    Finding.Builder builder = findings.start(FindingCode.ORIGIN_UNRESOLVABLE, Severity.ERROR).remediation(remediation).evidence("host", host);
    if (go != null && resolver != null) {
      String where = resolver.files().hosts() + " and " + resolver.resolvConf().servers().stream()
          .map(s -> GoNet.joinHostPort(s.getAddress(), s.getPort())).collect(Collectors.joining(", "));
      builder
          .message((timedOut ? "Looking up '" + host + "' in cloudflared's resolver (" + where + ") did not finish in time" : "'" + host
              + "' does not resolve in cloudflared's resolver (" + where + ")") + "; cloudflared would log dial tcp: " + go.goError() + "." + explanation)
          .evidence("result", go.reason())
          .evidence("lookupOrder", orderText(resolver))
          .evidence("hostsFile", resolver.files().hosts().toString())
          .evidence("resolvConf", resolver.resolvConf().path().toString())
          .evidence("nameserver", go.server().isEmpty() ? "not asked" : go.server())
          .evidence("search", String.join(" ", resolver.resolvConf().search()));
      String hostsError = resolver.hostsError();
      if (hostsError != null) {
        builder.evidence("hostsFileError", hostsError);
      }
      return builder.build();
    }
    return builder
        .message(
            (timedOut ? "Looking up '" + host + "' did not finish before the deadline" : "'" + host + "' does not resolve on this machine")
                + "; cloudflared would log dial tcp: lookup " + host + " on <resolver>: no such host." + explanation)
        .evidence("result", timedOut ? "lookup timed out" : "no such host")
        .build();
  }

  private static String orderText(GoResolver resolver) {
    return io.github.tunneldiagnostics.core.internal.resolver.GoLookupOrder.read(resolver.files().nsswitch()).description();
  }

  private static String text(List<InetAddress> addresses) {
    return addresses.stream().map(GoNet::ipString).collect(Collectors.joining(", "));
  }
}
