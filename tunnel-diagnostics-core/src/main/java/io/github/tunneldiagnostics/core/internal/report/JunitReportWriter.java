package io.github.tunneldiagnostics.core.internal.report;

import io.github.tunneldiagnostics.core.report.MatchReport;
import io.github.tunneldiagnostics.core.report.ReportWriter;
import io.github.tunneldiagnostics.core.report.UrlMatch;
import io.github.tunneldiagnostics.api.DiagnosisReport;
import io.github.tunneldiagnostics.api.RouteReport;
import io.github.tunneldiagnostics.api.check.CheckResult;
import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.check.Outcome;
import io.github.tunneldiagnostics.api.check.Severity;
import io.github.tunneldiagnostics.api.ingress.IngressModel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a report as JUnit XML, the format CI servers (GitHub Actions reporters, GitLab, Jenkins) show as
 * a test report: a suite {@code routes} with one test case per route and a suite {@code checks} with one
 * test case per check. A test case fails when an ERROR finding concerns it; WARNING and INFO findings are
 * in its {@code system-out}; a check that was skipped is a skipped test case. So the failed test cases are
 * exactly what makes the verdict BROKEN.
 */
public final class JunitReportWriter implements ReportWriter {

  @Override
  public String render(DiagnosisReport report) {
    List<Case> routes = new ArrayList<>();
    for (RouteReport route : report.routes()) {
      String name = route.route().label() + " -> rule #" + route.route().rule() + " " + route.route().service();
      routes.add(new Case("routes", name, Duration.ZERO, RouteChain.findingsOf(route.route(), report), false));
    }
    List<Case> checks = checkCases(report);
    StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    List<Case> all = new ArrayList<>(routes);
    all.addAll(checks);
    out.append("<testsuites name=\"tunnel-doctor\"").append(counts(all)).append(" time=\"").append(seconds(report.duration()))
        .append("\">\n");
    out.append("  <properties>\n");
    property("verdict", report.verdict().name(), out);
    IngressModel model = report.ingress();
    if (model != null) {
      property("config", ConfigSources.describe(model.source()), out);
    }
    out.append("  </properties>\n");
    suite("routes", routes, report, out);
    suite("checks", checks, report, out);
    return out.append("</testsuites>\n").toString();
  }

  private static List<Case> checkCases(DiagnosisReport report) {
    Map<String, List<Finding>> byCheck = new LinkedHashMap<>();
    Map<String, CheckResult> results = new LinkedHashMap<>();
    for (CheckResult result : report.results()) {
      byCheck.put(result.checkId(), new ArrayList<>());
      results.put(result.checkId(), result);
    }
    for (Finding finding : report.findings()) {
      byCheck.computeIfAbsent(finding.check(), id -> new ArrayList<>()).add(finding);
    }
    List<Case> cases = new ArrayList<>();
    byCheck.forEach((check, findings) -> {
      CheckResult result = results.get(check);
      boolean skipped = result != null && result.outcome() == Outcome.SKIPPED;
      cases.add(new Case("checks", check, result != null ? result.elapsed() : Duration.ZERO, findings, skipped));
    });
    return cases;
  }

  private static void suite(String name, List<Case> cases, DiagnosisReport report, StringBuilder out) {
    out.append("  <testsuite name=\"").append(name).append('"').append(counts(cases))
        .append(" time=\"").append(seconds(cases.stream().map(Case::time).reduce(Duration.ZERO, Duration::plus))).append('"')
        .append(" timestamp=\"").append(report.startedAt().toString().replaceFirst("\\.\\d+Z$", "").replace("Z", "")).append("\">\n");
    for (Case test : cases) {
      out.append("    <testcase classname=\"tunnel-doctor.").append(name).append("\" name=\"").append(Xml.attribute(test.name()))
          .append("\" time=\"").append(seconds(test.time())).append('"');
      List<Finding> errors = test.findings().stream().filter(f -> f.severity() == Severity.ERROR).toList();
      List<Finding> others = test.findings().stream().filter(f -> f.severity() != Severity.ERROR).toList();
      if (errors.isEmpty() && others.isEmpty() && !test.skipped()) {
        out.append("/>\n");
        continue;
      }
      out.append(">\n");
      if (!errors.isEmpty()) {
        String codes = String.join(", ", errors.stream().map(Finding::code).distinct().toList());
        out.append("      <failure type=\"").append(Xml.attribute(errors.get(0).code())).append("\" message=\"")
            .append(Xml.attribute(codes + ": " + errors.get(0).message())).append("\">");
        StringBuilder text = new StringBuilder();
        errors.forEach(f -> describe(f, text));
        out.append(Xml.text(text.toString())).append("</failure>\n");
      } else if (test.skipped()) {
        String why = others.stream().map(Finding::message).filter(m -> !m.isEmpty()).findFirst().orElse("skipped");
        out.append("      <skipped message=\"").append(Xml.attribute(why)).append("\"/>\n");
      }
      if (!others.isEmpty()) {
        StringBuilder text = new StringBuilder();
        others.forEach(f -> describe(f, text));
        out.append("      <system-out>").append(Xml.text(text.toString())).append("</system-out>\n");
      }
      out.append("    </testcase>\n");
    }
    out.append("  </testsuite>\n");
  }

  private static void describe(Finding finding, StringBuilder out) {
    out.append(finding.severity().name()).append(' ').append(finding.code());
    if (!finding.subject().isEmpty()) {
      out.append(" at ").append(finding.subject());
    }
    out.append(" [").append(finding.check()).append("]\n");
    if (!finding.message().isEmpty()) {
      out.append(finding.message()).append('\n');
    }
    if (!finding.remediation().isEmpty()) {
      out.append("Fix: ").append(finding.remediation()).append('\n');
    }
    finding.evidence().forEach((key, value) -> out.append("  ").append(key).append(": ").append(value).append('\n'));
    out.append('\n');
  }

  private static void property(String name, String value, StringBuilder out) {
    out.append("    <property name=\"").append(name).append("\" value=\"").append(Xml.attribute(value)).append("\"/>\n");
  }

  private static String counts(List<Case> cases) {
    long failures = cases.stream().filter(c -> c.findings().stream().anyMatch(f -> f.severity() == Severity.ERROR)).count();
    long skipped = cases.stream().filter(c -> c.skipped() && c.findings().stream().noneMatch(f -> f.severity() == Severity.ERROR)).count();
    return " tests=\"" + cases.size() + "\" failures=\"" + failures + "\" errors=\"0\" skipped=\"" + skipped + "\"";
  }

  private static String seconds(Duration duration) {
    return String.format(Locale.ROOT, "%.3f", duration.toNanos() / 1e9);
  }

  /** One JUnit test case: a route or a check, with the findings about it. */
  private record Case(String suite, String name, Duration time, List<Finding> findings, boolean skipped) {}

  /** Each URL as a test case that passes: it matched a rule. */
  @Override
  public String render(MatchReport matches) {
    StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    int count = matches.matches().size();
    out.append("<testsuites name=\"tunnel-doctor\" tests=\"").append(count).append("\" failures=\"0\" errors=\"0\" skipped=\"0\">\n");
    out.append("  <testsuite name=\"match\" tests=\"").append(count).append("\" failures=\"0\" errors=\"0\" skipped=\"0\">\n");
    for (UrlMatch match : matches.matches()) {
      out.append("    <testcase classname=\"tunnel-doctor.match\" name=\"").append(Xml.attribute(match.url().text())).append("\">\n")
          .append("      <system-out>").append(Xml.text(match.rule().label() + " " + match.rule().service() + "\n" + match.explanation() + "\n"))
          .append("</system-out>\n    </testcase>\n");
    }
    return out.append("  </testsuite>\n</testsuites>\n").toString();
  }
}
