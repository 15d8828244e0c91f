package io.github.tunneldiagnostics.api.ingress;

import io.github.tunneldiagnostics.api.internal.Redaction;
import java.util.List;
import java.util.Objects;

/**
 * One {@code originRequest.ipRules} entry, used by the {@code socks-proxy} service.
 *
 * @param prefix the CIDR as written (may be invalid; validation reports it)
 * @param ports the ports it applies to; empty means all
 * @param allow whether matching traffic is allowed
 */
public record IpRule(String prefix, List<Integer> ports, boolean allow) {
  public IpRule {
    Objects.requireNonNull(prefix, "prefix");
    ports = List.copyOf(ports);
  }

  /** The record's fields, under the redaction policy. */
  @Override
  public String toString() {
    return Redaction.toString(this);
  }
}
