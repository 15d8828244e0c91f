package io.github.tunneldiagnostics.core.internal.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.check.FindingCode;
import io.github.tunneldiagnostics.api.check.Severity;
import io.github.tunneldiagnostics.api.ingress.IngressModel;
import io.github.tunneldiagnostics.api.ingress.OriginRequestOverrides;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuleAnalysisTest {

  private static List<Finding> withCode(IngressModel model, String code) {
    return IngressValidator.validate(model).stream().filter(f -> f.code().equals(code)).toList();
  }

  @Test
  void reportsTheSameHostnameTwiceWithoutPathAsUnreachable() {
    // given
    IngressModel model = Rules.of("app.example.com", "http://localhost:1", "app.example.com", "http://localhost:2", "", "http_status:404");

    // when
    List<Finding> findings = withCode(model, FindingCode.RULE_UNREACHABLE);

    // then
    assertThat(findings).singleElement().satisfies(f -> {
      assertThat(f.severity()).isEqualTo(Severity.WARNING);
      assertThat(f.subject()).isEqualTo("rule #1");
      assertThat(f.message())
          .isEqualTo(
              "rule #1 (app.example.com) is never used: rule #0 (app.example.com) has the same hostname, and cloudflared"
                  + " takes the first rule that matches");
      assertThat(f.remediation()).isEqualTo("remove rule #1 or merge it into rule #0");
      assertThat(f.evidence()).containsEntry("rule", "1").containsEntry("shadowedBy", "0").containsEntry("location", "config.yml:13:5");
    });
  }

  @Test
  void reportsAWildcardBeforeAMoreSpecificHostname() {
    // given
    IngressModel model = Rules.of("*.example.com", "http://localhost:1", "api.example.com", "http://localhost:2",
        "*.eu.example.com", "http://localhost:3", "example.com", "http://localhost:4", "", "http_status:404");

    // when
    List<Finding> findings = withCode(model, FindingCode.RULE_UNREACHABLE);

    // then
    assertThat(findings).extracting(Finding::subject).containsExactly("rule #1", "rule #2");
    assertThat(findings.get(0).message())
        .isEqualTo(
            "rule #1 (api.example.com) is never used: rule #0 (*.example.com) comes first and matches every request it could"
                + " match, and cloudflared takes the first rule that matches");
    assertThat(findings.get(0).remediation())
        .isEqualTo("move rule #1 above rule #0 (most specific rules first), or remove it");
  }

  @Test
  void considersPathsWhenLookingForShadowedRules() {
    // given
    IngressModel model = Rules.builder()
        .rule("app.example.com", "^/api", "http://localhost:1")
        .rule("app.example.com", "http://localhost:2")
        .rule("app.example.com", "^/api", "http://localhost:3")
        .rule("", "^/health$", "http://localhost:4")
        .rule("other.example.com", "^/health$", "http://localhost:5")
        .rule("", "http_status:404")
        .build();

    // when
    List<Finding> findings = withCode(model, FindingCode.RULE_UNREACHABLE);

    // then: rule 1 is reachable (other paths); rule 2 is shadowed by rule 0 (same path) and rule 1 (no path)
    assertThat(findings).extracting(Finding::subject, f -> f.evidence().get("shadowedBy"))
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("rule #2", "0"),
            org.assertj.core.groups.Tuple.tuple("rule #4", "3"));
    assertThat(findings.get(1).message())
        .isEqualTo(
            "rule #4 (other.example.com path ^/health$) is never used: rule #3 (path ^/health$) matches every hostname for the"
                + " same path, and cloudflared takes the first rule that matches");
  }

  @Test
  void doesNotReportASpecificHostnameBeforeAWildcardOrADifferentCase() {
    // given
    IngressModel model = Rules.of("api.example.com", "http://localhost:1", "*.example.com", "http://localhost:2",
        "App.Example.COM", "http://localhost:3", "example.com", "http://localhost:4", "App.Example.ORG", "http://localhost:5",
        "app.example.org", "http://localhost:6", "", "http_status:404");

    // when / then: App.Example.ORG's alias app.example.org makes rule #5 unreachable, not the other way round;
    // *.example.com does not cover App.Example.COM because the suffix comparison is case-sensitive
    assertThat(withCode(model, FindingCode.RULE_UNREACHABLE))
        .extracting(Finding::subject, f -> f.evidence().get("shadowedBy"))
        .containsExactly(org.assertj.core.groups.Tuple.tuple("rule #5", "4"));
  }

  @Test
  void warnsWhenAWildcardHasNoRuleForItsApex() {
    // given
    IngressModel model = Rules.of("*.example.com", "http://localhost:1", "*.example.com", "http://localhost:2",
        "*.served.org", "http://localhost:3", "served.org", "http://localhost:4", "", "http_status:404");

    // when
    List<Finding> findings = withCode(model, FindingCode.WILDCARD_APEX_UNMATCHED);

    // then
    assertThat(findings).singleElement().satisfies(f -> {
      assertThat(f.severity()).isEqualTo(Severity.WARNING);
      assertThat(f.subject()).isEqualTo("example.com");
      assertThat(f.message())
          .isEqualTo(
              "rule #0 (*.example.com) does not match example.com itself: cloudflared's wildcards only match subdomains, never"
                  + " the apex, so requests for example.com go to the catch-all rule #4 (http_status:404)");
      assertThat(f.remediation())
          .isEqualTo("if example.com should be served, add a rule '- hostname: example.com' with service: http://localhost:1 above the catch-all");
      // about the apex, not the wildcard rule: it must not degrade the routes the wildcard does serve
      assertThat(f.evidence()).containsEntry("wildcardRule", "0").containsEntry("apex", "example.com").doesNotContainKey("rule");
    });
  }

  @Test
  void showsAnUnexpectedMatchForAnUnanchoredPath() {
    // given
    IngressModel model = Rules.builder()
        .rule("app.example.com", "/api", "http://localhost:1")
        .rule("app.example.com", "/static/.*\\.css$", "http://localhost:2")
        .rule("app.example.com", "^/admin", "http://localhost:3")
        .rule("app.example.com", "\\.php$", "http://localhost:4")
        .rule("", "http_status:404")
        .build();

    // when
    List<Finding> findings = withCode(model, FindingCode.PATH_REGEX_UNANCHORED);

    // then
    assertThat(findings).hasSize(2);
    assertThat(findings.get(0).severity()).isEqualTo(Severity.INFO);
    assertThat(findings.get(0).message())
        .isEqualTo(
            "rule #0 (app.example.com path /api): path /api is searched anywhere in the request path (cloudflared does not"
                + " anchor it), so it also matches /v2/api/x");
    assertThat(findings.get(0).remediation()).isEqualTo("anchor it: path: ^/api(/|$)");
    assertThat(findings.get(1).evidence()).containsEntry("exampleMatch", "/v2/static/x.css").containsEntry("rule", "1");
    assertThat(findings.get(1).remediation()).isEqualTo("anchor it: path: ^/static/.*\\.css$");
  }

  @Test
  void warnsAboutDisabledCertificateChecksAndSaysWhereTheyComeFrom() {
    // given
    IngressModel model = Rules.builder()
        .topLevel(OriginRequestOverrides.builder().noTLSVerify(true).build())
        .rule("a.example.com", "", "https://localhost:8443")
        .rule("b.example.com", "", "https://localhost:8444", OriginRequestOverrides.builder().noTLSVerify(false).build())
        .rule("c.example.com", "", "http://localhost:8080")
        .rule("d.example.com", "", "unix+tls:/run/d.sock", OriginRequestOverrides.builder().noTLSVerify(true).build())
        .rule("", "http_status:404")
        .build();

    // when
    List<Finding> findings = withCode(model, FindingCode.TLS_VERIFY_DISABLED);

    // then
    assertThat(findings).extracting(Finding::subject).containsExactly("rule #0", "rule #3");
    assertThat(findings.get(0).message())
        .isEqualTo(
            "rule #0 (a.example.com) sends traffic to https://localhost:8443 with noTLSVerify: true (inherited from the"
                + " top-level originRequest): it works, but cloudflared does not authenticate the origin's certificate");
    assertThat(findings.get(0).evidence()).containsEntry("origin", "top-level");
    assertThat(findings.get(1).message()).contains("(set on the rule itself)");
    assertThat(findings.get(1).remediation())
        .isEqualTo(
            "remove noTLSVerify from rule #3's originRequest and set caPool (the origin's CA file) and originServerName (a name"
                + " in its certificate) instead");
  }

  @Test
  void aGlobalBastionModeTurnsEveryUrlServiceIntoBastionUnlessTheRuleTurnsItOff() {
    // given
    IngressModel model = Rules.builder()
        .topLevel(OriginRequestOverrides.builder().bastionMode(true).build())
        .rule("a.example.com", "", "http://localhost:8080")
        .rule("b.example.com", "", "http://localhost:8081", OriginRequestOverrides.builder().bastionMode(false).build())
        .rule("", "http_status:404")
        .build();

    // when / then
    assertThat(model.rule(0).service()).hasToString("bastion");
    assertThat(model.rule(1).service()).hasToString("http://localhost:8081");
    assertThat(model.rule(2).service()).hasToString("http_status:404");
    assertThat(IngressValidator.validate(model)).isEmpty();
  }

  @Test
  void explainsAGlobLookingPathAndSuggestsTheAnchoredRegexItMeant() {
    // given
    IngressModel model = Rules.builder()
        .rule("app.example.com", "/api/*", "http://localhost:1")
        .rule("app.example.com", "/*", "http://localhost:2")
        .rule("img.example.com", "/img/*.png", "http://localhost:3")
        .rule("", "http_status:404")
        .build();

    // when
    List<Finding> findings = withCode(model, FindingCode.PATH_REGEX_UNANCHORED);

    // then
    assertThat(findings).extracting(Finding::message).containsExactly(
        "rule #0 (app.example.com path /api/*): path /api/* looks like a glob, but cloudflared reads it as a regular expression,"
            + " where * repeats the character before it (here /) instead of standing for any text, and searches it anywhere in"
            + " the request path, so it also matches /apiary",
        "rule #1 (app.example.com path /*): path /* looks like a glob, but cloudflared reads it as a regular expression, where *"
            + " repeats the character before it (here /) instead of standing for any text, and searches it anywhere in the"
            + " request path, so it matches every path",
        "rule #2 (img.example.com path /img/*.png): path /img/*.png looks like a glob, but cloudflared reads it as a regular"
            + " expression, where * repeats the character before it (here /) instead of standing for any text, and searches it"
            + " anywhere in the request path, so it does not match /img/x.png, but matches /v2/img/.png");
    assertThat(findings).extracting(Finding::remediation).containsExactly(
        "for what the glob means, write path: ^/api(/|$) (the path /api and everything below it)",
        "remove the path (a rule without a path matches every path), or write path: ^/",
        "for what the glob means, write path: ^/img/[^/]*\\.png$ ([^/]* stands for one path segment)");
    assertThat(findings.get(0).evidence())
        .containsEntry("exampleMatch", "/apiary")
        .containsEntry("intendedMatch", "/api/x")
        .containsEntry("suggestedPath", "^/api(/|$)");
  }

  @Test
  void noTlsVerifyInheritedByManyRulesIsOneFindingNamingThemAll() {
    // given: one cause, the top-level setting, reaches two https rules
    IngressModel model = Rules.builder()
        .topLevel(OriginRequestOverrides.builder().noTLSVerify(true).build())
        .rule("a.example.com", "", "https://localhost:8443")
        .rule("b.example.com", "", "https://localhost:8444")
        .rule("c.example.com", "", "http://localhost:8080")
        .rule("", "http_status:404")
        .build();

    // when
    List<Finding> findings = withCode(model, FindingCode.TLS_VERIFY_DISABLED);

    // then
    assertThat(findings).singleElement().satisfies(f -> {
      assertThat(f.subject()).isEqualTo("rules #0, #1");
      assertThat(f.message()).isEqualTo("2 rules (rule #0 (a.example.com) to https://localhost:8443, rule #1 (b.example.com) to"
          + " https://localhost:8444) send traffic with noTLSVerify: true, inherited from the top-level originRequest: it works, but"
          + " cloudflared does not authenticate their origins' certificates");
      assertThat(f.evidence()).containsEntry("rules", "0, 1").containsEntry("origin", "top-level").doesNotContainKey("rule");
    });
  }
}
