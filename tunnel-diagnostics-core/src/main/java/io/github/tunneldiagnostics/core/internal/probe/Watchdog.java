package io.github.tunneldiagnostics.core.internal.probe;

import java.io.Closeable;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Closes a socket when its deadline passes, so that no blocking read, connect or handshake outlives it
 * even when the peer dribbles bytes that keep resetting a read timeout.
 */
final class Watchdog {
  private final ScheduledExecutorService scheduler;
  private final Clock clock;

  Watchdog(ScheduledExecutorService scheduler, Clock clock) {
    this.scheduler = scheduler;
    this.clock = clock;
  }

  Clock clock() {
    return clock;
  }

  /** Arms a timer that closes {@code target} at {@code deadline}; close the guard to disarm it. */
  Guard closeAt(Closeable target, Instant deadline) {
    AtomicBoolean fired = new AtomicBoolean();
    long delay = Math.max(0, Duration.between(clock.instant(), deadline).toNanos()); // never before the deadline
    ScheduledFuture<?> task =
        scheduler.schedule(
            () -> {
              fired.set(true);
              try {
                target.close();
              } catch (IOException | RuntimeException ignored) {
                // closing is all we can do
              }
            },
            delay,
            TimeUnit.NANOSECONDS);
    return new Guard(task, fired);
  }

  /** A running timer. */
  static final class Guard implements AutoCloseable {
    private final ScheduledFuture<?> task;
    private final AtomicBoolean fired;

    private Guard(ScheduledFuture<?> task, AtomicBoolean fired) {
      this.task = task;
      this.fired = fired;
    }

    /** True when the deadline passed and the target was closed. */
    boolean fired() {
      return fired.get();
    }

    @Override
    public void close() {
      task.cancel(false);
    }
  }
}
