package io.github.tunneldiagnostics.core.internal.config;

import static io.github.tunneldiagnostics.core.internal.config.ConfigLoaderTest.catchConfigException;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.tunneldiagnostics.api.ingress.AccessConfig;
import io.github.tunneldiagnostics.api.ingress.IngressModel;
import io.github.tunneldiagnostics.api.ingress.OriginRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The scalar rules of yaml.v3 as cloudflared's fields see them. */
class TypeRulesTest {
  @TempDir Path home;

  private String cloudflaredMessage(String yaml) {
    return catchConfigException(() -> ConfigLoader.parse(yaml, Path.of("/c/config.yml"), home, List.of()))
        .finding()
        .evidence()
        .get("cloudflaredMessage");
  }

  @Test
  void readsIntsDurationsStringsAndNullsTheYamlV3Way() throws Exception {
    // when
    IngressModel model = ConfigLoader.load(Fixtures.of(TypeRulesTest.class, "scalars.yml"), home);

    // then
    OriginRequest top = model.originRequest();
    assertThat(top.keepAliveConnections()).isEqualTo(16);
    assertThat(top.proxyPort()).isEqualTo(8080);
    assertThat(top.tcpKeepAlive()).isEqualTo(Duration.ofMillis(3_661_500));
    assertThat(top.httpHostHeader()).isEqualTo("12345");
    assertThat(top.originServerName()).isEqualTo("yes");
    assertThat(top.proxyAddress()).isEqualTo("127.0.0.1"); // null means absent: the default stays
    assertThat(top.caPool()).isEmpty();
    assertThat(top.noHappyEyeballs()).isFalse();
    assertThat(model.warpRouting().maxActiveFlows()).isEqualTo(Long.MAX_VALUE);
    assertThat(model.warpRouting().tcpKeepAlive()).isEqualTo(Duration.ofSeconds(45));
    OriginRequest rule = model.rule(0).originRequest();
    assertThat(rule.keepAliveConnections()).isEqualTo(1); // a float is truncated into an int field
    assertThat(rule.connectTimeout()).isEqualTo(Duration.ofSeconds(-1));
    assertThat(rule.access()).isEqualTo(new AccessConfig(true, "team", List.of("tag1", "tag2"), "fed"));
    assertThat(rule.ipRules().get(0).ports()).containsExactly(80, 443);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "connectTimeout: 0|line 2: cannot unmarshal !!int `0` into time.Duration",
        "connectTimeout: 1.5|line 2: cannot unmarshal !!float `1.5` into time.Duration",
        "connectTimeout: 10 s|line 2: cannot unmarshal !!str `10 s` into time.Duration",
        "connectTimeout: true|line 2: cannot unmarshal !!bool `true` into time.Duration",
        "connectTimeout: [1s]|line 2: cannot unmarshal !!seq into time.Duration",
        "connectTimeout: a very long duration|line 2: cannot unmarshal !!str `a very ...` into time.Duration",
        "noTLSVerify: 1|line 2: cannot unmarshal !!int `1` into bool",
        "noTLSVerify: 'maybe'|line 2: cannot unmarshal !!str `maybe` into bool",
        "keepAliveConnections: 10s|line 2: cannot unmarshal !!str `10s` into int",
        "keepAliveConnections: '10'|line 2: cannot unmarshal !!str `10` into int",
        "keepAliveConnections: 9223372036854775808|line 2: cannot unmarshal !!int `9223372...` into int",
        "proxyPort: -80|line 2: cannot unmarshal !!int `-80` into uint",
        "httpHostHeader: {a: b}|line 2: cannot unmarshal !!map into string",
        "ipRules: 127.0.0.0/8|line 2: cannot unmarshal !!str `127.0.0...` into []config.IngressIPRule",
        "ipRules: [{prefix: 127.0.0.0/8, ports: 80}]|line 2: cannot unmarshal !!int `80` into []int",
        "access: true|line 2: cannot unmarshal !!bool `true` into config.AccessConfig",
        "access: {audTag: tag}|line 2: cannot unmarshal !!str `tag` into []string",
      })
  void wrongTypesUseYamlV3sText(String field, String expected) {
    // when / then
    assertThat(cloudflaredMessage("originRequest:\n  " + field + "\n")).isEqualTo("yaml: unmarshal errors:\n  " + expected);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "'tunnel: [a]'|line 1: cannot unmarshal !!seq into string",
        "'warp-routing: []'|line 1: cannot unmarshal !!seq into config.WarpRoutingConfig",
        "'warp-routing: {maxActiveFlows: -1}'|line 1: cannot unmarshal !!int `-1` into uint64",
        "'ingress: yes'|line 1: cannot unmarshal !!str `yes` into []config.UnvalidatedIngressRule",
        "'- just a list'|line 1: cannot unmarshal !!seq into config.configFileSettings",
        "'just text'|line 1: cannot unmarshal !!str `just text` into config.configFileSettings",
      })
  void wrongTopLevelShapesUseYamlV3sText(String yaml, String expected) {
    // when / then
    assertThat(cloudflaredMessage(yaml + "\n")).isEqualTo("yaml: unmarshal errors:\n  " + expected);
  }

  @ParameterizedTest
  @CsvSource({"y, true", "Y, true", "yes, true", "Yes, true", "YES, true", "on, true", "On, true", "ON, true", "true, true",
      "True, true", "TRUE, true", "n, false", "N, false", "no, false", "No, false", "NO, false", "off, false", "Off, false",
      "OFF, false", "false, false", "False, false", "FALSE, false", "'\"yes\"', true", "'''off''', false"})
  void boolFieldsAcceptEveryFormYamlV3Accepts(String written, boolean expected) throws Exception {
    // when
    IngressModel model = ConfigLoader.parse("originRequest:\n  http2Origin: " + written + "\n", Path.of("/c/config.yml"), home, List.of());

    // then
    assertThat(model.originRequest().http2Origin()).isEqualTo(expected);
  }
}
