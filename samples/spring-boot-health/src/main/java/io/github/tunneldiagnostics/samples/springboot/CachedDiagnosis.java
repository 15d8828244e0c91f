package io.github.tunneldiagnostics.samples.springboot;

import io.github.tunneldiagnostics.api.DiagnosisReport;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * One diagnosis shared by the health indicator and the meters: a report younger than {@code maxAge} is
 * served as it is; an older one starts one refresh in the background (never two at once) and the caller
 * waits for it at most {@code wait}, then gets the report it has (possibly stale, or none yet). So a
 * health probe never waits longer than its own timeout, however slow the tunnel's origins are.
 */
public final class CachedDiagnosis implements AutoCloseable {
  /** The last report and when it was taken. */
  public record Snapshot(DiagnosisReport report, Instant takenAt) {}

  private final Supplier<DiagnosisReport> diagnosis;
  private final Duration maxAge;
  private final Duration wait;
  private final Clock clock;
  private final ExecutorService worker;
  private @Nullable Snapshot last;
  private @Nullable CompletableFuture<Snapshot> running;
  private final java.util.List<java.util.function.Consumer<Snapshot>> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

  /**
   * @param diagnosis one diagnosis, bounded by its own timeout (e.g. {@code TunnelDiagnostics...::diagnose})
   * @param maxAge how long a report is served before it is refreshed
   * @param wait how long a caller waits for a refresh before it gets the report it has
   */
  public CachedDiagnosis(Supplier<DiagnosisReport> diagnosis, Duration maxAge, Duration wait, Clock clock) {
    this.diagnosis = Objects.requireNonNull(diagnosis, "diagnosis");
    this.maxAge = Objects.requireNonNull(maxAge, "maxAge");
    this.wait = Objects.requireNonNull(wait, "wait");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.worker = Executors.newSingleThreadExecutor(task -> {
      Thread thread = new Thread(task, "tunnel-diagnosis");
      thread.setDaemon(true);
      return thread;
    });
  }

  /** The freshest report obtainable within the wait; empty only before the first diagnosis has finished. */
  public Optional<Snapshot> current() throws InterruptedException {
    CompletableFuture<Snapshot> refresh;
    synchronized (this) {
      if (last != null && Duration.between(last.takenAt(), clock.instant()).compareTo(maxAge) < 0) {
        return Optional.of(last);
      }
      refresh = refresh();
    }
    try {
      return Optional.of(refresh.get(wait.toNanos(), TimeUnit.NANOSECONDS));
    } catch (TimeoutException | ExecutionException e) {
      return latest();
    }
  }

  /** The last report without waiting or refreshing (for meters, which must never block). */
  public synchronized Optional<Snapshot> latest() {
    return Optional.ofNullable(last);
  }

  /** Starts a refresh unless one is running; the report is kept when it finishes. */
  private synchronized CompletableFuture<Snapshot> refresh() {
    CompletableFuture<Snapshot> inFlight = running;
    if (inFlight != null && !inFlight.isDone()) {
      return inFlight;
    }
    CompletableFuture<Snapshot> started = CompletableFuture.supplyAsync(() -> {
      Snapshot snapshot = new Snapshot(diagnosis.get(), clock.instant());
      synchronized (this) {
        last = snapshot;
      }
      listeners.forEach(listener -> listener.accept(snapshot));
      return snapshot;
    }, worker);
    running = started;
    return started;
  }

  /** Hears each new report, on the diagnosis thread. */
  public void onReport(java.util.function.Consumer<Snapshot> listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /** Starts a refresh when the report is missing or old, without waiting (for meters). */
  public void refreshIfStale() {
    synchronized (this) {
      if (last == null || Duration.between(last.takenAt(), clock.instant()).compareTo(maxAge) >= 0) {
        var unused = refresh(); // meters read whatever is cached; they never wait for this refresh
      }
    }
  }

  @Override
  public void close() {
    worker.shutdownNow();
  }
}
