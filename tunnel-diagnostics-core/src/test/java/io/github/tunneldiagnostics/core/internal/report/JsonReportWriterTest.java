package io.github.tunneldiagnostics.core.internal.report;

import io.github.tunneldiagnostics.core.report.ReportWriter;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.tunneldiagnostics.api.DiagnosisReport;
import io.github.tunneldiagnostics.api.check.Finding;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonReportWriterTest {
  private final ReportWriter writer = new JsonReportWriter();

  @Test
  void rendersReportWithRoutesAndFindingsOfEverySeverity() {
    // given
    var report = ReportFixtures.broken();

    // when
    String rendered = writer.render(report);

    // then
    assertThat(rendered).isEqualTo(
        """
        {
          "schema": "tunnel-diagnostics/report/v1",
          "verdict": "BROKEN",
          "startedAt": "2026-11-25T12:00:00Z",
          "durationMillis": 412,
          "config": {
            "path": "/etc/cloudflared/config.yml",
            "tunnel": "6ff42ae2-765d-4adf-8112-31c55c1551ef",
            "rules": 3
          },
          "routes": [
            {
              "url": "https://app.example.com/",
              "rule": 0,
              "service": "http://127.0.0.1:8080",
              "verdict": "BROKEN"
            },
            {
              "url": "https://api.example.com/api/users",
              "rule": 1,
              "service": "https://localhost:8443",
              "verdict": "DEGRADED"
            }
          ],
          "findings": [
            {
              "code": "ORIGIN_CONNECTION_REFUSED",
              "severity": "ERROR",
              "check": "origin.tcp",
              "subject": "rule #0 http://127.0.0.1:8080",
              "message": "Nothing listens on 127.0.0.1:8080; a process listens on 127.0.0.1:8081.",
              "remediation": "Change rule #0's service to http://127.0.0.1:8081, or start the app on port 8080.",
              "evidence": {
                "rule": "0",
                "source": "probe",
                "address.127.0.0.1:8080": "refused in 0.2 ms",
                "listening": "127.0.0.1:8081"
              }
            },
            {
              "code": "TLS_VERIFY_DISABLED",
              "severity": "WARNING",
              "check": "ingress",
              "subject": "rule #1 (*.example.com path ^/api)",
              "message": "Rule #1 sets noTLSVerify: true, so cloudflared accepts any certificate from https://localhost:8443.",
              "remediation": "Remove noTLSVerify and set caPool to the origin's CA, or originServerName to a name its certificate covers.",
              "evidence": {
                "rule": "1",
                "source": "config"
              }
            },
            {
              "code": "PATH_REGEX_UNANCHORED",
              "severity": "INFO",
              "check": "ingress",
              "subject": "rule #1 (*.example.com path ^/api)",
              "message": "Path \\"^/api\\" also matches /apix \\\\ /api-old: cloudflared's match is unanchored.",
              "remediation": "",
              "evidence": {
                "rule": "1"
              }
            }
          ]
        }
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
        {
          "schema": "tunnel-diagnostics/report/v1",
          "verdict": "HEALTHY",
          "startedAt": "2026-11-25T12:00:00Z",
          "durationMillis": 0,
          "config": null,
          "routes": [],
          "findings": []
        }
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
        {
          "matches": [
            {
              "url": "https://app.example.com/",
              "rule": 0,
              "hostname": "app.example.com",
              "path": "",
              "service": "http://127.0.0.1:8080"
            },
            {
              "url": "https://a.b.example.com:8443/api/v1?x=1",
              "rule": 1,
              "hostname": "*.example.com",
              "path": "^/api",
              "service": "https://localhost:8443"
            },
            {
              "url": "https://example.com/",
              "rule": 2,
              "hostname": "",
              "path": "",
              "service": "http_status:404"
            }
          ]
        }
        """);
  }

  @Test
  void escapesEveryStringTakenFromTheReport() {
    // given
    var finding = Finding.error("CONFIG_YAML_INVALID")
        .check("config")
        .subject("config.yml:3:7")
        .message("bad \"value\"\n\u2028")
        .evidence("excerpt", "a\tb\\")
        .build();
    var report = DiagnosisReport.of(
        ReportFixtures.STARTED, Duration.ofMillis(5), null, List.of(), List.of(finding));

    // when
    String rendered = writer.render(report);

    // then
    assertThat(rendered).contains(
        """
              "message": "bad \\"value\\"\\n\\u2028",
              "remediation": "",
              "evidence": {
                "excerpt": "a\\tb\\\\"
              }
        """);
  }
}
