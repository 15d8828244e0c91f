package io.github.tunneldiagnostics.core.internal.report;

import io.github.tunneldiagnostics.core.report.ReportWriter;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.tunneldiagnostics.api.DiagnosisReport;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextReportWriterTest {
  private final ReportWriter writer = TextReportWriter.plain();

  @Test
  void rendersReportWithRoutesAndFindingsOfEverySeverity() {
    // given
    var report = ReportFixtures.broken();

    // when
    String rendered = writer.render(report);

    // then
    assertThat(rendered).isEqualTo(
        """
        Verdict: BROKEN (1 error, 1 warning, 1 info)
        Config:  /etc/cloudflared/config.yml, tunnel
                 6ff42ae2-765d-4adf-8112-31c55c1551ef, 3 rules
        Checked: 2026-11-25T12:00:00Z in 412 ms

        Routes
          https://app.example.com/  BROKEN
            [--]       app.example.com
            [ok]       -> rule #0 (app.example.com)
            [broken]   -> http://127.0.0.1:8080: ORIGIN_CONNECTION_REFUSED
            [broken]   -> 127.0.0.1:8080: refused in 0.2 ms
          https://api.example.com/api/users  DEGRADED
            [--]       api.example.com
            [ok]       -> rule #1 (*.example.com path ^/api)
            [warning]  -> https://localhost:8443: TLS_VERIFY_DISABLED
            [--]       -> addresses not reported
            [--] = not checked by this run

        Errors (1)
          ORIGIN_CONNECTION_REFUSED at rule #0 http://127.0.0.1:8080 [origin.tcp]
            Nothing listens on 127.0.0.1:8080; a process listens on 127.0.0.1:8081.
            Fix: Change rule #0's service to http://127.0.0.1:8081, or start the app on
                 port 8080.

        Warnings (1)
          TLS_VERIFY_DISABLED at rule #1 (*.example.com path ^/api) [ingress]
            Rule #1 sets noTLSVerify: true, so cloudflared accepts any certificate from
            https://localhost:8443.
            Fix: Remove noTLSVerify and set caPool to the origin's CA, or
                 originServerName to a name its certificate covers.

        Info (1)
          PATH_REGEX_UNANCHORED at rule #1 (*.example.com path ^/api) [ingress]
            Path "^/api" also matches /apix \\ /api-old: cloudflared's match is
            unanchored.
        """);
  }

  @Test
  void rendersReportWithoutModelOrFindings() {
    // given
    var report = ReportFixtures.empty();

    // when
    String rendered = writer.render(report);

    // then
    assertThat(rendered).isEqualTo(
        """
        Verdict: HEALTHY (0 errors, 0 warnings, 0 info)
        Checked: 2026-11-25T12:00:00Z in 0 ms

        No findings.
        """);
  }

  @Test
  void rendersWhichRuleServesEachUrl() {
    // given
    var matches = ReportFixtures.matches();

    // when
    String rendered = writer.render(matches);

    // then
    assertThat(rendered).isEqualTo(
        """
        Using rules from /etc/cloudflared/config.yml

        https://app.example.com/
        Matched rule #0
        \thostname: app.example.com
        \tservice: http://127.0.0.1:8080
        Why: The host equals the rule's hostname; it is the first rule that matches.

        https://a.b.example.com:8443/api/v1?x=1
        Matched rule #1
        \thostname: *.example.com
        \tpath: ^/api
        \tservice: https://localhost:8443
        Why: The host ends with '.example.com', which the wildcard matches (it never
             matches the apex) and its path regex '^/api' matches '/api/v1' (unanchored,
             like Go's regexp.MatchString); it is the first rule that matches.

        https://example.com/
        Matched rule #2
        \tservice: http_status:404
        Why: No rule before it matches host 'example.com' and path '/', so the last rule
             answers, as cloudflared always does.
        """);
  }

  @Test
  void coloursVerdictLinkStatesAndSeverityHeadingsOnlyWhenAsked() {
    // given
    var report = ReportFixtures.broken();

    // when
    String colored = TextReportWriter.colored().render(report);

    // then
    assertThat(colored).isEqualTo(
        """
        Verdict: \u001b[1m\u001b[31mBROKEN\u001b[0m (1 error, 1 warning, 1 info)
        Config:  /etc/cloudflared/config.yml, tunnel
                 6ff42ae2-765d-4adf-8112-31c55c1551ef, 3 rules
        Checked: 2026-11-25T12:00:00Z in 412 ms

        Routes
          https://app.example.com/  \u001b[31mBROKEN\u001b[0m
            \u001b[2m[--]\u001b[0m       app.example.com
            \u001b[32m[ok]\u001b[0m       -> rule #0 (app.example.com)
            \u001b[31m[broken]\u001b[0m   -> http://127.0.0.1:8080: ORIGIN_CONNECTION_REFUSED
            \u001b[31m[broken]\u001b[0m   -> 127.0.0.1:8080: refused in 0.2 ms
          https://api.example.com/api/users  \u001b[33mDEGRADED\u001b[0m
            \u001b[2m[--]\u001b[0m       api.example.com
            \u001b[32m[ok]\u001b[0m       -> rule #1 (*.example.com path ^/api)
            \u001b[33m[warning]\u001b[0m  -> https://localhost:8443: TLS_VERIFY_DISABLED
            \u001b[2m[--]\u001b[0m       -> addresses not reported
            \u001b[2m[--]\u001b[0m = not checked by this run

        \u001b[1m\u001b[31mErrors (1)\u001b[0m
          \u001b[31mORIGIN_CONNECTION_REFUSED\u001b[0m at rule #0 http://127.0.0.1:8080 [origin.tcp]
            Nothing listens on 127.0.0.1:8080; a process listens on 127.0.0.1:8081.
            \u001b[1mFix:\u001b[0m Change rule #0's service to http://127.0.0.1:8081, or start the app on
                 port 8080.

        \u001b[1m\u001b[33mWarnings (1)\u001b[0m
          \u001b[33mTLS_VERIFY_DISABLED\u001b[0m at rule #1 (*.example.com path ^/api) [ingress]
            Rule #1 sets noTLSVerify: true, so cloudflared accepts any certificate from
            https://localhost:8443.
            \u001b[1mFix:\u001b[0m Remove noTLSVerify and set caPool to the origin's CA, or
                 originServerName to a name its certificate covers.

        \u001b[1mInfo (1)\u001b[0m
          PATH_REGEX_UNANCHORED at rule #1 (*.example.com path ^/api) [ingress]
            Path "^/api" also matches /apix \\ /api-old: cloudflared's match is
            unanchored.
        """);
    assertThat(colored.replaceAll("\u001b\\[[0-9;]*m", "")).isEqualTo(writer.render(report));
  }

  @Test
  void keepsEveryLineWithin80ColumnsWhenWordsAllow() {
    // given
    var report = ReportFixtures.broken();

    // when
    String rendered = writer.render(report);

    // then
    assertThat(rendered.lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(TextReportWriter.WIDTH));
  }

  @Test
  void showsTheStartTimeToTheSecond() {
    // given
    var report = DiagnosisReport.of(
        Instant.parse("2026-11-25T12:00:00.987654321Z"), Duration.ofMillis(7), null, List.of(), List.of());

    // when
    String rendered = writer.render(report);

    // then
    assertThat(rendered).isEqualTo(
        """
        Verdict: HEALTHY (0 errors, 0 warnings, 0 info)
        Checked: 2026-11-25T12:00:00Z in 7 ms

        No findings.
        """);
  }
}
