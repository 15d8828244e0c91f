package io.github.tunneldiagnostics.core.internal.report;

import io.github.tunneldiagnostics.api.ingress.IngressRule;
import io.github.tunneldiagnostics.core.internal.routetable.CaseResult;
import io.github.tunneldiagnostics.core.internal.routetable.RouteCase;
import io.github.tunneldiagnostics.core.internal.routetable.RouteTableResult;
import java.util.List;
import java.util.Locale;

/**
 * Writes the outcome of a route table ({@code tunnel-doctor test}) as text, JSON
 * ({@code tunnel-diagnostics/route-test/v1}) or JUnit XML (one test case per case, plus one for the
 * coverage when a minimum is set).
 */
public final class RouteTableWriter {
  /** The schema id of the JSON form. */
  public static final String SCHEMA = "tunnel-diagnostics/route-test/v1";

  private RouteTableWriter() {}

  /** Text for a person: each case, then the coverage with the rules no case covers, then the result. */
  public static String text(RouteTableResult result, double failUnder) {
    StringBuilder out = new StringBuilder();
    out.append("Route table ").append(result.table().file()).append(" against ").append(ConfigSources.describe(result.model().source()))
        .append(" (").append(plural(result.model().rules().size(), "rule")).append(")\n\n");
    for (CaseResult test : result.cases()) {
      RouteCase routeCase = test.routeCase();
      out.append(test.passed() ? "  PASS  " : "  FAIL  ").append(label(routeCase)).append('\n');
      IngressRule served = test.served();
      if (served != null) {
        out.append("        -> ").append(served.label()).append(' ').append(served.service()).append(test.catchAll() ? " (catch-all)" : "").append('\n');
      }
      for (String failure : test.failures()) {
        Wrapping.wrap(failure, TextReportWriter.WIDTH, "        x ", "          ").forEach(line -> out.append(line).append('\n'));
      }
    }
    out.append('\n').append(coverage(result)).append('\n');
    List<IngressRule> uncovered = result.uncoveredRules();
    if (!uncovered.isEmpty()) {
      out.append("Not covered by any case:\n");
      uncovered.forEach(rule -> out.append("  ").append(rule.label()).append(' ').append(rule.service()).append('\n'));
    }
    long failed = result.failures().size();
    out.append(failed == 0 ? "All " + plural(result.cases().size(), "case") + " passed" : failed + " of " + plural(result.cases().size(), "case") + " failed");
    if (failUnder > 0 && result.coveragePercent() < failUnder) {
      out.append("; coverage ").append(percent(result.coveragePercent())).append(" is below --fail-under ").append(percent(failUnder));
    }
    return out.append('\n').toString();
  }

  public static String json(RouteTableResult result, double failUnder) {
    JsonOutput json = new JsonOutput().beginObject();
    json.name("schema").value(SCHEMA);
    json.name("table").value(result.table().file().toString());
    json.name("config").value(result.model().source().location());
    json.name("passed").value(result.passed() && result.coveragePercent() >= failUnder);
    json.name("cases").beginArray();
    for (CaseResult test : result.cases()) {
      RouteCase routeCase = test.routeCase();
      json.beginObject().name("name").value(routeCase.name()).name("url").value(routeCase.url()).name("line").value(routeCase.line())
          .name("passed").value(test.passed());
      IngressRule served = test.served();
      json.name("rule");
      if (served == null) {
        json.nullValue();
      } else {
        json.value(served.index());
      }
      json.name("hostname").value(served == null ? null : served.hostname())
          .name("service").value(served == null ? null : served.service().toString())
          .name("catchAll").value(test.catchAll())
          .name("failures").beginArray();
      test.failures().forEach(json::value);
      json.endArray().endObject();
    }
    json.endArray();
    json.name("coverage").beginObject()
        .name("rules").value(result.model().rules().size())
        .name("covered").value(result.coveredRules().size())
        .name("percent").value(Math.round(result.coveragePercent() * 10) / 10.0)
        .name("failUnder").value(failUnder)
        .name("uncovered").beginArray();
    result.uncoveredRules().forEach(rule -> json.value(rule.index()));
    return json.endArray().endObject().endObject().finish();
  }

  public static String junit(RouteTableResult result, double failUnder) {
    boolean coverageCase = failUnder > 0;
    boolean coverageFails = coverageCase && result.coveragePercent() < failUnder;
    int tests = result.cases().size() + (coverageCase ? 1 : 0);
    long failures = (long) result.failures().size() + (coverageFails ? 1 : 0);
    StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.append("<testsuites name=\"tunnel-doctor test\" tests=\"").append(tests).append("\" failures=\"").append(failures).append("\" errors=\"0\">\n");
    out.append("  <testsuite name=\"").append(Xml.attribute(result.table().file().toString())).append("\" tests=\"").append(tests)
        .append("\" failures=\"").append(failures).append("\" errors=\"0\" skipped=\"0\">\n");
    for (CaseResult test : result.cases()) {
      out.append("    <testcase classname=\"tunnel-doctor.routes\" name=\"").append(Xml.attribute(label(test.routeCase()))).append('"');
      if (test.passed()) {
        out.append("/>\n");
        continue;
      }
      out.append(">\n      <failure message=\"").append(Xml.attribute(test.failures().get(0))).append("\">")
          .append(Xml.text(String.join("\n", test.failures()) + "\n")).append("</failure>\n    </testcase>\n");
    }
    if (coverageCase) {
      out.append("    <testcase classname=\"tunnel-doctor.routes\" name=\"coverage at least ").append(percent(failUnder)).append('"');
      if (coverageFails) {
        StringBuilder uncovered = new StringBuilder();
        result.uncoveredRules().forEach(rule -> uncovered.append(rule.label()).append(' ').append(rule.service()).append('\n'));
        out.append(">\n      <failure message=\"").append(Xml.attribute(coverage(result))).append("\">")
            .append(Xml.text("Not covered by any case:\n" + uncovered)).append("</failure>\n    </testcase>\n");
      } else {
        out.append("/>\n");
      }
    }
    return out.append("  </testsuite>\n</testsuites>\n").toString();
  }

  private static String label(RouteCase routeCase) {
    return routeCase.name().equals(routeCase.url()) ? routeCase.url() : routeCase.name() + ": " + routeCase.url();
  }

  private static String coverage(RouteTableResult result) {
    return "Coverage: " + result.coveredRules().size() + " of " + plural(result.model().rules().size(), "rule") + " ("
        + percent(result.coveragePercent()) + ")";
  }

  static String percent(double value) {
    return value == Math.rint(value) ? String.format(Locale.ROOT, "%.0f%%", value) : String.format(Locale.ROOT, "%.1f%%", value);
  }

  private static String plural(long count, String noun) {
    return count + " " + noun + (count == 1 ? "" : "s");
  }
}
