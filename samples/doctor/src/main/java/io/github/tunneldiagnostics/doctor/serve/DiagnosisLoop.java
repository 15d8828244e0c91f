package io.github.tunneldiagnostics.doctor.serve;

import io.github.tunneldiagnostics.api.DiagnosisReport;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs the diagnosis every interval on one thread, so two runs never overlap: a run that ends late
 * delays the next one instead of running beside it. Each run gets a deadline shorter than the interval
 * (the diagnosis itself ends within it). The latest {@link Snapshot} is published atomically for the HTTP
 * threads.
 */
public final class DiagnosisLoop implements AutoCloseable {
  private final Supplier<DiagnosisReport> diagnosis;
  private final Function<DiagnosisReport, Map<String, Integer>> connections;
  private final Duration interval;
  private final Clock clock;
  private final Consumer<String> warnings;
  private final AtomicReference<Snapshot> latest = new AtomicReference<>(Snapshot.initial());
  private final ScheduledExecutorService scheduler;

  /**
   * @param diagnosis one run, bounded by its own deadline
   * @param connections reads the ready connections of the connectors a report names
   * @param interval time between the starts of two runs
   * @param warnings hears a failed run, in one line
   */
  public DiagnosisLoop(Supplier<DiagnosisReport> diagnosis, Function<DiagnosisReport, Map<String, Integer>> connections, Duration interval,
      Clock clock, Consumer<String> warnings) {
    this.diagnosis = Objects.requireNonNull(diagnosis, "diagnosis");
    this.connections = Objects.requireNonNull(connections, "connections");
    this.interval = Objects.requireNonNull(interval, "interval");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.warnings = Objects.requireNonNull(warnings, "warnings");
    this.scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
      Thread thread = new Thread(task, "tunnel-doctor-serve-loop");
      thread.setDaemon(true);
      return thread;
    });
  }

  /** Starts the first run now and one every interval after. */
  public void start() {
    // runOnce catches everything itself, so the periodic task never ends with an exception to look at
    var unused = scheduler.scheduleAtFixedRate(this::runOnce, 0, interval.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** One run, as the schedule calls it; public for tests that step the loop by hand. */
  public void runOnce() {
    long start = System.nanoTime();
    try {
      DiagnosisReport report = diagnosis.get();
      Map<String, Integer> ready = connections.apply(report);
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      Instant ended = clock.instant();
      latest.updateAndGet(previous -> previous.succeeded(report, ready, took, ended));
    } catch (RuntimeException e) { // a failed run is counted and the loop goes on; the next run may succeed
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      latest.updateAndGet(previous -> previous.failed(took, clock.instant()));
      warnings.accept("diagnosis run failed after " + took.toMillis() + " ms: " + e.getClass().getSimpleName()
          + (e.getMessage() != null ? ": " + e.getMessage() : ""));
    }
  }

  /** The latest state; never null. */
  public Snapshot snapshot() {
    return Objects.requireNonNull(latest.get());
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
