package io.github.tunneldiagnostics.api;

import io.github.tunneldiagnostics.api.check.Check;
import io.github.tunneldiagnostics.api.check.CheckResult;

/**
 * Hears a diagnosis progress, e.g. to show progress on a terminal. Called from the diagnosis's worker
 * threads: implementations must be thread-safe and quick. An exception thrown here is ignored.
 */
public interface DiagnosisListener {

  /** A listener that does nothing. */
  DiagnosisListener NONE = new DiagnosisListener() {};

  /** A check starts running. */
  default void checkStarted(Check check) {}

  /** A check finished, was skipped, failed or timed out. */
  default void checkFinished(CheckResult result) {}
}
