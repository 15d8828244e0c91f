package io.github.tunneldiagnostics.core.internal.ingress;

import io.github.tunneldiagnostics.api.RouteUrl;
import io.github.tunneldiagnostics.core.RuleMatch;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.check.FindingCode;
import io.github.tunneldiagnostics.api.check.Severity;
import io.github.tunneldiagnostics.api.ingress.IngressModel;
import java.util.List;
import org.junit.jupiter.api.Test;

class RouteExplainerTest {
  private static final IngressModel MODEL = Rules.builder()
      .rule("app.example.com", "http://localhost:8080")
      .rule("Shop_1.example.com", "http://localhost:8081")
      .rule("api.example.com", "^/v1/", "http://localhost:8082")
      .rule("*.example.org", "http://localhost:8083")
      .rule("", "http_status:404")
      .build();

  private static List<Finding> explain(String url) {
    return RouteExplainer.explainRoute(MODEL, RouteUrl.parse(url), IngressMatcher.of(MODEL).match(RouteUrl.parse(url)));
  }

  @Test
  void saysNothingAboutAUrlThatASpecificRuleServes() {
    // given / when / then
    assertThat(explain("https://app.example.com/")).isEmpty();
    assertThat(explain("https://a.example.org/")).isEmpty();
  }

  @Test
  void namesTheClosestHostnameForATypo() {
    // given / when
    List<Finding> findings = explain("https://apq.example.com/login");

    // then
    assertThat(findings).singleElement().satisfies(f -> {
      assertThat(f.code()).isEqualTo(FindingCode.HOSTNAME_NOT_ROUTED);
      assertThat(f.severity()).isEqualTo(Severity.ERROR);
      assertThat(f.check()).isEqualTo("ingress.route");
      assertThat(f.subject()).isEqualTo("https://apq.example.com/login");
      assertThat(f.message())
          .isEqualTo(
              "no ingress rule matches host apq.example.com and path /login, so the catch-all rule #4 answers"
                  + " (http_status:404: visitors get HTTP 404); the closest rule is rule #0 (app.example.com) (1 character apart)");
      assertThat(f.remediation())
          .isEqualTo(
              "if you meant rule #0 (app.example.com), correct its hostname or the URL; otherwise add a rule for hostname"
                  + " apq.example.com above the catch-all");
      assertThat(f.evidence()).containsEntry("rule", "4").containsEntry("probablyMeant", "0").containsEntry("catchAllService", "http_status:404");
    });
  }

  @Test
  void explainsARuleThatDiffersOnlyInCaseAndHasNoLowerCaseAlias() {
    // given: '_' is not allowed by IDNA STD3 rules, so cloudflared computes no lower-case alias
    // when
    Finding finding = explain("https://shop_1.example.com/").get(0);

    // then
    assertThat(finding.message())
        .endsWith("; rule #1 (Shop_1.example.com) differs only in case, and cloudflared compares hostnames byte for byte");
    assertThat(finding.remediation())
        .isEqualTo("change rule #1's hostname to shop_1.example.com (browsers send lower-case hostnames)");
  }

  @Test
  void findsNothingToExplainWhenTheLowerCaseAliasOfAnUpperCaseRuleMatches() {
    // given
    IngressModel model = Rules.of("Shop.Example.com", "http://localhost:1", "", "http_status:404");

    // when
    RuleMatch match = IngressMatcher.of(model).match(RouteUrl.parse("https://shop.example.com/"));

    // then
    assertThat(match.index()).isEqualTo(0);
    assertThat(RouteExplainer.explainRoute(model, RouteUrl.parse("https://shop.example.com/"), match)).isEmpty();
  }

  @Test
  void explainsAnUpperCaseUrlThatTheLowerCaseRuleWouldServe() {
    // given / when
    Finding finding = explain("https://APP.example.com/").get(0);

    // then
    assertThat(finding.message())
        .endsWith(
            "; rule #0 (app.example.com) would match app.example.com, but cloudflared compares hostnames byte for byte and"
                + " APP.example.com differs in case");
    assertThat(finding.remediation()).isEqualTo("request app.example.com (browsers send lower case), or add a rule for hostname APP.example.com");
  }

  @Test
  void explainsATrailingDot() {
    // given / when
    Finding finding = explain("https://app.example.com./").get(0);

    // then
    assertThat(finding.message())
        .endsWith("; rule #0 (app.example.com) matches app.example.com but cloudflared does not strip the trailing dot of app.example.com.");
  }

  @Test
  void explainsAPathThatTheHostnamesRuleDoesNotCover() {
    // given / when
    Finding finding = explain("https://api.example.com/v2/users").get(0);

    // then
    assertThat(finding.message())
        .isEqualTo(
            "no ingress rule matches host api.example.com and path /v2/users, so the catch-all rule #4 answers (http_status:404:"
                + " visitors get HTTP 404); rule #2 (api.example.com path ^/v1/) serves this hostname only for paths matching ^/v1/");
    assertThat(finding.remediation())
        .isEqualTo(
            "if /v2/users belongs to that origin, widen rule #2's path, or add a rule for hostname api.example.com with a path"
                + " matching /v2/users above the catch-all");
  }

  @Test
  void reportsAnApexThatOnlyAWildcardCoversTwice() {
    // given / when
    List<Finding> findings = explain("https://example.org/");

    // then
    assertThat(findings).extracting(Finding::code).containsExactly(FindingCode.HOSTNAME_NOT_ROUTED, FindingCode.WILDCARD_APEX_UNMATCHED);
    assertThat(findings.get(0).message())
        .endsWith("; rule #3 (*.example.org) does not cover the apex example.org: cloudflared's wildcards only match subdomains");
    assertThat(findings.get(0).remediation())
        .isEqualTo("add a rule '- hostname: example.org' with service: http://localhost:8083 above the catch-all");
    assertThat(findings.get(1).check()).isEqualTo("ingress.route");
    assertThat(findings.get(1).message())
        .isEqualTo(
            "rule #3 (*.example.org) does not match example.org itself: cloudflared's wildcards only match subdomains, never the"
                + " apex, so requests for example.org go to the catch-all rule #4 (http_status:404)");
  }

  @Test
  void explainsAPortInTheRulesHostname() {
    // given: a model cloudflared refuses, explained anyway
    IngressModel model = Rules.of("app.example.com:8443", "http://localhost:1", "", "http_status:404");
    String url = "https://app.example.com:8443/";

    // when
    Finding finding = RouteExplainer.explainRoute(model, RouteUrl.parse(url), IngressMatcher.of(model).match(RouteUrl.parse(url))).get(0);

    // then
    assertThat(finding.message())
        .isEqualTo(
            "no ingress rule matches host app.example.com and path /, so the catch-all rule #1 answers (http_status:404: visitors"
                + " get HTTP 404); rule #0 (app.example.com:8443) carries a port in its hostname, which cloudflared refuses"
                + " (Hostname cannot contain a port)");
    assertThat(finding.remediation())
        .isEqualTo(
            "remove the port from rule #0's hostname: hostname: app.example.com (cloudflared ignores the request's port when it"
                + " matches hostnames)");
  }

  @Test
  void suggestsANewRuleWhenNothingIsClose() {
    // given / when
    Finding finding = explain("https://completely-different.net/").get(0);

    // then
    assertThat(finding.message())
        .isEqualTo(
            "no ingress rule matches host completely-different.net and path /, so the catch-all rule #4 answers (http_status:404:"
                + " visitors get HTTP 404)");
    assertThat(finding.remediation())
        .isEqualTo(
            "add a rule '- hostname: completely-different.net' with the origin's service above the catch-all rule #4, and route"
                + " the hostname's DNS to this tunnel");
  }
}
