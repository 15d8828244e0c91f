package io.github.tunneldiagnostics.core.internal.routetable;

/** A route table that cannot be read or is not valid; the message names file, line, column and fix. */
public final class RouteTableException extends Exception {
  private static final long serialVersionUID = 1L;

  public RouteTableException(String message) {
    super(message);
  }
}
