package io.github.tunneldiagnostics.core.internal.logs;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.function.Consumer;

/**
 * Counts a failed request once although cloudflared logs it twice: an event waits, for a bounded number
 * of lines, for its partner (the other kind, the same Go error, the same {@code connIndex} when both
 * lines carry one). Paired, timed-out and left-over events are passed on exactly once.
 */
final class RequestPairing {
  private static final int MAX_PENDING = 256;
  private static final long MAX_DISTANCE = 2000;

  private final ArrayDeque<RequestEvent> pending = new ArrayDeque<>();
  private final Consumer<RequestEvent> downstream;

  RequestPairing(Consumer<RequestEvent> downstream) {
    this.downstream = downstream;
  }

  void accept(RequestEvent event) {
    expire(event.sequence);
    Iterator<RequestEvent> newestFirst = pending.descendingIterator();
    while (newestFirst.hasNext()) {
      RequestEvent candidate = newestFirst.next();
      if (candidate.pairsWith(event)) {
        newestFirst.remove();
        event.absorb(candidate);
        downstream.accept(event);
        return;
      }
    }
    pending.addLast(event);
    if (pending.size() > MAX_PENDING) {
      downstream.accept(pending.removeFirst());
    }
  }

  private void expire(long sequence) {
    while (!pending.isEmpty() && sequence - pending.peekFirst().sequence > MAX_DISTANCE) {
      downstream.accept(pending.removeFirst());
    }
  }

  /** Passes on every event still waiting, e.g. at the end of a file. */
  void flush() {
    while (!pending.isEmpty()) {
      downstream.accept(pending.removeFirst());
    }
  }
}
