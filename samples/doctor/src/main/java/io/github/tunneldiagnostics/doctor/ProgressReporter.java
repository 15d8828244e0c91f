package io.github.tunneldiagnostics.doctor;

import io.github.tunneldiagnostics.api.DiagnosisListener;
import io.github.tunneldiagnostics.api.check.Check;
import io.github.tunneldiagnostics.api.check.CheckResult;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Says on stderr which checks are still running once a diagnosis takes longer than a moment, so a
 * person at a terminal knows the doctor is not stuck. Quiet for fast runs. Thread-safe: the diagnosis
 * calls it from its worker threads.
 */
final class ProgressReporter implements DiagnosisListener, AutoCloseable {
  /** How long a run may take before the first progress line. */
  static final Duration MOMENT = Duration.ofSeconds(1);

  private final PrintWriter err;
  private final Map<String, Long> running = new TreeMap<>();
  private final ScheduledExecutorService timer;
  private final long startNanos = System.nanoTime();

  ProgressReporter(PrintWriter err, Duration moment) {
    this.err = err;
    this.timer = Executors.newSingleThreadScheduledExecutor(task -> {
      Thread thread = new Thread(task, "tunnel-doctor-progress");
      thread.setDaemon(true);
      return thread;
    });
    var unused = timer.scheduleAtFixedRate(this::report, moment.toNanos(), moment.toNanos(), TimeUnit.NANOSECONDS);
  }

  @Override
  public synchronized void checkStarted(Check check) {
    running.put(check.id(), System.nanoTime());
  }

  @Override
  public synchronized void checkFinished(CheckResult result) {
    running.remove(result.checkId());
  }

  private synchronized void report() {
    if (running.isEmpty()) {
      return;
    }
    long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startNanos);
    err.println("tunnel-doctor: still checking " + String.join(", ", running.keySet()) + " (" + seconds + " s so far)");
    err.flush();
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
