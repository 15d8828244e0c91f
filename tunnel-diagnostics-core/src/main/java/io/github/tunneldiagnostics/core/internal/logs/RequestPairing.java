package io.github.tunneldiagnostics.core.internal.logs;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.function.Consumer;

/**
 * Counts a failed request once although cloudflared logs it twice: first the proxy's line, then (when the
 * error reaches the connection) the transport's line. A proxy line waits, for a bounded number of lines,
 * for its transport line (the same Go error, the same {@code connIndex} when both lines carry one); a
 * transport line pairs with the oldest such proxy line still waiting, and never with a later one. Paired
 * events go to {@code paired}; events that found no partner (or are still waiting at a flush) go to
 * {@code unpaired}. Each event is passed on exactly once.
 */
final class RequestPairing {
  static final int MAX_PENDING = 256;
  static final long MAX_DISTANCE = 2000;

  private final ArrayDeque<RequestEvent> pending = new ArrayDeque<>();
  private final Consumer<RequestEvent> paired;
  private final Consumer<RequestEvent> unpaired;

  RequestPairing(Consumer<RequestEvent> paired, Consumer<RequestEvent> unpaired) {
    this.paired = paired;
    this.unpaired = unpaired;
  }

  void accept(RequestEvent event) {
    expire(event.sequence);
    if (event.kind != RequestEvent.Kind.PROXY) {
      Iterator<RequestEvent> oldestFirst = pending.iterator();
      while (oldestFirst.hasNext()) {
        RequestEvent candidate = oldestFirst.next();
        if (candidate.pairsWith(event)) {
          oldestFirst.remove();
          event.absorb(candidate);
          paired.accept(event);
          return;
        }
      }
      unpaired.accept(event); // its proxy line, if any, came before: none is waiting
      return;
    }
    pending.addLast(event);
    if (pending.size() > MAX_PENDING) {
      unpaired.accept(pending.removeFirst());
    }
  }

  private void expire(long sequence) {
    while (!pending.isEmpty() && sequence - pending.peekFirst().sequence > MAX_DISTANCE) {
      unpaired.accept(pending.removeFirst());
    }
  }

  /** Passes on every event still waiting, e.g. at the end of a file. */
  void flush() {
    while (!pending.isEmpty()) {
      unpaired.accept(pending.removeFirst());
    }
  }
}
