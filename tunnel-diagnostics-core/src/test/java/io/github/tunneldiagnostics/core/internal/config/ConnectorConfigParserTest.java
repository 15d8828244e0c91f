package io.github.tunneldiagnostics.core.internal.config;

import io.github.tunneldiagnostics.core.ConfigException;
import static io.github.tunneldiagnostics.core.internal.config.ConfigLoaderTest.catchConfigException;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.tunneldiagnostics.api.check.FindingCode;
import io.github.tunneldiagnostics.api.ingress.AccessConfig;
import io.github.tunneldiagnostics.api.ingress.ConfigSource;
import io.github.tunneldiagnostics.api.ingress.IngressModel;
import io.github.tunneldiagnostics.api.ingress.IngressRule;
import io.github.tunneldiagnostics.api.ingress.OriginRequest;
import io.github.tunneldiagnostics.api.ingress.OriginService;
import io.github.tunneldiagnostics.api.ingress.WarpRouting;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConnectorConfigParserTest {
  private static String fixture(String name) throws Exception {
    return Files.readString(Fixtures.of(ConnectorConfigParserTest.class, name));
  }

  @Test
  void readsA2023ConnectorsLocalConfig() throws Exception {
    // when
    IngressModel model = ConnectorConfigParser.parse(fixture("cloudflared-2023.7.3.json"), "127.0.0.1:20241");

    // then
    assertThat(model.source()).isEqualTo(ConfigSource.connector("127.0.0.1:20241", -1));
    assertThat(model.source().isRemotelyManaged()).isFalse();
    assertThat(model.rules()).extracting(IngressRule::hostname).containsExactly("app.example.com", "api.example.com", "");
    assertThat(model.rules()).extracting(IngressRule::path).containsExactly("", "^/v1/", "");
    assertThat(model.rule(0).service()).isEqualTo(new OriginService.Http("http", "localhost", 8080, "http://localhost:8080"));
    assertThat(model.rule(0).originRequest().connectTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(model.rule(0).originRequest().httpHostHeader()).isEqualTo("internal.example.com");
    assertThat(model.rule(0).originRequest().access()).isNull();
    assertThat(model.rule(1).originRequest().noTLSVerify()).isTrue();
    assertThat(model.rule(2).service()).isEqualTo(new OriginService.HttpStatus(404));
    assertThat(model.rule(2).originRequest()).isEqualTo(OriginRequest.DEFAULTS);
    assertThat(model.originRequest()).isEqualTo(OriginRequest.DEFAULTS);
    assertThat(model.warpRouting()).isEqualTo(WarpRouting.DEFAULTS);
    assertThat(model.rule(0).location()).isNull();
    assertThat(model.loadFindings()).isEmpty();
  }

  @Test
  void readsACurrentConnectorsRemoteConfigWithFractionalSeconds() throws Exception {
    // when
    IngressModel model = ConnectorConfigParser.parse(fixture("cloudflared-2026.8.json"), "localhost:20242");

    // then
    assertThat(model.source()).isEqualTo(ConfigSource.connector("localhost:20242", 3));
    assertThat(model.source().isRemotelyManaged()).isTrue();
    OriginRequest app = model.rule(0).originRequest();
    assertThat(app.connectTimeout()).isEqualTo(Duration.ofMillis(1500));
    assertThat(app.matchSNItoHost()).isTrue();
    assertThat(app.access()).isEqualTo(new AccessConfig(true, "team", List.of("aud1"), "fed"));
    assertThat(model.rule(1).service().toString()).isEqualTo("ssh://localhost:22");
    assertThat(model.warpRouting()).isEqualTo(new WarpRouting(Duration.ofSeconds(2), 100, Duration.ofSeconds(30)));
  }

  @Test
  void skipsIpRulesThatAConnectorSerialisesAsEmptyObjects() throws Exception {
    // given
    String json = "{\"version\":-1,\"config\":{\"ingress\":[{\"hostname\":\"\",\"path\":null,\"service\":\"socks-proxy\",\"Handlers\":null,"
        + "\"originRequest\":{\"ipRules\":[{},{}]}}],\"warp-routing\":{},\"originRequest\":{}}}";

    // when
    IngressModel model = ConnectorConfigParser.parse(json, "127.0.0.1:20241");

    // then
    assertThat(model.rule(0).service()).isEqualTo(new OriginService.SocksProxy());
    assertThat(model.rule(0).originRequest().ipRules()).isEmpty();
  }

  @Test
  void anEmptyIngressIsAModelWithoutRules() throws Exception {
    // when
    IngressModel model = ConnectorConfigParser.parse("{\"version\":-1,\"config\":{\"ingress\":null,\"warp-routing\":{},\"originRequest\":{}}}", "a:1");

    // then
    assertThat(model.rules()).isEmpty();
  }

  @Test
  void somethingElseThanConfigJsonIsRefused() {
    // when
    ConfigException html = catchConfigException(() -> ConnectorConfigParser.parse("<html>404</html>", "127.0.0.1:8080"));
    ConfigException noConfig = catchConfigException(() -> ConnectorConfigParser.parse("{\"status\":200}", "127.0.0.1:8080"));
    ConfigException badDuration =
        catchConfigException(() -> ConnectorConfigParser.parse("{\"version\":1,\"config\":{\"originRequest\":{\"connectTimeout\":\"30s\"}}}", "h:1"));

    // then
    assertThat(html.finding().code()).isEqualTo(FindingCode.CONFIG_YAML_INVALID);
    assertThat(html.getMessage()).isEqualTo("the connector's /config answer is not a JSON object");
    assertThat(html.finding().subject()).isEqualTo("127.0.0.1:8080/config");
    assertThat(html.finding().remediation())
        .isEqualTo("check that 127.0.0.1:8080/config is a cloudflared metrics server (cloudflared --metrics <address>) and not another service");
    assertThat(noConfig.getMessage()).isEqualTo("the connector's /config answer has no \"config\" object");
    assertThat(badDuration.getMessage())
        .isEqualTo("the connector's /config answer has an unexpected value at line 1, column 58:"
            + " the top-level originRequest.connectTimeout is the string \"30s\", but cloudflared expects a number of seconds");
  }
}
