package io.github.tunneldiagnostics.core.internal.seat;

import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.check.FindingCode;
import io.github.tunneldiagnostics.api.check.Severity;
import io.github.tunneldiagnostics.api.ingress.IngressRule;
import io.github.tunneldiagnostics.core.internal.vantage.ConnectorVantage;
import io.github.tunneldiagnostics.core.internal.vantage.ContainerRef;
import io.github.tunneldiagnostics.core.internal.vantage.FdUsage;
import io.github.tunneldiagnostics.core.internal.vantage.Placement;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/** The findings about the connector's seat, with the exact fix for each placement (containers.md §4). */
public final class SeatFindings {
  static final String CONNECTOR = "connector";

  private SeatFindings() {}

  /** CONNECTOR_IN_CONTAINER (INFO) for a connector with its own network namespace or its own resolver files; null otherwise. */
  public static @Nullable Finding inContainer(ConnectorVantage v, boolean probedInside) {
    if (v.placement() != Placement.OWN_NETNS && v.placement() != Placement.HOST_NETWORK_CONTAINER) {
      return null;
    }
    boolean own = v.placement() == Placement.OWN_NETNS;
    String where = v.container() != null ? v.container().describe() : own ? "its own network namespace" : "a container on the host's network";
    String addresses = v.network().externalAddresses().stream().map(InetAddress::getHostAddress).collect(Collectors.joining(", "));
    Finding.Builder b = Finding.info(FindingCode.CONNECTOR_IN_CONTAINER)
        .check(CONNECTOR)
        .subject(v.describe())
        .message("cloudflared (pid " + v.pid() + ") runs in " + where
            + (own
                ? " with its own network (net:[" + v.netns() + "]" + (addresses.isEmpty() ? "" : ", address " + addresses)
                    + (v.network().gateway() != null ? ", gateway " + v.network().gateway().getHostAddress() : "") + "), where \"localhost\" is the container itself; "
                    + (probedInside ? "the origin checks ran from inside that namespace." : "the origin checks could not run from inside it.")
                : " that shares the host's network but has its own files; names resolve with its own /etc/hosts and resolv.conf.")
            + " It resolves names with nameserver " + String.join(", ", v.resolvConf().nameservers()) + ".")
        .evidence("source", "probe")
        .evidence("placement", v.placement().name())
        .evidence("pid", v.pid())
        .evidence("netns", v.netns() == null ? "unknown" : "net:[" + v.netns() + "]")
        .evidence("addresses", addresses.isEmpty() ? "none but loopback" : addresses)
        .evidence("gateway", v.network().gateway() == null ? "none" : v.network().gateway().getHostAddress())
        .evidence("nameservers", String.join(", ", v.resolvConf().nameservers()));
    if (v.container() != null) {
      b.evidence("runtime", v.container().runtime()).evidence("containerId", v.container().id());
    }
    if (!v.resolvConf().search().isEmpty()) {
      b.evidence("search", String.join(" ", v.resolvConf().search()));
    }
    return b.build();
  }

  /** CONNECTOR_NOT_INSPECTABLE (WARNING), one sentence naming the missing privilege. */
  public static Finding notInspectable(ConnectorVantage v, String sentence) {
    return Finding.warning(FindingCode.CONNECTOR_NOT_INSPECTABLE)
        .check(CONNECTOR)
        .subject(v.describe())
        .message(sentence.endsWith(".") ? sentence : sentence + ".")
        .remediation("Run tunnel-doctor as root (sudo) on the connector's host so that it can enter cloudflared's network namespace.")
        .evidence("source", "probe")
        .evidence("pid", v.pid())
        .evidence("placement", v.placement().name())
        .build();
  }

  /** CONNECTOR_FD_EXHAUSTED at 80 % (WARNING) and 95 % (ERROR) of the soft limit; null below. */
  public static @Nullable Finding fdExhausted(ConnectorVantage v, FdUsage usage) {
    double share = usage.share();
    if (share < 0.80 || usage.softLimit().isEmpty()) {
      return null;
    }
    long limit = usage.softLimit().getAsLong();
    boolean error = share >= 0.95;
    return Finding.builder(FindingCode.CONNECTOR_FD_EXHAUSTED, error ? Severity.ERROR : Severity.WARNING)
        .check(CONNECTOR)
        .subject(v.describe())
        .message("cloudflared (pid " + v.pid() + ") has " + usage.open() + " files open of its limit of " + limit + " (" + Math.round(share * 100) + " %)"
            + (error ? ": new origin connections fail with \"socket: too many open files\" (502)." : ": close to the point where origin connections fail with \"too many open files\"."))
        .remediation("Raise cloudflared's open-file limit: in its systemd unit add LimitNOFILE=65536 under [Service] and run systemctl daemon-reload and "
            + "systemctl restart cloudflared; in Compose add ulimits: { nofile: { soft: 65536, hard: 65536 } } to the cloudflared service.")
        .evidence("source", "probe")
        .evidence("openFiles", usage.open())
        .evidence("softLimit", limit)
        .build();
  }

  /** ORIGIN_LOOPBACK_IN_CONTAINER: the service is loopback, nothing listens in cloudflared's namespace, the port listens elsewhere. */
  static Finding loopbackInContainer(Finding original, IngressRule rule, String scheme, String host, int port, ConnectorVantage v, List<ListenerSearch.Hit> hits,
      String source) {
    ListenerSearch.Hit best = hits.get(0);
    ContainerRef c = v.container();
    boolean kube = c != null && c.runtime().startsWith("kubernetes");
    String where = c != null ? c.describe() : "its own network namespace (net:[" + v.netns() + "])";
    String owner = best.owner().isEmpty() ? "a process" : best.owner();
    String gw = v.network().gateway() == null ? "the address of cloudflared's gateway" : v.network().gateway().getHostAddress();
    String service = rule.service().toString();
    String viaGateway = scheme + "://host.docker.internal:" + port;
    String message;
    String remediation;
    boolean loopbackOnly = best.listener().address().isLoopbackAddress();
    if (best.place() == ListenerSearch.Place.HOST && kube) {
      message = "cloudflared runs in " + where + ", where \"" + host + "\" is the pod itself: nothing listens on port " + port + " there, but " + owner
          + " listens on the node at " + best.listener().describe() + ".";
      remediation = "Give the pod the node's network (spec: { hostNetwork: true, dnsPolicy: ClusterFirstWithHostNet }) and keep " + service
          + ", or run the app as a Service and change rule #" + rule.index() + "'s service to " + scheme + "://<service>.<namespace>.svc.cluster.local:" + port + ".";
    } else if (best.place() == ListenerSearch.Place.HOST && loopbackOnly) {
      message = "cloudflared runs in " + where + ", where \"" + host + "\" is the container itself: nothing listens on port " + port + " there, and " + owner
          + " listens only on the host's " + best.listener().render() + ", which containers cannot reach.";
      remediation = "Give cloudflared the host network and keep " + service + ":\n  services:\n    cloudflared:\n      network_mode: host\n"
          + "or bind the app to 0.0.0.0 (or to " + gw + "), add the host gateway and change rule #" + rule.index() + "'s service to " + viaGateway + ":\n"
          + "  services:\n    cloudflared:\n      extra_hosts: [\"host.docker.internal:host-gateway\"]";
    } else if (best.place() == ListenerSearch.Place.HOST) {
      message = "cloudflared runs in " + where + ", where \"" + host + "\" is the container itself: nothing listens on port " + port + " there, but " + owner
          + " listens on the host at " + best.listener().describe() + ".";
      remediation = "Give cloudflared the host network and keep " + service + ":\n  services:\n    cloudflared:\n      network_mode: host\n"
          + "or keep its network, add the host gateway and change rule #" + rule.index() + "'s service to " + viaGateway + ":\n"
          + "  services:\n    cloudflared:\n      extra_hosts: [\"host.docker.internal:host-gateway\"]";
    } else {
      String other = best.container() != null ? best.container().describe() : "network namespace " + best.netns();
      List<String> theirs = best.network().externalAddresses().stream().map(InetAddress::getHostAddress).toList();
      boolean shared = best.network().externalAddresses().stream().anyMatch(a -> v.network().subnetOf(a).isPresent());
      message = "cloudflared runs in " + where + ", where \"" + host + "\" is the container itself: nothing listens on port " + port + " there, but " + owner
          + " listens on port " + port + " in " + other + (theirs.isEmpty() ? "" : " (" + String.join(", ", theirs) + ")") + ".";
      remediation = shared
          ? "That container is on cloudflared's network: change rule #" + rule.index() + "'s service to " + scheme + "://<its service or container name>:" + port
              + " (the container port, not a published host port)."
          : "Attach cloudflared and that container to one network and change rule #" + rule.index() + "'s service to " + scheme + "://<its service name>:" + port
              + ":\n  networks:\n    edge:\n      external: true\n  services:\n    cloudflared:\n      networks: [edge]\n"
              + "(and networks: [edge] on the app's service; or docker network connect edge <cloudflared container>)"
              + (kube ? "; in Kubernetes, run cloudflared as a sidecar in the app's pod and keep " + service : "") + ".";
    }
    Finding.Builder b = Finding.error(FindingCode.ORIGIN_LOOPBACK_IN_CONTAINER)
        .check(original.check())
        .subject(original.subject())
        .message(message + " cloudflared logs dial tcp " + (host.contains(":") ? "[" + host + "]" : host.equals("localhost") ? "127.0.0.1" : host) + ":" + port
            + ": connect: connection refused.")
        .remediation(remediation)
        .evidence(original.evidence())
        .evidence("source", source)
        .evidence("listeningElsewhere", hits.stream().map(h -> h.listener().describe() + " " + h.where() + (h.owner().isEmpty() ? "" : " (" + h.owner() + ")"))
            .distinct().collect(Collectors.joining("; ")))
        .evidence("connectorNetns", "net:[" + v.netns() + "]")
        // what the fix planner needs to judge a config change (core.internal.fix): where the port listens, and
        // which host-gateway name cloudflared's own hosts file already resolves
        .evidence("listenerPlace", best.place().name().toLowerCase(java.util.Locale.ROOT))
        .evidence("listenerAddress", best.listener().render())
        .evidence("hostGatewayName", hostGatewayName(v))
        .evidence("hostGatewayReachesListener", String.valueOf(gatewayReaches(v, best)));
    if (c != null) {
      b.evidence("container", c.describe());
      b.evidence("runtime", c.runtime());
    }
    return b.build();
  }

  /**
   * True when the listener takes connections sent to the host-gateway name's address: it listens on all
   * interfaces, or on exactly the address cloudflared's hosts file gives that name.
   */
  static boolean gatewayReaches(ConnectorVantage v, ListenerSearch.Hit hit) {
    if (hit.place() != ListenerSearch.Place.HOST) {
      return false;
    }
    if (hit.listener().isWildcard()) {
      return true;
    }
    String name = hostGatewayName(v);
    java.nio.file.Path hosts = v.hosts();
    if (name.isEmpty() || hosts == null) {
      return false;
    }
    try {
      return io.github.tunneldiagnostics.core.internal.vantage.HostsFile.parse(java.nio.file.Files.readString(hosts)).lookup(name)
          .contains(hit.listener().address());
    } catch (java.io.IOException | RuntimeException e) {
      return false;
    }
  }

  /** The host-gateway name cloudflared's hosts file maps ({@code host.docker.internal}, Podman's {@code host.containers.internal}), or empty. */
  static String hostGatewayName(ConnectorVantage v) {
    java.nio.file.Path hosts = v.hosts();
    if (hosts == null) {
      return "";
    }
    try {
      io.github.tunneldiagnostics.core.internal.vantage.HostsFile file =
          io.github.tunneldiagnostics.core.internal.vantage.HostsFile.parse(java.nio.file.Files.readString(hosts));
      for (String name : List.of("host.docker.internal", "host.containers.internal")) {
        if (file.contains(name)) {
          return name;
        }
      }
    } catch (java.io.IOException | RuntimeException e) {
      return "";
    }
    return "";
  }

  /** ORIGIN_HOST_GATEWAY_MISSING: host.docker.internal unknown inside a Linux container. */
  static Finding hostGatewayMissing(Finding original, IngressRule rule, String host, ConnectorVantage v) {
    String name = host.toLowerCase(java.util.Locale.ROOT);
    return Finding.error(FindingCode.ORIGIN_HOST_GATEWAY_MISSING)
        .check(original.check())
        .subject(original.subject())
        .message("\"" + name + "\" does not resolve inside cloudflared's container (" + (v.container() != null ? v.container().describe() : "pid " + v.pid())
            + "): on Linux, Docker defines it only when asked; cloudflared logs dial tcp: lookup " + host + " on "
            + original.evidence().getOrDefault("nameserver", String.join(", ", v.resolvConf().nameservers()))
            + ": " + original.evidence().getOrDefault("result", "no such host") + ".")
        .remediation("Add the host gateway to the cloudflared service:\n  services:\n    cloudflared:\n      extra_hosts: [\"" + name + ":host-gateway\"]\n"
            + "(docker run: --add-host=" + name + ":host-gateway), and make the app listen on 0.0.0.0 or on the bridge address"
            + (v.network().gateway() != null ? " " + v.network().gateway().getHostAddress() : "") + ".")
        .evidence(original.evidence())
        .evidence("hostsFile", v.hosts() == null ? "unreadable" : v.hosts().toString())
        .build();
  }

  /** ORIGIN_NOT_ON_CONNECTOR_NETWORK: the name is unknown to cloudflared's DNS, and the port listens in a namespace it shares no subnet with. */
  static Finding notOnNetwork(Finding original, IngressRule rule, String host, int port, ConnectorVantage v, ListenerSearch.Hit hit) {
    String other = hit.container() != null ? hit.container().describe() : "network namespace " + hit.netns();
    String subnets = v.network().subnets().stream().map(Object::toString).collect(Collectors.joining(", "));
    return Finding.error(FindingCode.ORIGIN_NOT_ON_CONNECTOR_NETWORK)
        .check(original.check())
        .subject(original.subject())
        .message("\"" + host + "\" is not known on cloudflared's networks (" + (subnets.isEmpty() ? "none but loopback" : subnets) + "), and port " + port
            + " listens in " + other + (hit.owner().isEmpty() ? "" : " (" + hit.owner() + ")") + ", which shares no network with cloudflared.")
        .remediation("Attach both to one network: in Compose add the same network to both services (across projects:\n  networks:\n    edge:\n      external: true\n"
            + "  services:\n    cloudflared:\n      networks: [edge]\nand networks: [edge] on the app's service), or docker network connect <network> <cloudflared container>.")
        .evidence(original.evidence())
        .evidence("listeningElsewhere", hit.listener().describe() + " " + hit.where())
        .build();
  }

  /** Copies {@code f} with more evidence. */
  static Finding withEvidence(Finding f, Map<String, String> more) {
    return f.toBuilder().evidence(more).build();
  }

  static List<String> lines(List<Finding> findings) {
    List<String> out = new ArrayList<>();
    findings.forEach(f -> out.add(f.code() + " " + f.subject()));
    return out;
  }

  /** CONNECTOR_NOT_FOUND (ERROR) for a {@code --connector} that matches no running cloudflared. */
  static Finding noSuchConnector(String selector, List<io.github.tunneldiagnostics.core.internal.connector.ConnectorProcess> processes, java.nio.file.Path procRoot) {
    io.github.tunneldiagnostics.core.internal.vantage.VantageReader reader = new io.github.tunneldiagnostics.core.internal.vantage.VantageReader(procRoot);
    List<String> running = new ArrayList<>();
    for (var p : processes) {
      running.add(reader.read(p.pid()).describe());
    }
    Finding.Builder b = Finding.error(FindingCode.CONNECTOR_NOT_FOUND)
        .check(CONNECTOR)
        .subject("--connector " + selector)
        .message("No running cloudflared is process " + selector + " or runs in a container whose id starts with " + selector
            + (running.isEmpty() ? "; no cloudflared runs on this host." : "; running: " + String.join(", ", running) + "."))
        .remediation(running.isEmpty() ? "Start the connector, or leave out --connector." : "Pass one of the running connectors' pid or container id to --connector.")
        .evidence("source", "process");
    return b.build();
  }

  /** ORIGIN_PERMISSION_DENIED: the connector's user may not connect to a unix socket or read a caPool file. */
  static Finding permissionDenied(IngressRule rule, io.github.tunneldiagnostics.core.internal.vantage.ProcessIdentity id,
      io.github.tunneldiagnostics.core.internal.vantage.FileAccess.Denial denial, String target, boolean socket, ConnectorVantage v) {
    String what = socket ? "connect to the unix socket " + target : "read the caPool file " + target;
    String fix;
    if (denial.needed().equals("search")) {
      fix = "Let cloudflared's user pass through " + denial.path() + ": chmod o+x " + denial.path() + " (or chgrp " + id.gid() + " " + denial.path()
          + " && chmod g+x " + denial.path() + ")";
    } else if (socket) {
      fix = "Let cloudflared's group write to the socket: chgrp " + id.gid() + " " + target + " && chmod g+w " + target
          + " (better, make the app create it that way, e.g. SocketGroup= and SocketMode=0660 in a systemd socket unit)";
    } else {
      fix = "Make the file readable by cloudflared's user: chgrp " + id.gid() + " " + target + " && chmod g+r " + target;
    }
    return Finding.error(FindingCode.ORIGIN_PERMISSION_DENIED)
        .check(io.github.tunneldiagnostics.core.internal.probe.OriginCheck.ID)
        .subject("rule #" + rule.index() + " " + rule.service())
        .rule(rule.index())
        .message("cloudflared (pid " + v.pid() + ") runs as uid " + id.uid() + ", gid " + id.gid() + " and may not " + what + ": "
            + denial.needed() + " is denied on " + denial.describe() + (socket
                ? "; every request to rule #" + rule.index() + " fails with 502 and cloudflared logs dial unix " + target + ": connect: permission denied."
                : "; cloudflared cannot load it."))
        .remediation(fix + ", or run cloudflared as a user that may.")
        .evidence("source", "probe")
        .evidence("uid", id.uid())
        .evidence("gid", id.gid())
        .evidence("groups", id.groups().toString())
        .evidence("denied", denial.describe())
        .evidence("needed", denial.needed())
        .evidence("note", "computed from owner, group and mode as the kernel checks them; an ACL (getfacl) could still allow it")
        .build();
  }
}
