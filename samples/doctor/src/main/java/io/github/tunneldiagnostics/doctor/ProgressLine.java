package io.github.tunneldiagnostics.doctor;

import io.github.tunneldiagnostics.api.DiagnosisListener;
import io.github.tunneldiagnostics.api.Route;
import io.github.tunneldiagnostics.api.check.Check;
import io.github.tunneldiagnostics.api.check.CheckResult;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Shows on stderr how far a diagnosis is while a person waits: {@code 37/200 routes probed}, the routes
 * that take long, and the checks still running. Nothing for a run shorter than a moment.
 *
 * <p>On a terminal ({@link Mode#TERMINAL}) one status line is rewritten in place ({@code \r} and erase to
 * the end of the line) and erased before the report prints; each route that took {@link #SLOW} or longer
 * is named once on a line of its own above it. Anywhere else ({@link Mode#PLAIN}: a pipe, a file, a CI
 * log) a plain status line every {@link #PLAIN_EVERY} of a long run (naming the routes it waits for), and
 * a last line when it ends; never an escape code, and nothing at all for a run shorter than that.
 *
 * <p>The diagnosis calls it one event at a time; {@link #tick()} comes from its own timer, so every method
 * is synchronized.
 */
final class ProgressLine implements DiagnosisListener, AutoCloseable {
  /** Where the progress goes. */
  enum Mode {
    /** stderr is a terminal: one line rewritten in place. */
    TERMINAL,
    /** stderr is a pipe or a file: plain lines, now and then. */
    PLAIN
  }

  /** A route that takes this long is named. */
  static final Duration SLOW = Duration.ofSeconds(2);

  /** How often a plain status line may be printed when stderr is not a terminal. */
  static final Duration PLAIN_EVERY = Duration.ofSeconds(10);

  /** At most this many slow routes get a line of their own; the others are counted. */
  static final int MAX_SLOW_LINES = 10;

  private static final String ERASE_LINE = "\r\u001b[K";
  private static final int MAX_NAMED_WAITING = 2;

  private final PrintWriter err;
  private final Mode mode;
  private final Duration delay;
  private final int width;
  private final LongSupplier nanoTime;
  private final long startNanos;
  private @Nullable ScheduledExecutorService timer;

  private int total = -1;
  private int done;
  private boolean probing;
  private final List<Running> running = new ArrayList<>();
  private final Map<String, Long> checks = new TreeMap<>();
  private boolean drawn;
  private long lastPlainNanos;
  private boolean plainPrinted;
  private int slowNamed;
  private int slowNotNamed;
  private boolean closed;

  private record Running(Route route, long since) {}

  /**
   * A progress line that draws only when {@link #tick()} is called (tests step it by hand).
   *
   * @param err stderr
   * @param mode terminal or not
   * @param delay how long a run may take before anything is shown
   * @param width the terminal's columns (the status line is cut to fit)
   * @param nanoTime the clock, as {@link System#nanoTime()}
   */
  ProgressLine(PrintWriter err, Mode mode, Duration delay, int width, LongSupplier nanoTime) {
    this.err = err;
    this.mode = mode;
    this.delay = delay;
    this.width = Math.max(20, width);
    this.nanoTime = nanoTime;
    this.startNanos = nanoTime.getAsLong();
    this.lastPlainNanos = startNanos;
  }

  /** A progress line that redraws itself on a timer: 5 times a second on a terminal, once a second otherwise. */
  static ProgressLine start(PrintWriter err, Mode mode, Duration delay, int width) {
    ProgressLine line = new ProgressLine(err, mode, delay, width, System::nanoTime);
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
      Thread thread = new Thread(task, "tunnel-doctor-progress");
      thread.setDaemon(true);
      return thread;
    });
    long period = mode == Mode.TERMINAL ? TimeUnit.MILLISECONDS.toNanos(200) : TimeUnit.SECONDS.toNanos(1);
    var unused = timer.scheduleAtFixedRate(line::tick, period, period, TimeUnit.NANOSECONDS); // runs until close() stops the timer
    line.timer = timer;
    return line;
  }

  @Override
  public synchronized void diagnosisStarted(List<Route> routes) {
    total = routes.size();
  }

  @Override
  public synchronized void routeStarted(Route route) {
    probing = true;
    running.add(new Running(route, nanoTime.getAsLong()));
  }

  @Override
  public synchronized void routeFinished(Route route, Duration elapsed) {
    done++;
    for (Iterator<Running> it = running.iterator(); it.hasNext();) {
      if (it.next().route().equals(route)) {
        it.remove();
        break;
      }
    }
    if (elapsed.compareTo(SLOW) >= 0 && mode == Mode.TERMINAL && !closed) {
      if (slowNamed < MAX_SLOW_LINES) {
        slowNamed++;
        permanent("tunnel-doctor: slow: " + label(route) + " took " + seconds(elapsed.toNanos()));
      } else {
        slowNotNamed++;
      }
    }
  }

  @Override
  public synchronized void checkStarted(Check check) {
    checks.put(check.id(), nanoTime.getAsLong());
  }

  @Override
  public synchronized void checkFinished(CheckResult result) {
    checks.remove(result.checkId());
  }

  /** Redraws the status line (terminal), or prints it when the last one is old enough (elsewhere). */
  synchronized void tick() {
    long now = nanoTime.getAsLong();
    if (closed || now - startNanos < delay.toNanos()) {
      return;
    }
    if (mode == Mode.TERMINAL) {
      err.print(ERASE_LINE + fit(status(now)));
      err.flush();
      drawn = true;
    } else if (now - lastPlainNanos >= PLAIN_EVERY.toNanos()) {
      err.println(status(now));
      err.flush();
      lastPlainNanos = now;
      plainPrinted = true;
    }
  }

  /** Stops the timer and leaves stderr clean for the report: the status line erased, the slow routes not named counted. */
  @Override
  public void close() {
    if (timer != null) {
      timer.shutdownNow();
    }
    synchronized (this) {
      if (closed) {
        return;
      }
      long now = nanoTime.getAsLong();
      if (drawn) {
        err.print(ERASE_LINE);
        drawn = false;
      }
      if (slowNotNamed > 0) {
        err.println("tunnel-doctor: slow: " + slowNotNamed + " more route" + (slowNotNamed == 1 ? "" : "s") + " took "
            + seconds(SLOW.toNanos()) + " or longer");
      }
      if (plainPrinted) {
        err.println("tunnel-doctor: done" + (probing ? ", " + done + "/" + total + " routes probed" : "") + " in " + seconds(now - startNanos));
      }
      err.flush();
      closed = true;
    }
  }

  /** {@code tunnel-doctor: 37/200 routes probed, 4.1s; waiting for rule #12 http://10.0.0.5:8080 (3.2s), … (+3 more)}. */
  private String status(long now) {
    StringBuilder line = new StringBuilder("tunnel-doctor: ");
    if (probing && total >= 0) {
      line.append(done).append('/').append(total).append(" routes probed, ").append(seconds(now - startNanos));
      List<Running> waiting = running.stream().filter(r -> now - r.since() >= SLOW.toNanos()).toList();
      if (!waiting.isEmpty()) {
        line.append("; waiting for ");
        for (int i = 0; i < Math.min(MAX_NAMED_WAITING, waiting.size()); i++) {
          Running slow = waiting.get(i);
          line.append(i > 0 ? ", " : "").append(label(slow.route())).append(" (").append(seconds(now - slow.since())).append(')');
        }
        if (waiting.size() > MAX_NAMED_WAITING) {
          line.append(" (+").append(waiting.size() - MAX_NAMED_WAITING).append(" more)");
        }
      }
    } else {
      line.append(checks.isEmpty() ? "preparing" : "checking " + String.join(", ", checks.keySet())).append(", ")
          .append(seconds(now - startNanos));
    }
    return line.toString();
  }

  /** {@code rule #12 http://10.0.0.5:8080} for a whole rule, {@code https://app.example.com/ (rule #12)} for a URL. */
  static String label(Route route) {
    return route.url().isEmpty() ? route.label() + " " + route.service() : route.label() + " (rule #" + route.rule() + ")";
  }

  /** A line that stays: on a terminal, the status line is erased first and drawn again after it. */
  private void permanent(String text) {
    if (drawn) {
      err.print(ERASE_LINE);
    }
    err.println(text);
    if (drawn) {
      err.print(fit(status(nanoTime.getAsLong())));
    }
    err.flush();
  }

  /** The status cut to the terminal's width, so that {@code \r} returns to its start. */
  private String fit(String status) {
    int columns = width - 1;
    return status.length() <= columns ? status : status.substring(0, columns - 1) + "…";
  }

  private static String seconds(long nanos) {
    return String.format(Locale.ROOT, "%.1fs", nanos / 1e9);
  }
}
