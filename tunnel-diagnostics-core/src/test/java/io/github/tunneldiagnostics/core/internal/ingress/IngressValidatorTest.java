package io.github.tunneldiagnostics.core.internal.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.check.FindingCode;
import io.github.tunneldiagnostics.api.check.Severity;
import io.github.tunneldiagnostics.api.ingress.AccessConfig;
import io.github.tunneldiagnostics.api.ingress.IngressModel;
import io.github.tunneldiagnostics.api.ingress.IpRule;
import io.github.tunneldiagnostics.api.ingress.OriginRequestOverrides;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IngressValidatorTest {

  /** The INGRESS_INVALID cloudflared stops at: the first, and the only one marked so. */
  private static Finding onlyInvalid(IngressModel model) {
    List<Finding> invalid = IngressValidator.validate(model).stream()
        .filter(f -> f.code().equals(FindingCode.INGRESS_INVALID))
        .toList();
    assertThat(invalid).isNotEmpty();
    assertThat(invalid).filteredOn(f -> f.evidence().get("cloudflaredStopsHere").equals("true")).containsExactly(invalid.get(0));
    return invalid.get(0);
  }

  private static String cloudflaredMessage(IngressModel model) {
    return onlyInvalid(model).evidence().get("cloudflaredMessage");
  }

  @Test
  void reportsAModelWithoutRulesAsEmpty() {
    // given
    IngressModel model = Rules.of();

    // when
    List<Finding> findings = IngressValidator.validate(model);

    // then
    assertThat(findings).singleElement().satisfies(f -> {
      assertThat(f.code()).isEqualTo(FindingCode.INGRESS_EMPTY);
      assertThat(f.severity()).isEqualTo(Severity.ERROR);
      assertThat(f.check()).isEqualTo("ingress");
      assertThat(f.message()).isEqualTo("config.yml has no ingress rules, so cloudflared answers 503 to every request");
      assertThat(f.remediation()).isEqualTo(
          "add an ingress list to config.yml with one rule per public hostname and a catch-all last, e.g. ingress:"
              + " [{hostname: app.example.com, service: http://127.0.0.1:8080}, {service: http_status:404}]");
      assertThat(f.evidence()).containsEntry("cloudflaredMessage", "The config file doesn't contain any ingress rules");
    });
  }

  @Test
  void acceptsNoRulesWhenASingleOriginSettingServesEverything() {
    // given
    IngressModel model = Rules.builder().setting("url", "http://localhost:8080").build();

    // when / then
    assertThat(IngressValidator.validate(model)).isEmpty();
  }

  @Test
  void acceptsAValidConfigurationWithoutFindings() {
    // given
    IngressModel model = Rules.builder()
        .rule("app.example.com", "http://127.0.0.1:8080")
        .rule("api.example.com", "^/v1(/|$)", "http://127.0.0.1:8081")
        .rule("*example.com", "http://127.0.0.1:8082")
        .rule("my_host", "ssh://localhost")
        .rule("", "http_status:404")
        .build();

    // when / then
    assertThat(IngressValidator.validate(model)).isEmpty();
  }

  @Test
  void reportsAServiceErrorWithCloudflaredTextLocationAndFix() {
    // given
    IngressModel model = Rules.of("app.example.com", "http://localhost:8080/app", "", "http_status:404");

    // when
    Finding finding = onlyInvalid(model);

    // then
    String text =
        "http://localhost:8080/app is an invalid address, ingress rules don't support proxying to a different path on the"
            + " origin service. The path will be the same as the eyeball request's path";
    assertThat(finding.severity()).isEqualTo(Severity.ERROR);
    assertThat(finding.check()).isEqualTo("ingress");
    assertThat(finding.subject()).isEqualTo("rule #0");
    assertThat(finding.message())
        .isEqualTo("cloudflared refuses the ingress rules because of rule #0 (app.example.com) at config.yml:10:5: " + text);
    assertThat(finding.remediation())
        .isEqualTo(
            "change rule #0's service to http://localhost:8080 (cloudflared forwards the visitor's own path; use the rule's"
                + " path: field to route by path)");
    assertThat(finding.evidence())
        .containsEntry("cloudflaredMessage", text)
        .containsEntry("cloudflaredOutput", "Validation failed: " + text)
        .containsEntry("rule", "0")
        .containsEntry("location", "config.yml:10:5")
        .containsEntry("service", "http://localhost:8080/app");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "http_status:abc|invalid HTTP status code: strconv.Atoi: parsing \"abc\": invalid syntax",
        "http_status:99|invalid HTTP status code: 99",
        "127.0.0.1:8000|parse \"127.0.0.1:8000\": first path segment in URL cannot contain colon",
        "localhost:8000|localhost:8000 is an invalid address, please make sure it has a scheme and a hostname",
        "http://:8080|http://:8080 is an invalid address, please make sure it has a scheme and a hostname",
      })
  void reportsServiceErrorsVerbatim(String service, String text) {
    // given
    IngressModel model = Rules.of("app.example.com", service, "", "http_status:404");

    // when / then
    assertThat(cloudflaredMessage(model)).isEqualTo(text);
  }

  @Test
  void reportsAMissingServiceWithALeadingSpaceAsCloudflaredDoes() {
    // given
    IngressModel model = Rules.of("app.example.com", "", "", "http_status:404");

    // when
    Finding finding = onlyInvalid(model);

    // then
    assertThat(finding.evidence().get("cloudflaredMessage"))
        .isEqualTo(" is an invalid address, please make sure it has a scheme and a hostname");
    assertThat(finding.remediation()).isEqualTo("add a service to rule #0, e.g. service: http://127.0.0.1:8080");
  }

  @Test
  void suggestsASchemeForAnAddressWithoutOne() {
    // given
    IngressModel model = Rules.of("app.example.com", "localhost:8000", "", "http_status:404");

    // when / then
    assertThat(onlyInvalid(model).remediation())
        .isEqualTo(
            "add a scheme to rule #0's service: service: http://localhost:8000 (or https://, ssh://, tcp://, unix:/path,"
                + " http_status:NNN, hello_world)");
  }

  @Test
  void validatesSocksProxyIpRulesOfTheRuleItself() {
    // given
    OriginRequestOverrides badCidr = OriginRequestOverrides.builder().ipRules(List.of(new IpRule("127.0.0.0", List.of(), true))).build();
    OriginRequestOverrides noPrefix = OriginRequestOverrides.builder().ipRules(List.of(new IpRule("", List.of(80), true))).build();
    OriginRequestOverrides badPorts =
        OriginRequestOverrides.builder().ipRules(List.of(new IpRule("127.0.0.0/8", List.of(70000, 0), true))).build();
    OriginRequestOverrides good =
        OriginRequestOverrides.builder().ipRules(List.of(new IpRule("fd00::/8", List.of(443), false))).build();

    // when / then
    assertThat(cloudflaredMessage(Rules.builder().rule("s.example.com", "", "socks-proxy", badCidr).rule("", "http_status:404").build()))
        .isEqualTo("unable to create ip rule for socks-proxy: unable to parse cidr: 127.0.0.0");
    assertThat(cloudflaredMessage(Rules.builder().rule("s.example.com", "", "socks-proxy", noPrefix).rule("", "http_status:404").build()))
        .isEqualTo("unable to create ip rule for socks-proxy: no prefix provided");
    assertThat(cloudflaredMessage(Rules.builder().rule("s.example.com", "", "socks-proxy", badPorts).rule("", "http_status:404").build()))
        .isEqualTo("unable to create ip rule for socks-proxy: invalid port 0, needs to be between 1 and 65535");
    assertThat(IngressValidator.validate(Rules.builder().rule("s.example.com", "", "socks-proxy", good).rule("", "http_status:404").build()))
        .isEmpty();
  }

  @Test
  void ignoresInvalidIpRulesOnServicesOtherThanSocksProxy() {
    // given
    OriginRequestOverrides badCidr = OriginRequestOverrides.builder().ipRules(List.of(new IpRule("nonsense", List.of(), true))).build();
    IngressModel model = Rules.builder().rule("a.example.com", "", "http://localhost:1", badCidr).rule("", "http_status:404").build();

    // when / then
    assertThat(IngressValidator.validate(model)).isEmpty();
  }

  @Test
  void requiresATeamNameWhenAccessHasAudTags() {
    // given
    OriginRequestOverrides access =
        OriginRequestOverrides.builder().access(new AccessConfig(true, "", List.of("aud1"), "")).build();
    IngressModel model = Rules.builder().rule("a.example.com", "", "http://localhost:1", access).rule("", "http_status:404").build();

    // when
    Finding finding = onlyInvalid(model);

    // then
    assertThat(finding.evidence()).containsEntry("cloudflaredMessage", "access.TeamName cannot be blank when access.audTags are present");
    assertThat(finding.remediation())
        .isEqualTo("set originRequest.access.teamName of rule #0 to your Cloudflare Zero Trust team name, or remove its audTag list");
  }

  @ParameterizedTest
  @CsvSource({"app.example.com:443", "'[::1]:80'", "host:", "host:abc"})
  void refusesAPortInTheHostname(String hostname) {
    // given
    IngressModel model = Rules.of(hostname, "http://localhost:1", "", "http_status:404");

    // when
    Finding finding = onlyInvalid(model);

    // then
    assertThat(finding.evidence()).containsEntry("cloudflaredMessage", "Hostname cannot contain a port");
    assertThat(finding.remediation()).startsWith("remove the port from rule #0's hostname: hostname: ");
  }

  @ParameterizedTest
  @CsvSource({"a.*.com", "*.*.com", "**", "app*"})
  void refusesAWildcardAnywhereButFirst(String hostname) {
    // given
    IngressModel model = Rules.of(hostname, "http://localhost:1", "", "http_status:404");

    // when / then
    assertThat(cloudflaredMessage(model))
        .isEqualTo(
            "Hostname patterns can have at most one wildcard character (\"*\") and it can only be used for subdomains,"
                + " e.g. \"*.example.com\"");
  }

  @Test
  void requiresTheLastRuleToBeACatchAll() {
    // given
    IngressModel withHost = Rules.of("app.example.com", "http://localhost:1");
    IngressModel withPath = Rules.builder().rule("", "^/x", "http_status:404").build();

    // when
    Finding finding = onlyInvalid(withHost);

    // then
    String text = "The last ingress rule must match all URLs (i.e. it should not have a hostname or path filter)";
    assertThat(finding.evidence()).containsEntry("cloudflaredMessage", text);
    assertThat(finding.remediation()).isEqualTo("add a last rule without hostname and path, e.g. '- service: http_status:404', after rule #0");
    assertThat(cloudflaredMessage(withPath)).isEqualTo(text);
  }

  @Test
  void refusesACatchAllBeforeTheLastRuleNumberingItFromOneLikeCloudflared() {
    // given
    IngressModel model = Rules.of("app.example.com", "http://localhost:1", "*", "http://localhost:2", "", "http_status:404");

    // when
    Finding finding = onlyInvalid(model);

    // then
    String text =
        "Rule #2 is matching the hostname '*', but this will match every hostname, meaning the rules which follow it will"
            + " never be triggered.";
    assertThat(finding.subject()).isEqualTo("rule #1");
    assertThat(finding.evidence()).containsEntry("cloudflaredMessage", text).containsEntry("rule", "1");
    assertThat(finding.message())
        .isEqualTo(
            "cloudflared refuses the ingress rules because of rule #1 (*) at config.yml:13:5: " + text
                + " (cloudflared counts rules from 1 in this message; this report counts from 0, like its ingressRule= log"
                + " field)");
    assertThat(finding.remediation())
        .isEqualTo("give rule #1 a hostname, or move it to the end of the list: every rule after it is never used");
  }

  @Test
  void reportsAnInvalidPathRegexWithGoText() {
    // given
    IngressModel missingParen = Rules.builder().rule("a.example.com", "/(foo", "http://localhost:1").rule("", "http_status:404").build();
    IngressModel lookAhead = Rules.builder().rule("a.example.com", "^/(?!admin)", "http://localhost:1").rule("", "http_status:404").build();

    // when / then
    assertThat(cloudflaredMessage(missingParen)).isEqualTo("Rule #1 has an invalid regex: error parsing regexp: missing closing ): `/(foo`");
    assertThat(cloudflaredMessage(lookAhead))
        .isEqualTo("Rule #1 has an invalid regex: error parsing regexp: invalid or unsupported Perl syntax: `(?!`");
  }

  @Test
  void refusesTheUrlSettingTogetherWithValidIngress() {
    // given
    IngressModel model = Rules.builder().rule("", "http_status:404").setting("url", "http://localhost:8080").build();

    // when
    Finding finding = onlyInvalid(model);

    // then
    assertThat(finding.subject()).isEqualTo("setting url");
    assertThat(finding.message())
        .isEqualTo(
            "cloudflared refuses the url setting together with ingress rules: You can't set the --url flag (or $TUNNEL_URL)"
                + " when using multiple-origin ingress rules");
    assertThat(finding.evidence()).containsEntry("url", "http://localhost:8080").doesNotContainKey("rule");
  }

  @Test
  void reportsARuleErrorBeforeTheUrlSetting() {
    // given
    IngressModel model = Rules.builder().rule("a:1", "http://localhost:1").rule("", "http_status:404").setting("url", "http://x").build();

    // when / then
    assertThat(cloudflaredMessage(model)).isEqualTo("Hostname cannot contain a port");
  }

  @Test
  void aBadServiceBeatsABadHostnameInTheSameRule() {
    // given
    IngressModel model = Rules.of("a.*.com:80", "http_status:1", "", "http_status:404");

    // when / then
    assertThat(cloudflaredMessage(model)).isEqualTo("invalid HTTP status code: 1");
  }

  @Test
  void anEarlierRuleErrorBeatsALaterOne() {
    // given
    IngressModel model = Rules.of("a.example.com:80", "http://localhost:1", "b.example.com", "http_status:1", "", "http_status:404");

    // when
    Finding finding = onlyInvalid(model);

    // then
    assertThat(finding.subject()).isEqualTo("rule #0");
    assertThat(finding.evidence()).containsEntry("cloudflaredMessage", "Hostname cannot contain a port");
  }

  @Test
  void reportsEveryProblemAtOnceInCloudflaredsOrderMarkingWhereItStops() {
    // given: a bad hostname on rule #0, a bad status on rule #1, a catch-all too early (#2), a bad regex (#3)
    IngressModel model = Rules.builder()
        .rule("a.example.com:80", "http://localhost:1")
        .rule("b.example.com", "http_status:1")
        .rule("", "http://localhost:2")
        .rule("c.example.com", "/(api", "http://localhost:3")
        .rule("", "http_status:404")
        .build();

    // when
    List<Finding> invalid = IngressValidator.validate(model).stream().filter(f -> f.code().equals(FindingCode.INGRESS_INVALID)).toList();

    // then
    assertThat(invalid).extracting(Finding::message).containsExactly(
        "cloudflared refuses the ingress rules because of rule #0 (a.example.com:80) at config.yml:10:5: Hostname cannot contain"
            + " a port (cloudflared stops at this one, the first of 4 problems)",
        "cloudflared also refuses rule #1 (b.example.com) at config.yml:13:5: invalid HTTP status code: 1 (problem 2 of 4:"
            + " cloudflared reports it once the ones before it are fixed)",
        "cloudflared also refuses rule #2 at config.yml:16:5: Rule #3 is matching the hostname '', but this will match"
            + " every hostname, meaning the rules which follow it will never be triggered. (cloudflared counts rules from 1 in this"
            + " message; this report counts from 0, like its ingressRule= log field) (problem 3 of 4: cloudflared reports it once"
            + " the ones before it are fixed)",
        "cloudflared also refuses rule #3 (c.example.com path /(api) at config.yml:19:5: Rule #4 has an invalid regex: error parsing"
            + " regexp: missing closing ): `/(api` (cloudflared counts rules from 1 in this message; this report counts from 0,"
            + " like its ingressRule= log field) (problem 4 of 4: cloudflared reports it once the ones before it are fixed)");
    assertThat(invalid).extracting(f -> f.evidence().get("cloudflaredStopsHere")).containsExactly("true", "false", "false", "false");
    assertThat(invalid).extracting(Finding::subject).containsExactly("rule #0", "rule #1", "rule #2", "rule #3");
  }

  @Test
  void suggestsDroppingTheSchemeOfAHostnameNotAPort() {
    // given
    IngressModel model = Rules.of("https://app.example.com", "http://localhost:1", "", "http_status:404");

    // when
    Finding finding = onlyInvalid(model);

    // then
    assertThat(finding.evidence()).containsEntry("cloudflaredMessage", "Hostname cannot contain a port");
    assertThat(finding.remediation()).isEqualTo("drop the scheme from rule #0's hostname: hostname: app.example.com (a rule's hostname"
        + " is only the host name; cloudflared serves http and https visitors alike)");
  }

  @Test
  void aBadRegexOnTheLastRuleIsReportedAsNotACatchAll() {
    // given
    IngressModel model = Rules.builder().rule("a.example.com", "http://localhost:1").rule("", "/(foo", "http_status:404").build();

    // when / then
    assertThat(cloudflaredMessage(model))
        .isEqualTo("The last ingress rule must match all URLs (i.e. it should not have a hostname or path filter)");
  }

  @Test
  void reportsAnAccessErrorBeforeAHostnameErrorInTheSameRule() {
    // given
    OriginRequestOverrides access =
        OriginRequestOverrides.builder().access(new AccessConfig(true, "", List.of("aud1"), "")).build();
    IngressModel model = Rules.builder().rule("a.example.com:80", "", "http://localhost:1", access).rule("", "http_status:404").build();

    // when / then
    assertThat(cloudflaredMessage(model)).isEqualTo("access.TeamName cannot be blank when access.audTags are present");
  }

  @Test
  void analysesOnlyTheRulesBeforeTheFailingOne() {
    // given
    IngressModel model = Rules.of(
        "app.example.com", "http://localhost:1",
        "app.example.com", "http://localhost:2",
        "bad.example.com", "http_status:1",
        "bad.example.com", "http://localhost:3",
        "", "http_status:404");

    // when
    List<Finding> findings = IngressValidator.validate(model);

    // then
    assertThat(findings).extracting(Finding::code, Finding::subject)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(FindingCode.INGRESS_INVALID, "rule #2"),
            org.assertj.core.groups.Tuple.tuple(FindingCode.RULE_UNREACHABLE, "rule #1"));
  }
}
