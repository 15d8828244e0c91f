package io.github.tunneldiagnostics.core.internal.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tunneldiagnostics.api.DiagnosisReport;
import io.github.tunneldiagnostics.api.Route;
import io.github.tunneldiagnostics.api.RouteUrl;
import io.github.tunneldiagnostics.api.RouteReport;
import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.check.FindingCode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class HtmlReportWriterTest {
  private final HtmlReportWriter writer = new HtmlReportWriter();

  @Test
  void drawsEachRoutesChainWithEveryLinksState() {
    // given
    DiagnosisReport report = ReportFixtures.broken();

    // when
    String html = writer.render(report);

    // then: route #0 is hostname (not checked) → rule (ok) → service (broken) → address (broken)
    String firstRoute = html.substring(html.indexOf("<article class=\"route broken\">"), html.indexOf("</article>"));
    assertThat(firstRoute).isEqualTo("""
        <article class="route broken">
        <h3><span class="url">https://app.example.com/</span> <span class="badge">BROKEN</span></h3>
        <svg class="chain" role="img" width="360" height="198" viewBox="0 0 360 198" aria-label="The chain of https://app.example.com/: \
        app.example.com (not checked) → rule #0 (app.example.com) (ok) → http://127.0.0.1:8080 (broken) → 127.0.0.1:8080 (broken)">
        <title>The chain of https://app.example.com/: app.example.com (not checked) → rule #0 (app.example.com) (ok) → \
        http://127.0.0.1:8080 (broken) → 127.0.0.1:8080 (broken)</title>
        <path class="joint" d="M18 44 V74 H32"/>
        <path class="joint" d="M46 94 V124 H60"/>
        <path class="joint" d="M74 144 V174 H88"/>
        <g class="link unchecked"><rect x="4" y="4" rx="6" width="352" height="40"/><circle cx="20" cy="24" r="10"/>\
        <text class="glyph" x="20" y="29">–</text><text class="label" x="38" y="29">app.example.com — not checked</text></g>
        <g class="link ok"><rect x="32" y="54" rx="6" width="324" height="40"/><circle cx="48" cy="74" r="10"/>\
        <text class="glyph" x="48" y="79">✓</text><text class="label" x="66" y="79">rule #0 (app.example.com) — ok</text></g>
        <g class="link broken"><rect x="60" y="104" rx="6" width="296" height="40"/><circle cx="76" cy="124" r="10"/>\
        <text class="glyph" x="76" y="129">✗</text><text class="label" x="94" y="121">http://127.0.0.1:8080 — broken</text>\
        <text class="note" x="94" y="137">ORIGIN_CONNECTION_REFUSED</text></g>
        <g class="link broken"><rect x="88" y="154" rx="6" width="268" height="40"/><circle cx="104" cy="174" r="10"/>\
        <text class="glyph" x="104" y="179">✗</text><text class="label" x="122" y="171">127.0.0.1:8080 — broken</text>\
        <text class="note" x="122" y="187">refused in 0.2 ms</text></g>
        </svg>
        """);
  }

  @Test
  void showsEachFindingWithItsFixAndEvidence() {
    // given
    DiagnosisReport report = ReportFixtures.broken();

    // when
    String html = writer.render(report);

    // then
    String error = html.substring(html.indexOf("<article class=\"finding error\">"));
    assertThat(error.substring(0, error.indexOf("</article>") + 10)).isEqualTo("""
        <article class="finding error">
        <h4><span class="severity">ERROR</span> <code>ORIGIN_CONNECTION_REFUSED</code> at rule #0 http://127.0.0.1:8080</h4>
        <p>Nothing listens on 127.0.0.1:8080; a process listens on 127.0.0.1:8081.</p>
        <p class="fix"><strong>Fix:</strong> Change rule #0's service to http://127.0.0.1:8081, or start the app on port 8080.</p>
        <p class="check">Check: <code>origin.tcp</code></p>
        <table class="evidence">
        <caption>Evidence</caption>
        <tr><th scope="row"><code>rule</code></th><td><code>0</code></td></tr>
        <tr><th scope="row"><code>source</code></th><td><code>probe</code></td></tr>
        <tr><th scope="row"><code>address.127.0.0.1:8080</code></th><td><code>refused in 0.2 ms</code></td></tr>
        <tr><th scope="row"><code>listening</code></th><td><code>127.0.0.1:8081</code></td></tr>
        </table>
        </article>""");
    assertThat(html).contains("<header class=\"verdict broken\">\n<h1>Tunnel diagnosis: <span class=\"word\">BROKEN</span></h1>\n"
        + "<p>1 error, 1 warning, 1 info</p>\n</header>");
  }

  @Test
  void escapesEveryValueAndLoadsNothingFromElsewhere() {
    // given: markup in a URL, a message and evidence
    Finding hostile = Finding.error(FindingCode.ORIGIN_CONNECTION_REFUSED).check("origin").subject("rule #0")
        .message("<script>alert(1)</script>").remediation("<img src=x onerror=alert(2)>").rule(0)
        .evidence("address.127.0.0.1:8080", "<a href=\"https://evil.example/\">x</a>").build();
    DiagnosisReport report = DiagnosisReport.of(ReportFixtures.STARTED, Duration.ZERO, ReportFixtures.model(),
        List.of(new RouteReport(Route.forUrl(RouteUrl.parse("https://app.example.com/<b>"), 0, "http://127.0.0.1:8080"), io.github.tunneldiagnostics.api.Verdict.BROKEN)),
        List.of(hostile));

    // when
    String html = writer.render(report);

    // then
    assertThat(html)
        .contains("&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;img src=x onerror=alert(2)&gt;", "https://app.example.com/&lt;b&gt;",
            "&lt;a href=\"https://evil.example/\"&gt;x&lt;/a&gt;")
        .doesNotContain("<script", "<img", "<link", "<iframe", "<object", "@import", "url(")
        .doesNotContainPattern("<[^>]*\\s(src|href|srcset|action|xlink:href)\\s*=")
        .contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">");
  }

  @Test
  void aReportWithoutRoutesOrFindingsSaysSo() {
    // when
    String html = writer.render(ReportFixtures.empty());

    // then
    assertThat(html).doesNotContain("<section id=\"routes\">").contains("<section id=\"findings\">\n<h2>Findings</h2>\n<p>No findings.</p>\n</section>");
  }
}
