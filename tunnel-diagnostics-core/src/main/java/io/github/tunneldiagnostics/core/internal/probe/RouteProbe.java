package io.github.tunneldiagnostics.core.internal.probe;

import io.github.tunneldiagnostics.api.Route;
import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.ingress.IngressRule;
import io.github.tunneldiagnostics.api.ingress.OriginRequest;
import io.github.tunneldiagnostics.api.ingress.OriginService;
import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The state of one route's probe: what is probed, its deadline and timings, what resolving and dialing
 * found, and the findings so far. It picks the probe for the rule's service ({@link HttpOriginProbe},
 * {@link UnixOriginProbe}, {@link StreamOriginProbe}); the shared steps are {@link ResolveStep} and
 * {@link ConnectStep}. Confined to one thread; every step is bounded by the rule's timeouts and the
 * route's deadline.
 */
final class RouteProbe {
  private final ProbeRun run;
  private final Route route;
  private final IngressRule rule;
  private final OriginRequest settings;
  private final Instant deadline;
  private final PhaseTimings timings = new PhaseTimings();
  private final OriginFindings findings;
  private final List<Finding> out = new ArrayList<>();
  private final Optional<String> publicHost;
  private String attemptsText = "";
  private List<DialAttempt> dialed = List.of();
  private String resolution = "";

  RouteProbe(ProbeRun run, Route route, IngressRule rule, Instant deadline) {
    this.run = run;
    this.route = route;
    this.rule = rule;
    this.settings = rule.originRequest();
    this.deadline = deadline;
    this.findings = new OriginFindings(rule, route.label(), timings);
    this.publicHost = run.settings().hostnames().hostnameFor(route, rule);
  }

  List<Finding> probe() {
    OriginService service = rule.service();
    if (service instanceof OriginService.Http http) {
      new HttpOriginProbe(this, http).probe();
    } else if (service instanceof OriginService.Stream stream) {
      new StreamOriginProbe(this, stream).probe();
    } else if (service instanceof OriginService.UnixSocket unix) {
      new UnixOriginProbe(this, unix).probe();
    }
    return out;
  }

  ProbeRun run() {
    return run;
  }

  IngressRule rule() {
    return rule;
  }

  Route route() {
    return route;
  }

  OriginRequest settings() {
    return settings;
  }

  Instant deadline() {
    return deadline;
  }

  PhaseTimings timings() {
    return timings;
  }

  OriginFindings findings() {
    return findings;
  }

  Optional<String> publicHost() {
    return publicHost;
  }

  String attemptsText() {
    return attemptsText;
  }

  /** Resolves {@code host} as cloudflared's resolver does; null after a finding. */
  @Nullable List<java.net.InetAddress> resolve(String host) {
    return new ResolveStep(this).resolve(host);
  }

  /** Connects as Go's dialer does and returns the connection it would use; null after a finding. */
  @Nullable Socket connect(List<java.net.InetAddress> addresses, int port, RefusalExplainer.ServiceRewrite rewrite) {
    return new ConnectStep(this).connect(addresses, port, rewrite);
  }

  /** How the service host resolved, for evidence (e.g. "/etc/hosts gives 127.0.0.1, ::1; Go sorts them ..."). */
  void recordResolution(String text) {
    this.resolution = text;
  }

  /** The addresses dialed, for the per-address evidence of every later finding. */
  void recordDial(List<DialAttempt> attempts, String text) {
    this.dialed = List.copyOf(attempts);
    this.attemptsText = text;
  }

  /**
   * Adds a finding, with the resolution and one {@code address.<host:port>} evidence entry per address
   * dialed (the report draws them).
   */
  void add(Finding finding) {
    if (dialed.isEmpty() && resolution.isEmpty()) {
      out.add(finding);
      return;
    }
    Finding.Builder withDial = finding.toBuilder();
    Set<String> keys = new HashSet<>(finding.evidence().keySet()); // the finding's own entries win, then the first attempt
    if (!resolution.isEmpty() && keys.add("resolved")) {
      withDial.evidence("resolved", resolution);
    }
    for (DialAttempt attempt : dialed) {
      if (keys.add("address." + attempt.target())) {
        withDial.evidence("address." + attempt.target(), attempt.summary());
      }
    }
    out.add(withDial.build());
  }

  Instant now() {
    return run.clock().instant();
  }

  Duration remaining() {
    Duration left = Duration.between(now(), deadline);
    return left.isNegative() ? Duration.ZERO : left;
  }

  boolean hasTimeFor(Duration needed) {
    return remaining().compareTo(needed) > 0;
  }

  Duration capped(Duration limit) {
    Duration left = remaining();
    return limit.compareTo(left) < 0 ? limit : left;
  }

  static void closeQuietly(@Nullable Socket socket) {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException ignored) {
        // nothing to do
      }
    }
  }
}
