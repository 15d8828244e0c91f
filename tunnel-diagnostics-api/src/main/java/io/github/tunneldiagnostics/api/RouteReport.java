package io.github.tunneldiagnostics.api;

import io.github.tunneldiagnostics.api.internal.Redaction;
import java.util.Objects;

/** A route with the verdict of the findings about its rule. */
public record RouteReport(Route route, Verdict verdict) {
  public RouteReport {
    Objects.requireNonNull(route, "route");
    Objects.requireNonNull(verdict, "verdict");
  }

  /** The record's fields, under the redaction policy. */
  @Override
  public String toString() {
    return Redaction.toString(this);
  }
}
