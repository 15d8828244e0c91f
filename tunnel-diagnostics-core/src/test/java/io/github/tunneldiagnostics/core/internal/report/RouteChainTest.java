package io.github.tunneldiagnostics.core.internal.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tunneldiagnostics.api.DiagnosisReport;
import io.github.tunneldiagnostics.api.Route;
import io.github.tunneldiagnostics.api.RouteUrl;
import io.github.tunneldiagnostics.api.check.CheckResult;
import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.check.FindingCode;
import io.github.tunneldiagnostics.api.check.Outcome;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RouteChainTest {
  private static final Route API = Route.forUrl(RouteUrl.parse("https://api.example.com/api/users"), 1, "https://localhost:8443");

  private static DiagnosisReport reportWith(Finding... findings) {
    return new DiagnosisReport(io.github.tunneldiagnostics.api.Verdict.of(List.of(findings)), ReportFixtures.STARTED, Duration.ZERO,
        ReportFixtures.model(), List.of(), List.of(findings),
        List.of(new CheckResult("origin", Outcome.FAILED, List.of(findings), Duration.ZERO)));
  }

  @Test
  void aFailedTlsHandshakeIsItsOwnLinkAfterTheAddressThatAcceptedTheConnection() {
    // given
    Finding untrusted = Finding.error(FindingCode.ORIGIN_CERT_UNTRUSTED)
        .check("origin").subject("rule #1 https://localhost:8443").message("The certificate is not trusted.").remediation("Set caPool.")
        .rule(1).evidence("address.127.0.0.1:8443", "connected after 1 ms").build();

    // when
    List<ChainLink> chain = RouteChain.of(API, reportWith(untrusted));

    // then
    assertThat(chain).containsExactly(
        new ChainLink(0, "api.example.com", LinkStatus.NOT_CHECKED, ""),
        new ChainLink(1, "rule #1 (*.example.com path ^/api)", LinkStatus.OK, ""),
        new ChainLink(1, "https://localhost:8443", LinkStatus.OK, ""),
        new ChainLink(2, "127.0.0.1:8443", LinkStatus.OK, "connected after 1 ms"),
        new ChainLink(3, "TLS handshake", LinkStatus.BROKEN, "ORIGIN_CERT_UNTRUSTED"));
  }

  @Test
  void anOriginErrorStatusIsTheHttpResponseLink() {
    // given
    Finding status = Finding.error(FindingCode.ORIGIN_HTTP_ERROR)
        .check("origin").subject("rule #1 https://localhost:8443").message("The origin answers 502.").remediation("Check the app.")
        .rule(1).evidence("address.127.0.0.1:8443", "connected after 1 ms").build();

    // when
    List<ChainLink> chain = RouteChain.of(API, reportWith(status));

    // then
    assertThat(chain.subList(2, chain.size())).containsExactly(
        new ChainLink(1, "https://localhost:8443", LinkStatus.OK, ""),
        new ChainLink(2, "127.0.0.1:8443", LinkStatus.OK, "connected after 1 ms"),
        new ChainLink(3, "HTTP response", LinkStatus.BROKEN, "ORIGIN_HTTP_ERROR"));
  }

  @Test
  void aWildcardsApexFindingDoesNotTouchTheRoutesTheWildcardServes() {
    // given
    Finding apex = Finding.warning(FindingCode.WILDCARD_APEX_UNMATCHED)
        .check("ingress").subject("example.com").message("rule #1 does not match example.com itself.").remediation("Add a rule.")
        .evidence("wildcardRule", 1).build();
    Route apexRoute = Route.forUrl(RouteUrl.parse("https://example.com/"), 2, "http_status:404");

    // when
    List<ChainLink> www = RouteChain.of(API, reportWith(apex));
    List<ChainLink> bare = RouteChain.of(apexRoute, reportWith(apex));

    // then
    assertThat(www).extracting(ChainLink::status).doesNotContain(LinkStatus.WARNING, LinkStatus.BROKEN);
    assertThat(bare.get(1)).isEqualTo(new ChainLink(1, "rule #2", LinkStatus.WARNING, "WILDCARD_APEX_UNMATCHED"));
  }

  @Test
  void aCauseSharedByRulesMarksEachOfThem() {
    // given
    Finding shared = Finding.warning(FindingCode.CONFIG_TEMPLATE_UNEXPANDED)
        .check("ingress").subject("rules #0, #1").message("Two rules hold ${DOMAIN}.").remediation("Render the template.")
        .evidence("rules", "0, 1").build();

    // when
    List<ChainLink> chain = RouteChain.of(API, reportWith(shared));

    // then
    assertThat(chain.get(1)).isEqualTo(new ChainLink(1, "rule #1 (*.example.com path ^/api)", LinkStatus.WARNING, "CONFIG_TEMPLATE_UNEXPANDED"));
  }
}
