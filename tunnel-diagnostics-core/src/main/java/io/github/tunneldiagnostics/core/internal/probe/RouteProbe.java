package io.github.tunneldiagnostics.core.internal.probe;

import io.github.tunneldiagnostics.api.Route;
import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.check.FindingCode;
import io.github.tunneldiagnostics.api.check.Severity;
import io.github.tunneldiagnostics.api.ingress.IngressRule;
import io.github.tunneldiagnostics.api.ingress.OriginRequest;
import io.github.tunneldiagnostics.api.ingress.OriginService;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Probes one route's origin the way cloudflared reaches it: resolve, connect to each address, TLS with
 * cloudflared's effective settings, then one HTTP/1.1 request shaped like cloudflared's. Confined to one
 * thread; every step is bounded by the rule's timeouts and the route's deadline.
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

  RouteProbe(ProbeRun run, Route route, IngressRule rule, Instant deadline) {
    this.run = run;
    this.route = route;
    this.rule = rule;
    this.settings = rule.originRequest();
    this.deadline = deadline;
    this.findings = new OriginFindings(rule, route.url(), timings);
    this.publicHost = run.settings().hostnames().hostnameFor(route, rule);
  }

  List<Finding> probe() {
    OriginService service = rule.service();
    if (service instanceof OriginService.Http http) {
      new HttpOriginProbe(this, http).probe();
    } else if (service instanceof OriginService.Stream stream) {
      probeStream(stream);
    } else if (service instanceof OriginService.UnixSocket unix) {
      new UnixOriginProbe(this, unix).probe();
    }
    return out;
  }

  // ---- shared steps, used by the service-specific probes ----

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

  /** Adds a finding, with one {@code address.<host:port>} evidence entry per address dialed (the report draws them). */
  void add(Finding finding) {
    if (dialed.isEmpty()) {
      out.add(finding);
      return;
    }
    Map<String, String> evidence = new LinkedHashMap<>(finding.evidence());
    for (DialAttempt attempt : dialed) {
      evidence.putIfAbsent("address." + attempt.target(), attempt.summary());
    }
    out.add(new Finding(finding.code(), finding.severity(), finding.check(), finding.subject(), finding.message(), finding.remediation(), evidence));
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

  /** Resolves through the context's resolver (IP literals are parsed, never looked up); null after a finding. */
  @Nullable List<InetAddress> resolve(String host) {
    Instant start = now();
    try {
      List<InetAddress> addresses;
      if (GoText.isIpLiteral(host)) {
        addresses = List.of(InetAddress.getByName(host));
      } else {
        CompletableFuture<List<InetAddress>> lookup =
            CompletableFuture.supplyAsync(
                () -> {
                  try {
                    return run.resolver().resolve(host);
                  } catch (UnknownHostException e) {
                    throw new java.util.concurrent.CompletionException(e);
                  }
                },
                run.executor());
        addresses = lookup.get(Math.max(1, remaining().toMillis()), TimeUnit.MILLISECONDS);
      }
      timings.resolve(Duration.between(start, now()));
      if (addresses.isEmpty()) {
        throw new UnknownHostException(host);
      }
      return addresses;
    } catch (UnknownHostException | ExecutionException | TimeoutException e) {
      timings.resolve(Duration.between(start, now()));
      boolean timedOut = e instanceof TimeoutException;
      add(unresolvable(host, timedOut));
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      timings.resolve(Duration.between(start, now()));
      add(unresolvable(host, true));
      return null;
    }
  }

  private Finding unresolvable(String host, boolean timedOut) {
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
    return findings
        .start(FindingCode.ORIGIN_UNRESOLVABLE, Severity.ERROR)
        .message(
            (timedOut ? "Looking up '" + host + "' did not finish before the deadline" : "'" + host + "' does not resolve on this machine")
                + "; cloudflared logs dial tcp: lookup " + host + " on <resolver>: no such host." + explanation)
        .remediation(remediation)
        .evidence("host", host)
        .evidence("result", timedOut ? "lookup timed out" : "no such host")
        .build();
  }

  /**
   * Connects to every address and keeps the connection Go's dialer would use; null after a finding.
   *
   * @param rewrite renders the rule's service for another host/port, for remediations
   */
  @SuppressWarnings("ReferenceEquality") // the attempt Go would have chosen, by identity
  @Nullable Socket connect(List<InetAddress> addresses, int port, RefusalExplainer.ServiceRewrite rewrite) {
    Duration timeout = capped(settings.connectTimeout());
    List<DialAttempt> attempts = run.dialer().dialAll(addresses, port, timeout);
    GoDialModel.Outcome go = GoDialModel.simulate(attempts, settings.noHappyEyeballs());
    attemptsText = attempts.stream().map(a -> a.target() + " " + a.summary()).collect(Collectors.joining("; "));
    dialed = List.copyOf(attempts);
    for (DialAttempt attempt : attempts) {
      if (attempt.socket() != null && (go.chosen().isEmpty() || attempt != go.chosen().get())) {
        closeQuietly(attempt.socket());
      }
    }
    if (go.chosen().isPresent()) {
      timings.connect(go.chosen().get().elapsed());
      return go.chosen().get().socket();
    }
    timings.connect(attempts.stream().map(DialAttempt::elapsed).max(Duration::compareTo).orElse(Duration.ZERO));
    DialAttempt reported = go.reported();
    String goError = reported.goError();
    String order = goOrder(go);
    switch (reported.result()) {
      case REFUSED -> add(withOrder(RefusalExplainer.explain(findings, run.settings().socketTable(), run.sockets().get(), addresses, port, goError, rewrite, attemptsText), order));
      case TIMEOUT -> add(
          findings
              .start(FindingCode.ORIGIN_CONNECT_TIMEOUT, Severity.ERROR)
              .message("The TCP connect to " + reported.target() + " did not complete within " + timeout.toMillis() + " ms (connectTimeout "
                  + GoText.duration(settings.connectTimeout()) + (timeout.compareTo(settings.connectTimeout()) < 0 ? ", capped by the diagnosis deadline" : "")
                  + "); cloudflared logs " + goError + ".")
              .remediation("Check that " + reported.target() + " is the right address for " + findings.ruleService()
                  + " and that no firewall or route drops packets to port " + port + "; lower originRequest.connectTimeout to fail faster.")
              .evidence("attempts", attemptsText)
              .evidence("goDial", order)
              .evidence("result", "connect timeout")
              .build());
      default -> add(
          findings
              .start(FindingCode.ORIGIN_CONNECTION_REFUSED, Severity.ERROR)
              .message("Connecting to " + reported.target() + " failed: " + reported.detail() + "; cloudflared logs " + goError + ".")
              .remediation("Make " + reported.target() + " reachable from the connector host, or change " + findings.ruleService() + " to an address it can reach.")
              .evidence("attempts", attemptsText)
              .evidence("goDial", order)
              .evidence("result", reported.detail())
              .build());
    }
    return null;
  }

  private static Finding withOrder(Finding finding, String order) {
    Map<String, String> evidence = new LinkedHashMap<>(finding.evidence());
    evidence.put("goDial", order);
    return new Finding(finding.code(), finding.severity(), finding.check(), finding.subject(), finding.message(), finding.remediation(), evidence);
  }

  /** How Go walks the addresses, e.g. "IPv6 first: [::1]:8080 refused, then 127.0.0.1:8080 connected". */
  private String goOrder(GoDialModel.Outcome go) {
    String walk = go.order().stream().map(a -> a.target() + " " + a.summary()).collect(Collectors.joining(", then "));
    String mode = settings.noHappyEyeballs()
        ? "noHappyEyeballs: serial in resolver order"
        : go.primaryFamily() + " first (family of the first address), other family 300 ms later or as soon as it fails";
    return mode + ": " + walk;
  }

  private void probeStream(OriginService.Stream stream) {
    if (stream.effectivePort().isEmpty()) {
      add(findings
          .start(FindingCode.CHECK_SKIPPED, Severity.INFO)
          .message(stream + " has no port and its scheme has no default; cloudflared dials '" + stream.host() + "' without one and fails (missing port in address).")
          .remediation("Add the port to " + findings.ruleService() + ", e.g. " + stream.scheme() + "://" + stream.host() + ":<port>.")
          .build());
      return;
    }
    int port = stream.effectivePort().getAsInt();
    List<InetAddress> addresses = resolve(stream.host());
    if (addresses == null) {
      return;
    }
    Socket socket = connect(addresses, port, (host, newPort) -> stream.scheme() + "://" + GoText.joinHostPort(host == null ? stream.host() : GoText.hostText(host), newPort));
    if (socket == null) {
      return;
    }
    String where = GoText.joinHostPort(socket.getInetAddress(), port);
    closeQuietly(socket);
    add(findings
        .start(FindingCode.ORIGIN_REACHABLE, Severity.INFO)
        .message("The " + stream.scheme() + " origin accepts TCP connections at " + where + "; cloudflared carries " + stream.scheme()
            + " as a raw TCP stream, so nothing beyond the connect was probed.")
        .evidence("address", where)
        .evidence("attempts", attemptsText)
        .evidence("result", "connected")
        .build());
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

  static String lower(String text) {
    return text.toLowerCase(Locale.ROOT);
  }
}
