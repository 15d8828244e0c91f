package io.github.tunneldiagnostics.core.internal.seat;

import io.github.tunneldiagnostics.core.internal.connector.BoundedGet;
import io.github.tunneldiagnostics.core.internal.connector.MetricsTransport;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a containerised connector's metrics server from inside its network namespace (its {@code
 * 0.0.0.0:2024x} exists only there, containers.md §3.3): the first request fetches all of cloudflared's
 * endpoints in one child JVM, each within its byte budget and the request timeout; later requests are
 * answered from that. Never connects from this host's namespace.
 */
public final class NamespaceFetch implements MetricsTransport {
  private static final List<String> PATHS = List.of("/ready", "/metrics", "/diag/configuration", "/config", "/diag/tunnel");

  private final long pid;
  private final Duration requestTimeout;
  private final Instant deadline;
  private final Clock clock;
  private final Map<String, BoundedGet.Reply> cache = new HashMap<>();
  private final java.util.function.ToIntFunction<String> budgets;

  /**
   * @param budgets the byte budget of each path
   */
  public NamespaceFetch(long pid, Duration requestTimeout, Instant deadline, Clock clock, java.util.function.ToIntFunction<String> budgets) {
    this.pid = pid;
    this.requestTimeout = requestTimeout;
    this.deadline = deadline;
    this.clock = clock;
    this.budgets = budgets;
  }

  @Override
  public synchronized BoundedGet.Reply get(URI base, String path, int maxBytes) {
    String key = base + path;
    if (!cache.containsKey(key)) {
      List<String> paths = new ArrayList<>(PATHS.contains(path) ? PATHS : List.of(path));
      paths.removeIf(p -> cache.containsKey(base + p));
      fetch(base, paths);
    }
    return cache.getOrDefault(key, new BoundedGet.Reply(0, "", BoundedGet.Outcome.FAILED, "not fetched from inside cloudflared's namespace", 0));
  }

  private void fetch(URI base, List<String> paths) {
    List<String> args = new ArrayList<>(List.of("fetch", "--deadline", Long.toString(deadline.toEpochMilli() - 100), "--base", base.toString(),
        "--timeout-millis", Long.toString(requestTimeout.toMillis())));
    for (String p : paths) {
      args.add(p + "=" + budgets.applyAsInt(p));
    }
    ChildJvm.Result result;
    try {
      result = ChildJvm.run(ChildJvm.command(pid, args), deadline, clock);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    for (String line : result.lines()) {
      Optional<Map<String, Object>> json = JsonLines.parse(line);
      if (json.isEmpty() || !"reply".equals(json.get().get("type"))) {
        continue;
      }
      Map<String, Object> r = json.get();
      try {
        BoundedGet.Reply reply = new BoundedGet.Reply(((Number) java.util.Objects.requireNonNull(r.get("status"))).intValue(), String.valueOf(r.get("body")),
            BoundedGet.Outcome.valueOf(String.valueOf(r.get("outcome"))), String.valueOf(r.get("detail")), ((Number) java.util.Objects.requireNonNull(r.get("bytes"))).longValue());
        cache.put(base + String.valueOf(r.get("path")), reply);
      } catch (RuntimeException e) {
        // a malformed line: that path stays unfetched
      }
    }
    String why = result.timedOut() ? "the fetch inside cloudflared's namespace did not finish in time"
        : result.exitCode() != 0 ? "cannot enter cloudflared's namespace: " + result.stderr().lines().findFirst().orElse("exit " + result.exitCode())
        : "no answer recorded";
    for (String p : paths) {
      cache.putIfAbsent(base + p, new BoundedGet.Reply(0, "", result.timedOut() ? BoundedGet.Outcome.NO_ANSWER : BoundedGet.Outcome.FAILED, why, 0));
    }
  }
}
