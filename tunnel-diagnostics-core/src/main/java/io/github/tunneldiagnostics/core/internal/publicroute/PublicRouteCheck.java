package io.github.tunneldiagnostics.core.internal.publicroute;

import io.github.tunneldiagnostics.api.check.Check;
import io.github.tunneldiagnostics.api.check.CheckContext;
import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.check.FindingCode;
import io.github.tunneldiagnostics.core.internal.dns.DnsAnswer;
import io.github.tunneldiagnostics.core.internal.dns.DnsClient;
import io.github.tunneldiagnostics.core.internal.dns.DnsOutcome;
import io.github.tunneldiagnostics.core.internal.dns.DnsReading;
import io.github.tunneldiagnostics.core.internal.dns.DnsServer;
import io.github.tunneldiagnostics.core.internal.edge.EdgeCase;
import io.github.tunneldiagnostics.core.internal.edge.EdgeClassifier;
import io.github.tunneldiagnostics.core.internal.edge.EdgeFailure;
import io.github.tunneldiagnostics.core.internal.edge.EdgeProbe;
import io.github.tunneldiagnostics.core.internal.edge.EdgeResponse;
import io.github.tunneldiagnostics.core.internal.edge.EdgeResult;
import io.github.tunneldiagnostics.core.internal.edge.EdgeTarget;
import io.github.tunneldiagnostics.core.internal.edge.EdgeVerdict;
import io.github.tunneldiagnostics.core.internal.edge.ResolveOverride;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * The public checks ({@code --public}): for each public hostname of the diagnosis (each URL asked about,
 * else each rule's hostname), its DNS from every resolver, then one request through Cloudflare's edge —
 * to the addresses DNS answered, or to those of a {@code --resolve} entry, after which no connection
 * goes to the DNS answer. Hostnames run concurrently; the DNS phase may use half of the time left.
 * Findings carry check ids {@code public.dns} and {@code public.edge}.
 */
public final class PublicRouteCheck implements Check {
  public static final String ID = "public";
  private static final java.time.Duration RESERVE = java.time.Duration.ofMillis(250);

  private final PublicRouteSettings options;

  public PublicRouteCheck(PublicRouteSettings options) {
    this.options = Objects.requireNonNull(options, "options");
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String description() {
    return "public hostnames through DNS and Cloudflare's edge";
  }

  @Override
  public List<Finding> run(CheckContext context) throws Exception {
    PublicTarget.Plan plan = PublicTarget.plan(context.ingress(), context.routes());
    List<Finding> findings = new ArrayList<>();
    for (String skipped : plan.skipped()) {
      findings.add(Finding.info(FindingCode.CHECK_SKIPPED).check(ID).subject(skipped.substring(0, skipped.indexOf(": ")))
          .message("The public route of " + skipped + ".").remediation("").evidence("reason", skipped).build());
    }
    if (plan.targets().isEmpty()) {
      if (findings.isEmpty()) {
        findings.add(Finding.info(FindingCode.CHECK_SKIPPED).check(ID).subject("public hostnames")
            .message("No public hostname to check: no URL was asked about and no rule names a hostname.")
            .remediation("Ask about a URL (--url https://app.example.com/).").evidence("reason", "no public hostname").build());
      }
      return findings;
    }
    List<DnsServer> servers = options.dnsServers().isEmpty() ? DnsServer.system() : options.dnsServers();
    Clock clock = context.clock();
    // findings must be made before the pipeline's own deadline: keep a quarter of the time, at most 250 ms, to write them
    java.time.Duration reserve = context.remaining().dividedBy(4);
    if (reserve.compareTo(RESERVE) > 0) {
      reserve = RESERVE;
    }
    Instant deadline = context.deadline().minus(reserve);
    Instant dnsDeadline = clock.instant().plus(java.time.Duration.between(clock.instant(), deadline).dividedBy(2));
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(8, Math.max(1, plan.targets().size() * Math.max(1, servers.size()))), daemon());
    try {
      DnsClient dns = new DnsClient(clock);
      List<CompletableFuture<DnsReading>> readings = new ArrayList<>();
      for (PublicTarget target : plan.targets()) {
        readings.add(read(dns, servers, target.host(), dnsDeadline, pool));
      }
      Set<String> zones = new LinkedHashSet<>(options.zones());
      for (CompletableFuture<DnsReading> reading : readings) {
        String zone = reading.join().zone();
        if (reading.join().outcome() != DnsOutcome.NOT_FOUND && zone != null) {
          zones.add(zone);
        }
      }
      LocalTrace trace = new LocalTrace(options.logs(), options.metrics(), clock);
      ReentrantLock counted = new ReentrantLock(); // with metrics, one probe at a time so counter deltas are its own
      EdgeProbe probe = new EdgeProbe(options.trust(), clock, options.userAgent());
      List<CompletableFuture<List<Finding>>> perTarget = new ArrayList<>();
      for (int i = 0; i < plan.targets().size(); i++) {
        PublicTarget target = plan.targets().get(i);
        DnsReading reading = readings.get(i).join();
        perTarget.add(CompletableFuture.supplyAsync(
            () -> checkTarget(target, reading, zones, servers, dns, probe, trace, counted, deadline), pool));
      }
      for (CompletableFuture<List<Finding>> target : perTarget) {
        findings.addAll(target.join());
      }
    } finally {
      pool.shutdownNow();
      try { // the lookups and requests end by their deadlines: wait for them, so that no thread outlives the check
        pool.awaitTermination(Math.max(50, java.time.Duration.between(clock.instant(), context.deadline()).toMillis()), java.util.concurrent.TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return findings;
  }

  private CompletableFuture<DnsReading> read(DnsClient dns, List<DnsServer> servers, String host, Instant deadline, ExecutorService pool) {
    List<CompletableFuture<DnsAnswer>> answers = new ArrayList<>();
    for (DnsServer server : servers) {
      answers.add(CompletableFuture.supplyAsync(() -> dns.lookup(server, host, deadline), pool));
    }
    return CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new))
        .thenApply(ignored -> DnsReading.classify(host, answers.stream().map(CompletableFuture::join).toList(), options.ranges()));
  }

  private List<Finding> checkTarget(
      PublicTarget target, DnsReading reading, Set<String> zones, List<DnsServer> servers, DnsClient dns, EdgeProbe probe,
      LocalTrace trace, ReentrantLock counted, Instant deadline) {
    List<Finding> findings = new ArrayList<>();
    String wrongZone = null;
    if (reading.outcome() == DnsOutcome.NOT_FOUND) {
      wrongZone = wrongZone(target.host(), zones, servers, dns, deadline);
    }
    findings.addAll(DnsFindings.of(target, reading, wrongZone, options.localTunnelId()));
    ResolveOverride pinned = ResolveOverride.find(options.overrides(), target.host(), target.port());
    if (pinned == null && reading.outcome() != DnsOutcome.CLOUDFLARE) {
      findings.add(Finding.info(FindingCode.CHECK_SKIPPED).check(EdgeFindings.CHECK).subject(target.subject())
          .message("The edge was not asked for " + target.url() + ": its DNS does not lead to Cloudflare (" + reading.outcome() + ").")
          .remediation("").evidence("reason", "dns " + reading.outcome()).build());
      return findings;
    }
    EdgeTarget edge = new EdgeTarget(target.host(), target.port(), target.path(),
        pinned != null ? pinned.addresses() : reading.addresses(), pinned != null);
    boolean countersWanted = options.metrics() != null;
    if (countersWanted) {
      counted.lock();
    }
    try {
      LocalTrace.Counters before = countersWanted ? trace.counters(deadline) : null;
      EdgeResult result = probe.probe(edge, deadline);
      if (result instanceof EdgeFailure failure) {
        findings.add(EdgeFindings.ofFailure(target, edge, failure, reading));
        return findings;
      }
      EdgeResponse response = (EdgeResponse) result;
      EdgeVerdict verdict = EdgeClassifier.classify(response);
      EdgeFindings.Attribution attribution = null;
      if (verdict.edgeCase() == EdgeCase.BAD_GATEWAY || verdict.edgeCase() == EdgeCase.EDGE_5XX) {
        attribution = attribute(response, trace, before, countersWanted ? trace.counters(deadline) : null, deadline);
      }
      findings.add(EdgeFindings.ofResponse(target, edge, response, verdict, attribution, options.localTunnelId()));
      return findings;
    } finally {
      if (countersWanted) {
        counted.unlock();
      }
    }
  }

  private static EdgeFindings.Attribution attribute(
      EdgeResponse response, LocalTrace trace, LocalTrace.@Nullable Counters before, LocalTrace.@Nullable Counters after, Instant deadline) {
    String counters = "";
    BadGatewayAttribution byCounters = BadGatewayAttribution.UNKNOWN;
    if (before != null && after != null) {
      double errors = after.requestErrors() - before.requestErrors();
      double origin502 = after.responses502() - before.responses502();
      counters = "cloudflared_tunnel_request_errors +" + fmt(errors) + ", cloudflared_tunnel_response_by_code{status_code=\"502\"} +" + fmt(origin502);
      if (errors > 0) {
        byCounters = BadGatewayAttribution.CLOUDFLARED;
      } else if (origin502 > 0) {
        byCounters = BadGatewayAttribution.ORIGIN;
      }
    }
    String ray = EdgeClassifier.cfRay(response);
    LocalTrace.LogVerdict log = ray != null ? trace.searchLogs(ray, deadline) : new LocalTrace.LogVerdict(BadGatewayAttribution.UNKNOWN, null);
    BadGatewayAttribution who = switch (log.attribution()) {
      case CLOUDFLARED, ORIGIN -> log.attribution();
      case NOT_IN_LOG -> byCounters != BadGatewayAttribution.UNKNOWN ? byCounters : BadGatewayAttribution.NOT_IN_LOG;
      case UNKNOWN -> byCounters;
    };
    return new EdgeFindings.Attribution(who, log.line(), counters);
  }

  private static String fmt(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
  }

  /** {@code <host>.<zone>} for the first zone where that name exists, or null. */
  private static @Nullable String wrongZone(String host, Set<String> zones, List<DnsServer> servers, DnsClient dns, Instant deadline) {
    for (String zone : zones) {
      if (host.equals(zone) || host.endsWith("." + zone)) {
        continue;
      }
      String candidate = host + "." + zone;
      for (DnsServer server : servers) {
        DnsAnswer answer = dns.lookup(server, candidate, deadline);
        if (answer.rcode().equals(DnsAnswer.NOERROR) && !answer.addresses().isEmpty()) {
          return candidate;
        }
      }
    }
    return null;
  }

  private static java.util.concurrent.ThreadFactory daemon() {
    return task -> {
      Thread thread = new Thread(task, "tunnel-diagnostics-public");
      thread.setDaemon(true);
      return thread;
    };
  }

}
