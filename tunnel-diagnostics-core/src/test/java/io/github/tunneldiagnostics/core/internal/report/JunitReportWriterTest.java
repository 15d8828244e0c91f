package io.github.tunneldiagnostics.core.internal.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tunneldiagnostics.api.DiagnosisReport;
import io.github.tunneldiagnostics.api.Verdict;
import io.github.tunneldiagnostics.api.check.CheckResult;
import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.check.FindingCode;
import io.github.tunneldiagnostics.api.check.Outcome;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class JunitReportWriterTest {
  private final JunitReportWriter writer = new JunitReportWriter();

  @Test
  void oneTestCasePerRouteAndPerCheckAndEachErrorIsAFailure() {
    // given: route #0 broken by an ERROR, route #1 degraded by a WARNING
    DiagnosisReport report = ReportFixtures.broken();

    // when
    String rendered = writer.render(report);

    // then
    assertThat(rendered).isEqualTo(ReportFixtures.text("JunitReportWriterTest/broken.xml"));
  }

  @Test
  void aSkippedCheckIsASkippedTestCase() {
    // given
    Finding skipped = Finding.info(FindingCode.CHECK_SKIPPED).check("origin.tls").subject("rule #0")
        .message("TLS was not tried: TCP was refused.").build();
    DiagnosisReport report = new DiagnosisReport(Verdict.HEALTHY, ReportFixtures.STARTED, Duration.ZERO, null, List.of(), List.of(skipped),
        List.of(new CheckResult("origin.tls", Outcome.SKIPPED, List.of(skipped), Duration.ZERO)));

    // when
    String rendered = writer.render(report);

    // then
    assertThat(rendered).isEqualTo("""
        <?xml version="1.0" encoding="UTF-8"?>
        <testsuites name="tunnel-doctor" tests="1" failures="0" errors="0" skipped="1" time="0.000">
          <properties>
            <property name="verdict" value="HEALTHY"/>
          </properties>
          <testsuite name="routes" tests="0" failures="0" errors="0" skipped="0" time="0.000" timestamp="2026-11-25T12:00:00">
          </testsuite>
          <testsuite name="checks" tests="1" failures="0" errors="0" skipped="1" time="0.000" timestamp="2026-11-25T12:00:00">
            <testcase classname="tunnel-doctor.checks" name="origin.tls" time="0.000">
              <skipped message="TLS was not tried: TCP was refused."/>
              <system-out>INFO CHECK_SKIPPED at rule #0 [origin.tls]
        TLS was not tried: TCP was refused.

        </system-out>
            </testcase>
          </testsuite>
        </testsuites>
        """);
  }
}
