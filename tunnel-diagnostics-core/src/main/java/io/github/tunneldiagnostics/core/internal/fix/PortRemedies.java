package io.github.tunneldiagnostics.core.internal.fix;

import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.check.Remedy;
import io.github.tunneldiagnostics.api.ingress.IngressModel;
import io.github.tunneldiagnostics.api.ingress.IngressRule;
import io.github.tunneldiagnostics.api.ingress.OriginService;
import io.github.tunneldiagnostics.core.internal.probe.SocketTable;
import io.github.tunneldiagnostics.core.internal.probe.TcpListener;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Remedies for a refused origin (wrong port) and for a port open only on another address (address family
 * or interface). A new port is suggested only for a listener that serves no other rule, is not owned by a
 * process that serves another rule, and is the only candidate nearby; otherwise the remedy says what a
 * person must do, and why the neighbour is left alone.
 */
final class PortRemedies {
  static final int NEARBY = 10;

  private final IngressModel model;
  private final SocketTable table;
  private final SocketTable.Snapshot sockets;

  PortRemedies(IngressModel model, SocketTable table) {
    this.model = model;
    this.table = table;
    this.sockets = table.read();
  }

  /** ORIGIN_CONNECTION_REFUSED with nothing on the port at any address. */
  List<Remedy> refused(Finding finding, IngressRule rule) {
    Optional<Target> target = target(rule);
    if (target.isEmpty() || !sockets.available()) {
      return List.of(startApp(rule, finding));
    }
    int port = target.get().port;
    List<InetAddress> addresses = target.get().addresses;
    Map<Integer, Integer> otherRulePorts = new java.util.TreeMap<>();
    for (IngressRule other : model.rules()) {
      if (other.index() != rule.index()) {
        target(other).filter(t -> t.addresses.stream().anyMatch(addresses::contains)).ifPresent(t -> otherRulePorts.putIfAbsent(t.port, other.index()));
      }
    }
    List<TcpListener> nearby = sockets.tcp().stream()
        .filter(l -> l.port() != port && Math.abs(l.port() - port) <= NEARBY)
        .filter(l -> addresses.stream().anyMatch(l::accepts))
        .toList();
    if (nearby.isEmpty()) {
      return List.of(startApp(rule, finding));
    }
    List<TcpListener> servingOthers = sockets.tcp().stream().filter(l -> otherRulePorts.containsKey(l.port())).toList();
    List<TcpListener> all = new ArrayList<>(nearby);
    all.addAll(servingOthers);
    Map<TcpListener, String> owners = table.owners(all);
    Set<String> otherOwners = servingOthers.stream().map(owners::get).filter(o -> o != null).collect(Collectors.toSet());
    Set<Integer> ports = new TreeSet<>();
    Set<Integer> eligible = new TreeSet<>();
    List<String> leftAlone = new ArrayList<>();
    for (TcpListener listener : nearby) {
      ports.add(listener.port());
      Integer otherRule = otherRulePorts.get(listener.port());
      String owner = owners.get(listener);
      if (otherRule != null) {
        leftAlone.add("port " + listener.port() + " serves rule #" + otherRule);
      } else if (owner != null && otherOwners.contains(owner)) {
        leftAlone.add("port " + listener.port() + " belongs to " + owner + ", which serves another rule");
      } else {
        eligible.add(listener.port());
      }
    }
    if (ports.size() == 1 && eligible.size() == 1) {
      int newPort = eligible.iterator().next();
      Optional<String> service = ServiceText.withPort(rule.rawService(), newPort);
      if (service.isPresent()) {
        TcpListener listener = nearby.stream().filter(l -> l.port() == newPort).findFirst().orElseThrow();
        String owner = owners.get(listener);
        return List.of(new Remedy.SetService(rule.index(), rule.rawService(), service.get(),
            "Nothing listens on port " + port + "; the only listener nearby is " + listener.render()
                + (owner == null ? "" : " (" + owner + ")") + ", which serves no other rule."));
      }
    }
    String where = leftAlone.isEmpty()
        ? "several ports nearby listen (" + ports.stream().map(String::valueOf).collect(Collectors.joining(", ")) + "), so which one is this app is not evident"
        : String.join("; ", new LinkedHashSet<>(leftAlone)) + (eligible.isEmpty() ? "" : "; other nearby ports: " + eligible);
    return List.of(new Remedy.Manual(
        "Start the app of rule #" + rule.index() + " so that it listens on port " + port + ", or correct the port in rule #" + rule.index()
            + "'s service by hand.",
        "No port change is suggested: " + where + "; pointing rule #" + rule.index() + " there could send its visitors to another application."));
  }

  /** ORIGIN_BOUND_ELSEWHERE: the port listens, but only on an address the service does not reach. */
  List<Remedy> boundElsewhere(Finding finding, IngressRule rule) {
    Optional<Target> target = target(rule);
    if (target.isEmpty() || !sockets.available()) {
      return List.of(manual(finding));
    }
    String host = target.get().host;
    boolean literalOrLocalhost = host.equalsIgnoreCase("localhost") || isIpv4(host) || host.contains(":");
    List<TcpListener> samePort = sockets.onPort(target.get().port).stream().filter(l -> !l.isWildcard()).toList();
    Optional<TcpListener> chosen = samePort.stream().min(Comparator.comparing((TcpListener l) -> l.address().isLoopbackAddress() ? 0 : 1));
    if (!literalOrLocalhost || chosen.isEmpty() || samePort.stream().map(TcpListener::address).distinct().count() > 1) {
      return List.of(manual(finding));
    }
    Optional<String> service = ServiceText.withHost(rule.rawService(), chosen.get().address());
    if (service.isEmpty()) {
      return List.of(manual(finding));
    }
    return List.of(new Remedy.SetService(rule.index(), rule.rawService(), service.get(),
        "The app listens on " + chosen.get().render() + " only, an address " + host + " does not reach; cloudflared dials what the service names."));
  }

  private static Remedy startApp(IngressRule rule, Finding finding) {
    return new Remedy.Manual(finding.remediation().isEmpty() ? "Start the app of rule #" + rule.index() + "." : finding.remediation(),
        "Nothing listens at the service's address or near it: the app is down or elsewhere, which no config change fixes safely.");
  }

  private static Remedy manual(Finding finding) {
    return new Remedy.Manual(finding.remediation(), "The listener cannot be matched to this app with certainty from this host.");
  }

  private static boolean isIpv4(String host) {
    String[] parts = host.split("\\.", -1);
    if (parts.length != 4) {
      return false;
    }
    for (String part : parts) {
      if (!part.matches("[0-9]{1,3}") || Integer.parseInt(part) > 255) {
        return false;
      }
    }
    return true;
  }

  private record Target(String host, int port, List<InetAddress> addresses) {}

  /** The loopback/IP host and port a rule dials, with the addresses it reaches (localhost: both loopbacks). */
  @SuppressWarnings("AddressSelection") // IP literals and loopback only, never a lookup
  private static Optional<Target> target(IngressRule rule) {
    String host;
    int port;
    if (rule.service() instanceof OriginService.Http http) {
      host = http.host();
      port = http.effectivePort();
    } else if (rule.service() instanceof OriginService.Stream stream && stream.port() > 0) {
      host = stream.host();
      port = stream.port();
    } else {
      return Optional.empty();
    }
    List<InetAddress> addresses = new ArrayList<>();
    try {
      if (host.equalsIgnoreCase("localhost")) {
        addresses.add(InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1}));
        addresses.add(InetAddress.getByName("::1"));
      } else if (isIpv4(host) || host.contains(":")) {
        addresses.add(InetAddress.getByName(host)); // an IP literal: no lookup
      } else {
        return Optional.empty();
      }
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
    return Optional.of(new Target(host, port, addresses));
  }
}
