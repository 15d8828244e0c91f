package io.github.tunneldiagnostics.api;

import io.github.tunneldiagnostics.api.check.Check;
import io.github.tunneldiagnostics.api.check.CheckResult;
import java.time.Duration;
import java.util.List;

/**
 * Hears how a diagnosis progresses, e.g. to show {@code 37/200 routes} and the slow ones on a terminal.
 * Every method has an empty default, so an implementation overrides only what it needs, and methods added
 * later do not break it.
 *
 * <p>The contract, for one run of {@link Diagnosis#run()} (and so of the facade's {@code diagnose()}):
 *
 * <ul>
 *   <li>{@link #diagnosisStarted(List)} comes first, once, with the routes of the run;
 *   <li>each of those routes gets exactly one {@link #routeFinished(Route, Duration)}, at the latest when
 *       the run ends, so that finished routes reach the total; {@link #routeStarted(Route)} comes before it
 *       when a check works on the route (the built-in origin probe does);
 *   <li>each check gets at most one {@link #checkStarted(Check)} and exactly one
 *       {@link #checkFinished(CheckResult)} (also when it was skipped, failed or timed out);
 *   <li>calls are never concurrent (they may come from different threads, one at a time), and none is made
 *       after {@code run()} has returned: implementations need no locking of their own;
 *   <li>an exception thrown by a method is caught and ignored; it changes nothing in the diagnosis.
 * </ul>
 *
 * <p>The calls are made on the diagnosis's own threads while it holds a lock: keep each one quick (update a
 * counter, schedule a redraw), never block in one.
 */
public interface DiagnosisListener {

  /** A listener that does nothing. */
  DiagnosisListener NONE = new DiagnosisListener() {};

  /**
   * The diagnosis starts.
   *
   * @param routes the routes it is about, in report order (one per URL asked about, or one per rule); each
   *     will get one {@link #routeFinished(Route, Duration)}. A route listed twice finishes twice.
   */
  default void diagnosisStarted(List<Route> routes) {}

  /**
   * A check starts working on a route (the origin probe: resolving, connecting, asking the origin).
   *
   * @param route one of the routes given to {@link #diagnosisStarted(List)}
   */
  default void routeStarted(Route route) {}

  /**
   * A route is done: its origin has been probed (whatever the outcome), needs no probe (a service
   * cloudflared answers itself), or the diagnosis ended before a check finished it.
   *
   * @param route one of the routes given to {@link #diagnosisStarted(List)}
   * @param elapsed how long the route took since its {@link #routeStarted(Route)}, or since the diagnosis
   *     started when it had none; zero for a route with nothing to probe
   */
  default void routeFinished(Route route, Duration elapsed) {}

  /**
   * A check starts running.
   *
   * @param check the check
   */
  default void checkStarted(Check check) {}

  /**
   * A check finished, was skipped, failed or timed out.
   *
   * @param result its result, with its outcome and findings
   */
  default void checkFinished(CheckResult result) {}
}
