package io.github.tunneldiagnostics.core.internal.report;

import java.util.Objects;

/**
 * One link of a route's chain: the public hostname, the rule, the service, or one address.
 *
 * @param depth 0 for the hostname, 1 for rule and service, 2 for an address
 * @param label what the link is, e.g. {@code rule #0 (app.example.com)}
 * @param status its state
 * @param note the codes or the measurement that explain the state; empty when there is none
 */
record ChainLink(int depth, String label, LinkStatus status, String note) {
  ChainLink {
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(note, "note");
  }
}
