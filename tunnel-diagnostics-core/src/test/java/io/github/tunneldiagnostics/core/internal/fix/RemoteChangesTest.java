package io.github.tunneldiagnostics.core.internal.fix;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tunneldiagnostics.api.check.Remedy;
import io.github.tunneldiagnostics.core.internal.report.JsonTree;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A remotely managed tunnel's changes made on its API configuration (the PUT body), old values checked first. */
class RemoteChangesTest {
  private static Map<String, Object> rule(String hostname, String service, Map<String, Object> originRequest) {
    Map<String, Object> rule = new LinkedHashMap<>();
    if (!hostname.isEmpty()) {
      rule.put("hostname", hostname);
    }
    rule.put("service", service);
    if (!originRequest.isEmpty()) {
      rule.put("originRequest", originRequest);
    }
    return rule;
  }

  private static Map<String, Object> config() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("ingress", List.of(rule("*.example.com", "https://127.0.0.1:8443", Map.of("noTLSVerify", true)),
        rule("api.example.com", "http://127.0.0.1:8081", Map.of()), rule("", "http_status:404", Map.of())));
    config.put("originRequest", Map.of("connectTimeout", 30));
    return config;
  }

  @Test
  void everyKindOfChangeIsMadeOnACopyAddressingRulesByTheirOriginalIndexWithDurationsInSeconds() {
    Map<String, Object> original = config();
    String before = JsonTree.render(original);

    RemoteChanges.Applied applied = RemoteChanges.apply(original, List.of(
        new Remedy.SetService(1, "http://127.0.0.1:8081", "http://127.0.0.1:8082", "port"),
        new Remedy.SetOriginRequest(0, "originServerName", null, "app.example.com", "sni"),
        new Remedy.SetOriginRequest(Remedy.TOP_LEVEL, "tlsTimeout", null, "1m30s", "timeout"),
        new Remedy.MoveRule(1, 0, "order"),
        new Remedy.AddRule(0, "example.com", "https://127.0.0.1:8443", 0, "apex")));

    assertThat(applied.problem()).isNull();
    assertThat(JsonTree.render(original)).as("the input is not changed").isEqualTo(before);
    assertThat(JsonTree.render(java.util.Objects.requireNonNull(applied.config()))).isEqualTo("""
        {
          "ingress": [
            {
              "hostname": "api.example.com",
              "service": "http://127.0.0.1:8082"
            },
            {
              "hostname": "example.com",
              "service": "https://127.0.0.1:8443",
              "originRequest": {
                "noTLSVerify": true,
                "originServerName": "app.example.com"
              }
            },
            {
              "hostname": "*.example.com",
              "service": "https://127.0.0.1:8443",
              "originRequest": {
                "noTLSVerify": true,
                "originServerName": "app.example.com"
              }
            },
            {
              "service": "http_status:404"
            }
          ],
          "originRequest": {
            "connectTimeout": 30,
            "tlsTimeout": 90
          }
        }
        """);
  }

  @Test
  void aRuleThatNoLongerHoldsTheOldServiceStopsEveryChange() {
    RemoteChanges.Applied applied = RemoteChanges.apply(config(), List.of(
        new Remedy.SetService(1, "http://127.0.0.1:9999", "http://127.0.0.1:8082", "port")));

    assertThat(applied.config()).isNull();
    assertThat(applied.problem()).isEqualTo("rule #1's service in the remote configuration is not http://127.0.0.1:9999 any more; run fix again");
  }

  @Test
  void aDurationThatIsNotWholeSecondsCannotBeWrittenInTheApisForm() {
    assertThat(RemoteChanges.jsonValue("connectTimeout", "500ms")).isNull();
    assertThat(RemoteChanges.jsonValue("connectTimeout", "2m")).isEqualTo(120L);
    assertThat(RemoteChanges.jsonValue("noTLSVerify", "true")).isEqualTo(true);
    assertThat(RemoteChanges.jsonValue("originServerName", "a.example.com")).isEqualTo("a.example.com");
  }
}
