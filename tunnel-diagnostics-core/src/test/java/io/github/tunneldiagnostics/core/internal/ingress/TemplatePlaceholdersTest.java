package io.github.tunneldiagnostics.core.internal.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.check.FindingCode;
import io.github.tunneldiagnostics.api.check.Severity;
import io.github.tunneldiagnostics.api.ingress.IngressModel;
import java.util.List;
import org.junit.jupiter.api.Test;

class TemplatePlaceholdersTest {

  private static List<Finding> templates(IngressModel model) {
    return IngressValidator.validate(model).stream().filter(f -> f.code().equals(FindingCode.CONFIG_TEMPLATE_UNEXPANDED)).toList();
  }

  @Test
  void findsEveryPlaceholderShapeInHostnamesPathsAndServices() {
    // given
    IngressModel model = Rules.builder()
        .rule("app.${DOMAIN}", "http://localhost:8080")
        .rule("hooks.$DOMAIN", "http://localhost:9000")
        .rule("api.example.com", "/{{ .Values.prefix }}", "http://localhost:9001")
        .rule("web.example.com", "http://localhost:{{ .Values.port }}")
        .rule("", "http_status:404")
        .build();

    // when
    List<Finding> findings = templates(model);

    // then
    assertThat(findings).extracting(Finding::message).containsExactly(
        "rule #0 (app.${DOMAIN}): hostname app.${DOMAIN} still holds the template placeholder ${DOMAIN}, but cloudflared expands"
            + " no variables in its config file: it matches only requests whose host is that literal text, so every real request"
            + " for the hostname falls through to a later rule or the catch-all",
        "rule #1 (hooks.$DOMAIN): hostname hooks.$DOMAIN still holds the template placeholder $DOMAIN, but cloudflared expands no"
            + " variables in its config file: it matches only requests whose host is that literal text, so every real request for"
            + " the hostname falls through to a later rule or the catch-all",
        "rule #2 (api.example.com path /{{ .Values.prefix }}): path /{{ .Values.prefix }} still holds the template placeholder"
            + " {{ .Values.prefix }}, but cloudflared expands no variables in its config file: it is searched as that literal regular"
            + " expression (where $ ends the text), so it does not match the paths it was meant for",
        "rule #3 (web.example.com): service http://localhost:{{ .Values.port }} still holds the template placeholder"
            + " {{ .Values.port }}, but cloudflared expands no variables in its config file: cloudflared dials that literal text, or"
            + " refuses it as an address");
    assertThat(findings).allSatisfy(f -> assertThat(f.severity()).isEqualTo(Severity.WARNING));
    assertThat(findings.get(0).remediation()).isEqualTo("render the template before cloudflared reads the file (e.g. envsubst <"
        + " config.tmpl.yml > config.yml, or the Helm/Ansible/Nix step that should have filled in ${DOMAIN}), so that the hostname"
        + " holds the real value");
    assertThat(findings.get(0).evidence())
        .containsEntry("rule", "0")
        .containsEntry("field", "hostname")
        .containsEntry("placeholders", "${DOMAIN}")
        .containsEntry("value", "app.${DOMAIN}");
  }

  @Test
  void oneUnrenderedTemplateAcrossRulesIsOneFindingNamingEveryRule() {
    // given
    IngressModel model = Rules.of("app.${DOMAIN}", "http://localhost:1", "api.${DOMAIN}", "http://localhost:2", "", "http_status:404");

    // when
    List<Finding> findings = templates(model);

    // then
    assertThat(findings).singleElement().satisfies(f -> {
      assertThat(f.subject()).isEqualTo("rules #0, #1");
      assertThat(f.message()).isEqualTo("2 rules (hostname app.${DOMAIN} of rule #0, hostname api.${DOMAIN} of rule #1) still hold"
          + " the template placeholder ${DOMAIN}, but cloudflared expands no variables in its config file: it matches only requests"
          + " whose host is that literal text, so every real request for the hostname falls through to a later rule or the catch-all");
      assertThat(f.evidence()).containsEntry("rules", "0, 1").doesNotContainKey("rule");
      assertThat(RuleList.rulesOf(f)).containsExactly(0, 1);
    });
  }

  @Test
  void leavesRegexAnchorsAndEscapedDollarsAlone() {
    // given
    IngressModel model = Rules.builder()
        .rule("app.example.com", "\\.php$", "http://localhost:1")
        .rule("app.example.com", "^/(a|b)$", "http://localhost:2")
        .rule("app.example.com", "/price/\\$USD", "http://localhost:3")
        .rule("", "http_status:404")
        .build();

    // when / then
    assertThat(templates(model)).isEmpty();
  }
}
