package io.github.tunneldiagnostics.core.internal.report;

/** The state of one link of a route's chain, as the text report marks it. */
enum LinkStatus {
  OK("ok"),
  WARNING("warning"),
  BROKEN("broken"),
  NOT_CHECKED("--");

  private final String mark;

  LinkStatus(String mark) {
    this.mark = mark;
  }

  String mark() {
    return mark;
  }

  LinkStatus worst(LinkStatus other) {
    return rank() >= other.rank() ? this : other;
  }

  private int rank() {
    return switch (this) {
      case NOT_CHECKED -> 0;
      case OK -> 1;
      case WARNING -> 2;
      case BROKEN -> 3;
    };
  }
}
