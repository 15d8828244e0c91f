package io.github.tunneldiagnostics.api.check;

/**
 * How bad a {@link Finding} is. Order by {@link #rank()}, never by declaration order.
 */
public enum Severity {
  /** Breaks traffic now. */
  ERROR(3),
  /** Risky, or breaks some requests. */
  WARNING(2),
  /** A fact worth knowing, including passed checks. */
  INFO(1);

  private final int rank;

  Severity(int rank) {
    this.rank = rank;
  }

  /** Higher is worse: ERROR 3, WARNING 2, INFO 1. */
  public int rank() {
    return rank;
  }

  /** True when this severity is at least as bad as {@code other}. */
  public boolean isAtLeast(Severity other) {
    return rank >= other.rank;
  }
}
