package io.github.tunneldiagnostics.api.check;

/**
 * What happened to one check in a diagnosis. Not sealed for switching: a new constant may be added in a
 * minor release, so always keep a {@code default} branch.
 */
public enum Outcome {
  /** The check ran and reported no ERROR or WARNING finding. */
  PASSED,
  /** The check ran and reported at least one WARNING but no ERROR finding. */
  WARNED,
  /** The check ran and reported at least one ERROR finding: the link it checks is broken. */
  FAILED,
  /** The check could not decide: it threw, or did not finish before its deadline ({@code CHECK_FAILED}). */
  ERRORED,
  /** The check did not run because a prerequisite failed or is absent ({@code CHECK_SKIPPED}). */
  SKIPPED;

  /** True when a check that requires this one may still run. */
  public boolean allowsDependents() {
    return this == PASSED || this == WARNED;
  }
}
