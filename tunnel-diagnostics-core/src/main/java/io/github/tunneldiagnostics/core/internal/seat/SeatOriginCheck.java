package io.github.tunneldiagnostics.core.internal.seat;

import io.github.tunneldiagnostics.api.Route;
import io.github.tunneldiagnostics.api.check.Check;
import io.github.tunneldiagnostics.api.check.CheckContext;
import io.github.tunneldiagnostics.api.check.CheckResult;
import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.check.FindingCode;
import io.github.tunneldiagnostics.api.check.Resolver;
import io.github.tunneldiagnostics.api.check.Severity;
import io.github.tunneldiagnostics.api.ingress.IngressModel;
import io.github.tunneldiagnostics.api.ingress.IngressRule;
import io.github.tunneldiagnostics.api.ingress.OriginService;
import io.github.tunneldiagnostics.core.internal.probe.OriginCheck;
import io.github.tunneldiagnostics.core.internal.probe.SocketTable;
import io.github.tunneldiagnostics.core.internal.probe.TcpListener;
import io.github.tunneldiagnostics.core.internal.vantage.ConnectorVantage;
import io.github.tunneldiagnostics.core.internal.vantage.HostsFile;
import io.github.tunneldiagnostics.core.internal.vantage.Placement;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import java.util.Set;

/**
 * The {@code origin} check judged from cloudflared's seat. For a connector in its own network namespace
 * the probes run in a second JVM inside it ({@code nsenter --target PID --net}), resolving with its own
 * hosts file and nameservers; a refused loopback port is then looked for in every namespace on this
 * machine and named with the fix. For a host-network container the probes run here with its resolver
 * files. For a host process, or when nothing about the connector is known, the host's origin check runs.
 * Without the privilege to enter, a passive reading of {@code /proc/PID/net} stands in, and
 * CONNECTOR_NOT_INSPECTABLE says so. The proxy check ({@link ProxyCheck}) runs from the same seat.
 */
public final class SeatOriginCheck implements Check {
  private static final Duration CHILD_RESERVE = Duration.ofMillis(150);

  private final ConnectorVantage vantage;
  private final List<String> configArgs;
  private final OriginCheck hostCheck;
  private final Path procRoot;
  private final List<String> launcherPrefix;

  /**
   * @param vantage the connector's seat
   * @param configArgs how the child loads the diagnosed model ({@code --config-file PATH}, or {@code
   *     --config-json PATH --config-address ADDR}); empty when it cannot, which makes the check passive
   * @param hostCheck the origin check to run from this host
   * @param procRoot {@code /proc}
   */
  public SeatOriginCheck(ConnectorVantage vantage, List<String> configArgs, OriginCheck hostCheck, Path procRoot) {
    this(vantage, configArgs, hostCheck, procRoot, List.of());
  }

  /** With {@code launcherPrefix} run before {@code nsenter} (tests drop a capability with {@code setpriv}). */
  SeatOriginCheck(ConnectorVantage vantage, List<String> configArgs, OriginCheck hostCheck, Path procRoot, List<String> launcherPrefix) {
    this.launcherPrefix = List.copyOf(launcherPrefix);
    this.vantage = Objects.requireNonNull(vantage, "vantage");
    this.configArgs = List.copyOf(configArgs);
    this.hostCheck = Objects.requireNonNull(hostCheck, "hostCheck");
    this.procRoot = Objects.requireNonNull(procRoot, "procRoot");
  }

  @Override
  public String id() {
    return OriginCheck.ID;
  }

  @Override
  public String description() {
    return "probe each rule's origin from cloudflared's seat (its network namespace, resolver and proxy)";
  }

  @Override
  public List<Finding> run(CheckContext context) throws InterruptedException {
    return withPermissions(context, probe(context));
  }

  /**
   * The unix sockets and caPool files of the routes, checked as the connector's user: a denial replaces
   * what the probe (run as this process's user) concluded for that rule.
   */
  private List<Finding> withPermissions(CheckContext context, List<Finding> probed) {
    var identity = vantage.identity();
    if (identity == null || identity.isRoot() || vantage.placement() == Placement.UNKNOWN) {
      return probed;
    }
    List<Finding> denials = new ArrayList<>();
    Set<Integer> denied = new HashSet<>();
    Set<Integer> seen = new HashSet<>();
    for (Route route : context.routes()) {
      if (route.rule() >= context.ingress().rules().size() || !seen.add(route.rule())) {
        continue;
      }
      IngressRule rule = context.ingress().rule(route.rule());
      if (rule.service() instanceof OriginService.UnixSocket unix) {
        var d = io.github.tunneldiagnostics.core.internal.vantage.FileAccess.check(vantage.root(), unix.path(), identity, true);
        if (d.isPresent()) {
          denials.add(SeatFindings.permissionDenied(rule, identity, d.get(), unix.path(), true, vantage));
          denied.add(rule.index());
          continue;
        }
      }
      String caPool = rule.originRequest().caPool();
      if (!caPool.isEmpty() && caPool.startsWith("/")) {
        var d = io.github.tunneldiagnostics.core.internal.vantage.FileAccess.check(vantage.root(), caPool, identity, false);
        if (d.isPresent()) {
          denials.add(SeatFindings.permissionDenied(rule, identity, d.get(), caPool, false, vantage));
        }
      }
    }
    if (denials.isEmpty()) {
      return probed;
    }
    List<Finding> out = new ArrayList<>();
    for (Finding f : probed) {
      boolean overruled = f.check().equals(OriginCheck.ID) && f.ruleIndex().isPresent() && denied.contains(f.ruleIndex().getAsInt())
          && f.severity() == Severity.INFO;
      if (!overruled) {
        out.add(f);
      }
    }
    out.addAll(denials);
    return out;
  }

  private List<Finding> probe(CheckContext context) throws InterruptedException {
    List<Finding> out = new ArrayList<>();
    if (vantage.needsOwnNetwork()) {
      if (configArgs.isEmpty()) {
        out.add(SeatFindings.notInspectable(vantage, "cannot probe from cloudflared's network namespace (pid " + vantage.pid()
            + ") for a configuration that is not a file; showing what listens inside it instead of connecting"));
        out.addAll(passive(context));
        return out;
      }
      ChildJvm.Result result = ChildJvm.run(command(context), context.deadline().minus(CHILD_RESERVE), context.clock());
      List<Finding> inside = parse(result);
      Finding placed = SeatFindings.inContainer(vantage, inside != null);
      if (placed != null) {
        out.add(placed);
      }
      if (inside != null) {
        out.addAll(postprocess(inside, context));
        return out;
      }
      out.add(SeatFindings.notInspectable(vantage, reason(result)));
      out.addAll(passive(context));
      return out;
    }
    CheckContext seat = context;
    Finding placed = SeatFindings.inContainer(vantage, false);
    if (placed != null) {
      out.add(placed);
    }
    if (vantage.placement() == Placement.HOST_NETWORK_CONTAINER && vantage.ownResolver()) {
      seat = withResolver(context, SeatResolver.of(vantage.root(), context.clock()));
    }
    out.addAll(hostCheck.run(seat));
    out.addAll(new ProxyCheck(vantage.proxy()).run(seat));
    return out;
  }

  private List<String> command(CheckContext context) {
    List<String> args = new ArrayList<>(List.of("origin", "--pid", Long.toString(vantage.pid()),
        "--deadline", Long.toString(context.deadline().minus(CHILD_RESERVE.multipliedBy(2)).toEpochMilli())));
    args.addAll(configArgs);
    for (Route route : context.routes()) {
      args.addAll(RouteArguments.of(route));
    }
    List<String> command = new ArrayList<>(launcherPrefix);
    command.addAll(ChildJvm.command(vantage.pid(), args));
    return command;
  }

  /** The findings the child printed, or null when it did not finish its work. */
  private static @Nullable List<Finding> parse(ChildJvm.Result result) {
    if (result.exitCode() != 0) {
      return null;
    }
    List<Finding> findings = new ArrayList<>();
    boolean done = false;
    for (String line : result.lines()) {
      Optional<Map<String, Object>> json = JsonLines.parse(line);
      if (json.isEmpty()) {
        continue;
      }
      if ("done".equals(json.get().get("type"))) {
        done = true;
      }
      JsonLines.toFinding(json.get()).ifPresent(findings::add);
    }
    return done ? findings : null;
  }

  private String reason(ChildJvm.Result result) {
    long pid = vantage.pid();
    if (result.nsenterMissing()) {
      return "nsenter (util-linux) is not installed; install util-linux to test from cloudflared's network";
    }
    if (result.targetGone()) {
      return "cloudflared pid " + pid + " exited during the check";
    }
    if (result.notPermitted()) {
      return "cannot enter cloudflared's network namespace (pid " + pid + "; needs CAP_SYS_ADMIN, i.e. root); showing what listens inside it instead of connecting";
    }
    if (result.timedOut()) {
      return "the probe inside cloudflared's network namespace (pid " + pid + ") did not finish before the deadline; showing what listens inside it instead";
    }
    String first = result.stderr().lines().filter(l -> !l.startsWith("SLF4J")).findFirst().orElse("exit code " + result.exitCode());
    return "the probe inside cloudflared's network namespace (pid " + pid + ") failed (" + first + "); showing what listens inside it instead of connecting";
  }

  /** Names the fix for refusals and unknown names seen from inside the namespace. */
  private List<Finding> postprocess(List<Finding> inside, CheckContext context) {
    List<Finding> out = new ArrayList<>();
    ListenerSearch search = new ListenerSearch(procRoot);
    Map<String, String> seat = Map.of("probedFrom", "inside cloudflared's network namespace (pid " + vantage.pid() + ", net:[" + vantage.netns() + "])");
    for (Finding f : inside) {
      Finding replaced = f;
      int index = f.ruleIndex().orElse(-1);
      if (index >= 0 && index < context.ingress().rules().size()) {
        IngressRule rule = context.ingress().rule(index);
        Target t = target(rule);
        if (t != null) {
          replaced = explain(f, rule, t, search);
        }
      }
      out.add(replaced.check().equals(OriginCheck.ID) || replaced.check().equals(ProxyCheck.ID) ? SeatFindings.withEvidence(replaced, seat) : replaced);
    }
    return out;
  }

  private Finding explain(Finding f, IngressRule rule, Target t, ListenerSearch search) {
    String code = f.code();
    boolean refused = code.equals(FindingCode.ORIGIN_CONNECTION_REFUSED) || code.equals(FindingCode.ORIGIN_BOUND_ELSEWHERE);
    if (refused && isLoopback(t.host())) {
      List<ListenerSearch.Hit> hits = search.find(t.port(), vantage.netns()).stream().filter(h -> h.place() != ListenerSearch.Place.CONNECTOR).toList();
      if (!hits.isEmpty()) {
        return SeatFindings.loopbackInContainer(f, rule, t.scheme(), t.host(), t.port(), vantage, hits, "probe");
      }
    }
    if (code.equals(FindingCode.ORIGIN_UNRESOLVABLE)) {
      String host = t.host().toLowerCase(Locale.ROOT);
      if (host.equals("host.docker.internal") || host.equals("host.containers.internal")) {
        return SeatFindings.hostGatewayMissing(f, rule, t.host(), vantage);
      }
      Optional<ListenerSearch.Hit> elsewhere = search.find(t.port(), vantage.netns()).stream()
          .filter(h -> h.place() == ListenerSearch.Place.OTHER && !h.listener().address().isLoopbackAddress())
          .filter(h -> h.network().externalAddresses().stream().noneMatch(a -> vantage.network().subnetOf(a).isPresent()))
          .findFirst();
      if (elsewhere.isPresent()) {
        return SeatFindings.notOnNetwork(f, rule, t.host(), t.port(), vantage, elsewhere.get());
      }
    }
    return f;
  }

  /**
   * Without entering the namespace: for loopback services, the connector's own {@code net/tcp} proves
   * whether anything listens on the port inside it (readable without privileges).
   */
  private List<Finding> passive(CheckContext context) {
    List<Finding> out = new ArrayList<>();
    SocketTable.Snapshot inside = SocketTable.at(vantage.netDir()).read();
    ListenerSearch search = new ListenerSearch(procRoot);
    Set<Integer> seen = new HashSet<>();
    for (Route route : context.routes()) {
      if (route.rule() >= context.ingress().rules().size() || !seen.add(route.rule())) {
        continue;
      }
      IngressRule rule = context.ingress().rule(route.rule());
      Target t = target(rule);
      if (t == null) {
        continue;
      }
      Finding.Builder b = Finding.builder(FindingCode.CHECK_SKIPPED, Severity.INFO)
          .check(OriginCheck.ID)
          .subject("rule #" + rule.index() + " " + rule.service())
          .rule(rule.index())
          .evidence("source", "config")
          .evidence("route", route.label());
      if (!isLoopback(t.host()) || !inside.available()) {
        out.add(b.message("Rule #" + rule.index() + "'s origin " + rule.service() + " was not probed: cloudflared's network namespace could not be entered.").build());
        continue;
      }
      boolean listensInside = inside.onPort(t.port()).stream().anyMatch(l -> l.address().isLoopbackAddress() || l.isWildcard());
      if (listensInside) {
        out.add(b.message("Rule #" + rule.index() + "'s origin " + rule.service() + " was not probed; inside cloudflared's namespace something listens on port "
            + t.port() + " (" + inside.onPort(t.port()).stream().map(TcpListener::describe).distinct().reduce((a, c) -> a + ", " + c).orElse("") + ").").build());
        continue;
      }
      Finding refused = Finding.error(FindingCode.ORIGIN_CONNECTION_REFUSED)
          .check(OriginCheck.ID)
          .subject("rule #" + rule.index() + " " + rule.service())
          .message("Nothing listens on port " + t.port() + " inside cloudflared's network namespace (read from /proc/" + vantage.pid() + "/net/tcp), so "
              + rule.service() + " is refused there; cloudflared logs dial tcp 127.0.0.1:" + t.port() + ": connect: connection refused.")
          .remediation("Make the app listen inside cloudflared's network, or point rule #" + rule.index() + "'s service at an address cloudflared can reach.")
          .rule(rule.index())
          .evidence("source", "passive")
          .evidence("listenersInConnectorNamespace", "none on port " + t.port())
          .build();
      List<ListenerSearch.Hit> hits = search.find(t.port(), vantage.netns()).stream().filter(h -> h.place() != ListenerSearch.Place.CONNECTOR).toList();
      out.add(hits.isEmpty() ? refused : SeatFindings.loopbackInContainer(refused, rule, t.scheme(), t.host(), t.port(), vantage, hits, "passive"));
    }
    return out;
  }

  /** The host, port and scheme a rule dials, or null for services without one. */
  record Target(String scheme, String host, int port) {}

  static @Nullable Target target(IngressRule rule) {
    if (rule.service() instanceof OriginService.Http http) {
      return new Target(http.scheme(), http.host(), http.effectivePort());
    }
    if (rule.service() instanceof OriginService.Stream stream && stream.effectivePort().isPresent()) {
      return new Target(stream.scheme(), stream.host(), stream.effectivePort().getAsInt());
    }
    return null;
  }

  static boolean isLoopback(String host) {
    if (host.equalsIgnoreCase("localhost")) {
      return true;
    }
    String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    InetAddress literal = HostsFile.literalAddress(bare);
    return literal != null && literal.isLoopbackAddress();
  }

  private static CheckContext withResolver(CheckContext context, Resolver resolver) {
    return new CheckContext() {
      @Override
      public IngressModel ingress() {
        return context.ingress();
      }

      @Override
      public List<Route> routes() {
        return context.routes();
      }

      @Override
      public Instant deadline() {
        return context.deadline();
      }

      @Override
      public Clock clock() {
        return context.clock();
      }

      @Override
      public Resolver resolver() {
        return resolver;
      }

      @Override
      public Optional<CheckResult> resultOf(String checkId) {
        return context.resultOf(checkId);
      }
    };
  }
}
