package io.github.tunneldiagnostics.core.internal.connector;

import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.check.FindingCode;
import io.github.tunneldiagnostics.api.ingress.IngressModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * CONNECTOR_CONFIG_DIVERGENT: replicas of one tunnel on this host that serve different ingress, config
 * versions or cloudflared versions. Replicas have no traffic steering, so a visitor's answer depends on
 * the connection. Connectors known to serve different tunnels are not compared.
 */
public final class ReplicaComparison {
  /**
   * One connector and what was read from it.
   *
   * @param name how the report names it, e.g. {@code cloudflared (pid 42, docker container 0123456789ab)}
   * @param report what its metrics server said
   * @param tunnel the tunnel it serves (from /diag/tunnel or its command line), or null
   */
  public record Replica(String name, ConnectorReport report, @org.jspecify.annotations.Nullable String tunnel) {
    public Replica {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(report, "report");
    }
  }

  private ReplicaComparison() {}

  /** The finding when the replicas of the first one's tunnel differ; empty when they agree or are alone. */
  public static Optional<Finding> compare(List<Replica> replicas) {
    if (replicas.size() < 2) {
      return Optional.empty();
    }
    Replica first = replicas.get(0);
    List<Replica> same = new ArrayList<>();
    same.add(first);
    for (Replica r : replicas.subList(1, replicas.size())) {
      if (first.tunnel() == null || r.tunnel() == null || first.tunnel().equalsIgnoreCase(r.tunnel())) {
        same.add(r);
      }
    }
    List<String> differences = new ArrayList<>();
    for (Replica r : same.subList(1, same.size())) {
      IngressModel a = first.report().effectiveModel();
      IngressModel b = r.report().effectiveModel();
      if (a != null && b != null) {
        List<ConfigDrift.Difference> drift = ConfigDrift.between(a, b);
        for (int i = 0; i < Math.min(3, drift.size()); i++) {
          ConfigDrift.Difference d = drift.get(i);
          differences.add(r.name() + " has rule #" + d.rule() + " " + d.field() + " " + d.runningValue() + " where " + first.name() + " has " + d.fileValue());
        }
        if (drift.size() > 3) {
          differences.add(r.name() + ": and " + (drift.size() - 3) + " more ingress differences");
        }
      }
      compareValue(differences, first, r, "configVersion", "config version");
      compareValue(differences, first, r, "version", "cloudflared version");
    }
    if (differences.isEmpty()) {
      return Optional.empty();
    }
    Finding.Builder b = Finding.warning(FindingCode.CONNECTOR_CONFIG_DIVERGENT)
        .check(ConnectorInspector.CHECK_ID)
        .subject(first.name())
        .message(same.size() + " connectors of " + (first.tunnel() != null ? "tunnel " + first.tunnel() : "one tunnel") + " run on this host and differ ("
            + String.join("; ", differences.subList(0, Math.min(3, differences.size()))) + (differences.size() > 3 ? "; …" : "")
            + "): each visitor request goes to any of them, so the answer depends on the connection.")
        .remediation("Make the replicas identical: start every one with the same config file and cloudflared version (or manage the ingress remotely), "
            + "then restart the ones that differ.")
        .evidence("source", "metrics")
        .evidence("replicas", same.size());
    for (int i = 0; i < same.size(); i++) {
      Replica r = same.get(i);
      b.evidence("replica." + (i + 1), r.name() + (r.report().address() != null ? " at " + r.report().address() : "")
          + (r.report().metrics().containsKey("version") ? ", cloudflared " + r.report().metrics().get("version") : "")
          + (r.report().metrics().containsKey("configVersion") ? ", config version " + r.report().metrics().get("configVersion") : ""));
    }
    for (int i = 0; i < differences.size() && i < 50; i++) {
      b.evidence("difference." + (i + 1), differences.get(i));
    }
    return Optional.of(b.build());
  }

  private static void compareValue(List<String> out, Replica first, Replica other, String key, String label) {
    String a = first.report().metrics().get(key);
    String b = other.report().metrics().get(key);
    if (a != null && b != null && !a.equals(b)) {
      out.add(other.name() + " runs " + label + " " + b + " where " + first.name() + " runs " + a);
    }
  }
}
