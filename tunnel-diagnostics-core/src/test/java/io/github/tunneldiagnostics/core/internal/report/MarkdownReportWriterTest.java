package io.github.tunneldiagnostics.core.internal.report;

import io.github.tunneldiagnostics.core.report.ReportWriter;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MarkdownReportWriterTest {
  private final ReportWriter writer = new MarkdownReportWriter();

  @Test
  void rendersReportWithRoutesAndFindingsOfEverySeverity() {
    // given
    var report = ReportFixtures.broken();

    // when
    String rendered = writer.render(report);

    // then
    assertThat(rendered).isEqualTo(
        """
        # Tunnel diagnosis: BROKEN

        - Config: `/etc/cloudflared/config.yml`, tunnel `6ff42ae2-765d-4adf-8112-31c55c1551ef`, 3 rules
        - Checked: 2026-11-25T12:00:00Z in 412 ms

        ## Routes

        | URL | Rule | Service | Verdict |
        |---|---|---|---|
        | https://app.example.com/ | #0 | `http://127.0.0.1:8080` | BROKEN |
        | https://api.example.com/api/users | #1 | `https://localhost:8443` | DEGRADED |

        ## Findings

        ### Errors (1)

        #### `ORIGIN_CONNECTION_REFUSED` at rule #0 http://127.0.0.1:8080

        Nothing listens on 127.0.0.1:8080; a process listens on 127.0.0.1:8081.

        **Fix:** Change rule #0's service to http://127.0.0.1:8081, or start the app on port 8080.

        Check: `origin.tcp`

        | Evidence | Value |
        |---|---|
        | `rule` | `0` |
        | `source` | `probe` |
        | `address.127.0.0.1:8080` | `refused in 0.2 ms` |
        | `listening` | `127.0.0.1:8081` |

        ### Warnings (1)

        #### `TLS_VERIFY_DISABLED` at rule #1 (\\*.example.com path ^/api)

        Rule #1 sets noTLSVerify: true, so cloudflared accepts any certificate from https://localhost:8443.

        **Fix:** Remove noTLSVerify and set caPool to the origin's CA, or originServerName to a name its certificate covers.

        Check: `ingress`

        | Evidence | Value |
        |---|---|
        | `rule` | `1` |
        | `source` | `config` |

        ### Info (1)

        #### `PATH_REGEX_UNANCHORED` at rule #1 (\\*.example.com path ^/api)

        Path "^/api" also matches /apix \\\\ /api-old: cloudflared's match is unanchored.

        Check: `ingress`

        | Evidence | Value |
        |---|---|
        | `rule` | `1` |
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
        # Tunnel diagnosis: HEALTHY

        - Checked: 2026-11-25T12:00:00Z in 0 ms

        ## Findings

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
        # Ingress rule matches

        Rules from `/etc/cloudflared/config.yml`

        | URL | Rule | Hostname | Path | Service | Why |
        |---|---|---|---|---|---|
        | https://app.example.com/ | #0 | `app.example.com` |  | `http://127.0.0.1:8080` | The host equals the rule's hostname; it is the first rule that matches. |
        | https://a.b.example.com:8443/api/v1?x=1 | #1 | `*.example.com` | `^/api` | `https://localhost:8443` | The host ends with '.example.com', which the wildcard matches (it never matches the apex) and its path regex '^/api' matches '/api/v1' (unanchored, like Go's regexp.MatchString); it is the first rule that matches. |
        | https://example.com/ | #2 |  |  | `http_status:404` | No rule before it matches host 'example.com' and path '/', so the last rule answers, as cloudflared always does. |
        """);
  }

  @Test
  void escapesMarkdownSyntaxAndPipesInValues() {
    // given
    String text = "- a *b* | `c` [d](e) <f>";

    // when
    String escapedText = MarkdownReportWriter.text(text);
    String code = MarkdownReportWriter.code("a`b|c");

    // then
    assertThat(escapedText).isEqualTo("\\- a \\*b\\* \\| \\`c\\` \\[d\\](e) \\<f\\>");
    assertThat(code).isEqualTo("``a`b\\|c``");
  }
}
