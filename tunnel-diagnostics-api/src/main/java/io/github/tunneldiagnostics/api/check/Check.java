package io.github.tunneldiagnostics.api.check;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One pluggable step of a {@link io.github.tunneldiagnostics.api.Diagnosis}: looks at one link of the
 * chain and reports {@link Finding}s.
 *
 * <p>Implementations must be thread-safe and should honour {@link CheckContext#deadline()}: every
 * network operation needs its own deadline. A check that throws, or does not finish in time, becomes a
 * {@code CHECK_FAILED} finding of its own; it never breaks or delays the rest of the report.
 *
 * <p>A check reports what it found, including passes as INFO findings where that helps a reader. It must
 * never silently pass when it could not decide: throw, or report {@code CHECK_SKIPPED} with the reason.
 */
public interface Check {

  /**
   * The stable, dotted id of this check, e.g. {@code origin.tcp}. Two checks in one diagnosis must not
   * share an id.
   */
  String id();

  /** A short description for reports and logs. */
  default String description() {
    return id();
  }

  /**
   * The ids of the checks that must have PASSED or WARNED before this one runs. When one of them
   * failed, errored, was skipped or is not registered, this check is reported {@code CHECK_SKIPPED}.
   */
  default Set<String> requires() {
    return Set.of();
  }

  /**
   * This check's own time limit, if it has one; otherwise the diagnosis's per-check timeout applies. It
   * is always capped by the diagnosis's overall deadline.
   */
  default Optional<Duration> timeout() {
    return Optional.empty();
  }

  /**
   * Runs the check.
   *
   * @return the findings, possibly empty; never null
   * @throws Exception any failure, which the pipeline turns into a {@code CHECK_FAILED} finding
   */
  List<Finding> run(CheckContext context) throws Exception;
}
