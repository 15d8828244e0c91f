package io.github.tunneldiagnostics.core.internal.ingress;

import io.github.tunneldiagnostics.api.RouteUrl;
import io.github.tunneldiagnostics.core.RuleMatch;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.check.FindingCode;
import io.github.tunneldiagnostics.api.ingress.IngressModel;
import io.github.tunneldiagnostics.core.internal.config.ConfigLoader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The ingress engine on models the config loader builds from YAML. */
class LoadedConfigTest {

  @Test
  void validatesAndMatchesALoadedConfigWithItsSourceLocations() throws Exception {
    // given
    String yaml = """
        tunnel: 6ff42ae2-765d-4adf-8112-31c55c1551ef
        originRequest:
          noTLSVerify: true
        ingress:
          - hostname: app.example.com
            service: https://127.0.0.1:8443
          - hostname: app.example.com
            service: http://127.0.0.1:8080
          - hostname: "*.example.com"
            path: /api
            service: http://127.0.0.1:8081
          - service: http_status:404
        """;
    IngressModel model = ConfigLoader.parse(yaml, Path.of("config.yml"));

    // when
    List<Finding> findings = IngressValidator.validate(model);
    RuleMatch match = IngressMatcher.of(model).match(RouteUrl.parse("https://x.example.com/v2/api/users"));

    // then
    assertThat(findings).extracting(Finding::code, Finding::subject)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(FindingCode.RULE_UNREACHABLE, "rule #1"),
            org.assertj.core.groups.Tuple.tuple(FindingCode.WILDCARD_APEX_UNMATCHED, "example.com"),
            org.assertj.core.groups.Tuple.tuple(FindingCode.PATH_REGEX_UNANCHORED, "rule #2"),
            org.assertj.core.groups.Tuple.tuple(FindingCode.TLS_VERIFY_DISABLED, "rule #0"));
    assertThat(findings.get(0).evidence().get("location")).startsWith("config.yml:7:");
    assertThat(match.index()).isEqualTo(2);
  }

  @Test
  void reportsCloudflaredsErrorForALoadedConfig() throws Exception {
    // given
    String yaml = """
        ingress:
          - hostname: app.example.com:443
            service: http://127.0.0.1:8080
          - service: http_status:404
        """;
    IngressModel model = ConfigLoader.parse(yaml, Path.of("config.yml"));

    // when
    List<Finding> findings = IngressValidator.validate(model);

    // then
    assertThat(findings).singleElement().satisfies(f -> {
      assertThat(f.code()).isEqualTo(FindingCode.INGRESS_INVALID);
      assertThat(f.message()).startsWith(
          "cloudflared refuses the ingress rules because of rule #0 (app.example.com:443) at config.yml:2:");
      assertThat(f.message()).endsWith(": Hostname cannot contain a port");
      assertThat(f.remediation())
          .isEqualTo(
              "remove the port from rule #0's hostname: hostname: app.example.com (cloudflared ignores the request's port when"
                  + " it matches hostnames)");
    });
  }
}
