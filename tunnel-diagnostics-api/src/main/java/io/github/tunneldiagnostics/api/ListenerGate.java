package io.github.tunneldiagnostics.api;

import io.github.tunneldiagnostics.api.check.Check;
import io.github.tunneldiagnostics.api.check.CheckResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Keeps the {@link DiagnosisListener} contract for one run: events one at a time, none after
 * {@link #close()}, at most one {@code checkFinished} per check, exactly one {@code routeFinished} per planned route (the missing ones sent at close),
 * and whatever a listener throws contained. A probe thread that outlives its deadline may still report;
 * its late events are dropped here.
 */
final class ListenerGate {
  private final DiagnosisListener listener;
  private final Clock clock;
  private final Instant startedAt;
  /** Per planned route, when each of its started, not yet finished occurrences started. */
  private final Map<Route, Deque<Instant>> started = new LinkedHashMap<>();
  /** Per planned route, how many of its occurrences are not finished yet. */
  private final Map<Route, Integer> unfinished = new LinkedHashMap<>();
  private final List<Route> planned;
  private final Set<String> checksFinished = new HashSet<>();
  private boolean closed;

  ListenerGate(DiagnosisListener listener, Clock clock, List<Route> routes) {
    this.listener = listener;
    this.clock = clock;
    this.startedAt = clock.instant();
    this.planned = List.copyOf(routes);
    for (Route route : planned) {
      unfinished.merge(route, 1, Integer::sum);
      started.computeIfAbsent(route, r -> new ArrayDeque<>());
    }
  }

  synchronized void diagnosisStarted() {
    deliver(l -> l.diagnosisStarted(planned));
  }

  synchronized void checkStarted(Check check) {
    deliver(l -> l.checkStarted(check));
  }

  synchronized void checkFinished(CheckResult result) {
    if (checksFinished.add(result.checkId())) {
      deliver(l -> l.checkFinished(result));
    }
  }

  synchronized void routeStarted(Route route) {
    Deque<Instant> starts = started.get(route);
    if (closed || starts == null || starts.size() >= unfinished.getOrDefault(route, 0)) {
      return; // not a planned route, or all its occurrences already started
    }
    starts.addLast(clock.instant());
    deliver(l -> l.routeStarted(route));
  }

  synchronized void routeFinished(Route route, Duration elapsed) {
    int left = unfinished.getOrDefault(route, 0);
    if (closed || left == 0) {
      return; // not a planned route, or finished already
    }
    unfinished.put(route, left - 1);
    Deque<Instant> starts = started.get(route);
    if (starts != null) {
      starts.pollFirst();
    }
    Duration reported = elapsed.isNegative() ? Duration.ZERO : elapsed;
    deliver(l -> l.routeFinished(route, reported));
  }

  /** Finishes every route no check finished, then lets nothing through any more. */
  synchronized void close() {
    if (closed) {
      return;
    }
    Instant now = clock.instant();
    for (Map.Entry<Route, Integer> entry : unfinished.entrySet()) {
      Route route = entry.getKey();
      Deque<Instant> starts = started.getOrDefault(route, new ArrayDeque<>());
      for (int i = 0; i < entry.getValue(); i++) {
        Instant since = starts.pollFirst();
        Duration elapsed = Duration.between(since != null ? since : startedAt, now);
        deliver(l -> l.routeFinished(route, elapsed.isNegative() ? Duration.ZERO : elapsed));
      }
    }
    unfinished.replaceAll((route, left) -> 0);
    closed = true;
  }

  private void deliver(Consumer<DiagnosisListener> event) {
    if (closed) {
      return;
    }
    try {
      event.accept(listener);
    } catch (RuntimeException ignored) {
      // a listener must not change the diagnosis
    }
  }
}
