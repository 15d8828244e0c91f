package io.github.tunneldiagnostics.doctor;

import io.github.tunneldiagnostics.api.DiagnosisReport;
import io.github.tunneldiagnostics.api.RouteReport;
import io.github.tunneldiagnostics.api.Verdict;
import io.github.tunneldiagnostics.api.check.Finding;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Joins the demo's two diagnoses of one config: the loopback faults seen from this host, and the headline route seen from cloudflared's namespace. */
final class DemoReports {
  private DemoReports() {}

  /**
   * {@code host}'s report with {@code seat}'s routes and the findings about them and about the connector
   * (the static findings both runs share are kept once).
   */
  static DiagnosisReport merge(DiagnosisReport host, DiagnosisReport seat) {
    Set<Integer> seatRules = seat.routes().stream().map(r -> r.route().rule()).collect(Collectors.toSet());
    List<Finding> findings = new ArrayList<>(host.findings());
    for (Finding f : seat.findings()) {
      boolean aboutTheRoute = f.ruleIndex().isPresent() && seatRules.contains(f.ruleIndex().getAsInt()) && f.check().startsWith("origin");
      if (aboutTheRoute || f.check().equals("connector")) {
        findings.add(f);
      }
    }
    List<RouteReport> routes = new ArrayList<>(host.routes());
    routes.addAll(seat.routes());
    return new DiagnosisReport(Verdict.of(findings), host.startedAt(), host.duration().plus(seat.duration()), host.ingress(), routes, findings,
        host.results());
  }
}
