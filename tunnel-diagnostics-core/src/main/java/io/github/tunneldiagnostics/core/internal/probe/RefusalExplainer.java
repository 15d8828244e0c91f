package io.github.tunneldiagnostics.core.internal.probe;

import io.github.tunneldiagnostics.api.internal.golang.GoNet;
import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.check.FindingCode;
import io.github.tunneldiagnostics.api.check.Severity;
import java.net.InetAddress;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Explains a refused connection from the socket table: is the port open on another address
 * (ORIGIN_BOUND_ELSEWHERE), or does something listen on a nearby port (ORIGIN_CONNECTION_REFUSED with a
 * concrete suggestion)?
 */
final class RefusalExplainer {
  static final int NEARBY = 10;

  private RefusalExplainer() {}

  /**
   * @param addresses the addresses the service host resolved to
   * @param port the port dialed
   * @param goError what cloudflared logs
   * @param rewrite builds the service string for another host (null keeps the host) and port
   */
  static Finding explain(
      OriginFindings findings,
      SocketTable table,
      SocketTable.Snapshot sockets,
      List<InetAddress> addresses,
      int port,
      String goError,
      ServiceRewrite rewrite,
      String attempts,
      OtherRulePorts otherRules) {
    String targets = addresses.stream().map(a -> GoNet.joinHostPort(a, port)).collect(Collectors.joining(", "));
    if (!sockets.available()) {
      return findings
          .start(FindingCode.ORIGIN_CONNECTION_REFUSED, Severity.ERROR)
          .message("Nothing accepts connections at " + targets + "; cloudflared would log " + goError + ".")
          .remediation("Start the app so that it listens on " + targets + ", or correct the port in " + findings.ruleService() + ".")
          .evidence("attempts", attempts)
          .evidence("listeners", "unknown: /proc/net/tcp is not readable on this system")
          .build();
    }
    List<TcpListener> samePort = sockets.onPort(port);
    if (!samePort.isEmpty()) {
      TcpListener other = samePort.stream().min(Comparator.comparing(l -> l.address().isLoopbackAddress() ? 0 : 1)).orElseThrow();
      String elsewhere = samePort.stream().map(TcpListener::describe).distinct().collect(Collectors.joining(", "));
      String who = table.owners(samePort).values().stream().distinct().collect(Collectors.joining(", "));
      String bind = addresses.get(0).isLoopbackAddress() ? GoNet.joinHostPort(addresses.get(0), port) : "0.0.0.0:" + port;
      return findings
          .start(FindingCode.ORIGIN_BOUND_ELSEWHERE, Severity.ERROR)
          .message("Nothing listens on " + targets + ", but " + (who.isEmpty() ? "a process" : who) + " listens on " + elsewhere
              + "; cloudflared would log " + goError + ".")
          .remediation("Change " + findings.ruleService() + " to " + rewrite.with(other.address(), port)
              + ", or make the app listen on " + bind + " (or on all interfaces: 0.0.0.0 / [::]).")
          .evidence("attempts", attempts)
          .evidence("listenersOnPort", elsewhere)
          .evidence("listenerProcess", who.isEmpty() ? "unknown (not visible to this user)" : who)
          .evidence("nearbyListeners", nearby(sockets, port))
          .build();
    }
    List<TcpListener> nearbyReachable = sockets.tcp().stream()
        .filter(l -> l.port() != port && Math.abs(l.port() - port) <= NEARBY)
        .filter(l -> addresses.stream().anyMatch(l::accepts))
        .sorted(Comparator.comparingInt(l -> Math.abs(l.port() - port)))
        .toList();
    // a listener that serves another rule (its port, or the process behind another rule's port) is never a fix
    Map<TcpListener, String> otherRuleProcesses = table.owners(sockets.tcp().stream().filter(l -> otherRules.ports().contains(l.port())).toList());
    Optional<TcpListener> candidate = nearbyReachable.stream()
        .filter(l -> otherRules.owner(l.port()).isEmpty())
        .filter(l -> {
          String who = table.owners(List.of(l)).getOrDefault(l, "");
          return who.isEmpty() || !otherRuleProcesses.containsValue(who);
        })
        .findFirst();
    Finding.Builder builder = findings.start(FindingCode.ORIGIN_CONNECTION_REFUSED, Severity.ERROR)
        .evidence("attempts", attempts)
        .evidence("listenersOnPort", "none")
        .evidence("nearbyListeners", nearby(sockets, port));
    if (candidate.isPresent()) {
      TcpListener near = candidate.get();
      InetAddress reached = addresses.stream().filter(near::accepts).findFirst().orElse(addresses.get(0));
      String who = table.owners(List.of(near)).getOrDefault(near, "");
      if (!who.isEmpty()) {
        builder.evidence("listenerProcess", who);
      }
      return builder
          .message("Nothing listens on " + targets + "; " + (who.isEmpty() ? "a process" : who) + " listens on " + GoNet.joinHostPort(reached, near.port())
              + (near.isWildcard() ? " (bound to " + near.describe() + ")" : "") + "; cloudflared would log " + goError + ".")
          .remediation("Change " + findings.ruleService() + " to " + rewrite.with(null, near.port()) + ", or start the app on port " + port + ".")
          .build();
    }
    if (!nearbyReachable.isEmpty()) {
      TcpListener near = nearbyReachable.get(0);
      InetAddress reached = addresses.stream().filter(near::accepts).findFirst().orElse(addresses.get(0));
      String listener = GoNet.joinHostPort(reached, near.port());
      String whose = otherRules.owner(near.port())
          .map(other -> other.label() + "'s service " + other.service())
          .orElseGet(() -> "the app of another rule (" + table.owners(List.of(near)).getOrDefault(near, "the same process")
              + " also listens on a port another rule uses)");
      return builder
          .evidence("nearbyListenerServes", whose)
          .message("Nothing listens on " + targets + "; the only listener nearby, " + listener + ", is " + whose
              + ", not this rule's app; cloudflared would log " + goError + ".")
          .remediation("Start the app of " + findings.ruleLabel() + " so that it listens on " + targets + ", or correct the port in "
              + findings.ruleService() + "; do not point it at " + listener + ", which would send its hostname to another rule's app.")
          .build();
    }
    return builder
        .message("Nothing listens on port " + port + " at any address, nor on a port within ±" + NEARBY + " reachable at " + targets
            + "; cloudflared would log " + goError + ".")
        .remediation("Start the app so that it listens on " + targets + ", or correct the port in " + findings.ruleService() + ".")
        .build();
  }

  private static String nearby(SocketTable.Snapshot sockets, int port) {
    String list = sockets.tcp().stream()
        .filter(l -> Math.abs(l.port() - port) <= NEARBY && l.port() != port)
        .sorted(Comparator.comparingInt(TcpListener::port))
        .map(TcpListener::describe)
        .distinct()
        .collect(Collectors.joining(", "));
    return list.isEmpty() ? "none within ±" + NEARBY : list;
  }

  /** Renders the rule's service with another host and/or port. */
  @FunctionalInterface
  interface ServiceRewrite {
    String with(@org.jspecify.annotations.Nullable InetAddress host, int port);
  }
}
