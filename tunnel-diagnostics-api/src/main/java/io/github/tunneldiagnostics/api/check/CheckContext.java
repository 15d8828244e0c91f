package io.github.tunneldiagnostics.api.check;

import io.github.tunneldiagnostics.api.Route;
import io.github.tunneldiagnostics.api.ingress.IngressModel;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** What a {@link Check} may see while it runs. Implementations are supplied by the pipeline. */
public interface CheckContext {

  /** The ingress model under diagnosis. */
  IngressModel ingress();

  /**
   * The routes the diagnosis is about: one per URL asked about, or one per rule when no URL was given.
   */
  List<Route> routes();

  /** The instant by which this check must have returned. */
  Instant deadline();

  /** What remains until {@link #deadline()}, never negative. */
  default Duration remaining() {
    Duration left = Duration.between(clock().instant(), deadline());
    return left.isNegative() ? Duration.ZERO : left;
  }

  /** The clock of the diagnosis. */
  Clock clock();

  /** The resolver to use for every host name lookup. */
  Resolver resolver();

  /** The result of a check this one {@link Check#requires() requires}, once that check has finished. */
  Optional<CheckResult> resultOf(String checkId);

  /**
   * Tells the diagnosis's {@link io.github.tunneldiagnostics.api.DiagnosisListener listener} that this check
   * starts working on {@code route}, for progress shown while a person waits. Optional: a check that works
   * route by route may call it; the default does nothing.
   *
   * @param route one of {@link #routes()}
   */
  default void routeStarted(Route route) {}

  /**
   * Tells the diagnosis's listener that {@code route} is done (once per route; later calls for it are
   * ignored). A route no check finishes is finished by the diagnosis when it ends. The default does
   * nothing.
   *
   * @param route one of {@link #routes()}
   * @param elapsed how long this check worked on it
   */
  default void routeFinished(Route route, Duration elapsed) {}
}
