package io.github.tunneldiagnostics.core.internal.config;

import io.github.tunneldiagnostics.core.ConfigException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.check.FindingCode;
import io.github.tunneldiagnostics.api.check.Severity;
import io.github.tunneldiagnostics.api.ingress.AccessConfig;
import io.github.tunneldiagnostics.api.ingress.IngressModel;
import io.github.tunneldiagnostics.api.ingress.IngressRule;
import io.github.tunneldiagnostics.api.ingress.IpRule;
import io.github.tunneldiagnostics.api.ingress.OriginService;
import io.github.tunneldiagnostics.api.ingress.SourceLocation;
import io.github.tunneldiagnostics.api.ingress.WarpRouting;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir Path home;

  private IngressModel load(String fixture) throws ConfigException {
    return ConfigLoader.load(Fixtures.of(ConfigLoaderTest.class, fixture), home);
  }

  private static String file(String fixture) {
    return Fixtures.of(ConfigLoaderTest.class, fixture).toString();
  }

  private ConfigException failure(String fixture) {
    return org.assertj.core.api.Assertions.catchThrowableOfType(ConfigException.class, () -> load(fixture));
  }

  @Test
  void loadsEveryPartOfAFullConfig() throws Exception {
    // when
    IngressModel model = load("full.yml");

    // then
    assertThat(model.tunnel()).isEqualTo("6ff42ae2-765d-4adf-8112-31c55c1551ef");
    assertThat(model.source().file()).isEqualTo(Fixtures.of(ConfigLoaderTest.class, "full.yml"));
    assertThat(model.settings())
        .containsExactly(
            Map.entry("credentials-file", "creds.json"),
            Map.entry("token", Finding.REDACTED),
            Map.entry("metrics", "localhost:20241"),
            Map.entry("loglevel", "debug"),
            Map.entry("tag", "[env=prod, team=web]"));
    assertThat(model.warpRouting()).isEqualTo(new WarpRouting(Duration.ofSeconds(2), 100, Duration.ofSeconds(30)));
    assertThat(model.originRequest().connectTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(model.originRequest().keepAliveConnections()).isEqualTo(50);
    assertThat(model.rules()).extracting(IngressRule::hostname).containsExactly("app.example.com", "api.example.com", "");
    assertThat(model.rule(1).path()).isEqualTo("^/v1/");
    assertThat(model.rule(1).service()).isEqualTo(new OriginService.Http("https", "127.0.0.1", 8443, "https://127.0.0.1:8443"));
    assertThat(model.rule(2).service()).isEqualTo(new OriginService.HttpStatus(404));
    assertThat(model.rules())
        .extracting(IngressRule::location)
        .containsExactly(
            new SourceLocation(file("full.yml"), 24, 5),
            new SourceLocation(file("full.yml"), 26, 5),
            new SourceLocation(file("full.yml"), 38, 5));
    assertThat(model.loadFindings()).isEmpty(); // a token replaces the credentials file
  }

  @Test
  void rulesInheritTheTopLevelOriginRequestFieldByField() throws Exception {
    // when
    IngressModel model = load("full.yml");

    // then
    IngressRule inherits = model.rule(0);
    assertThat(inherits.originRequest()).isEqualTo(model.originRequest());
    assertThat(inherits.originRequest().httpHostHeader()).isEqualTo("internal.example.com");
    assertThat(inherits.originRequest().noTLSVerify()).isTrue();
    assertThat(model.rule(2).originRequest()).isEqualTo(model.originRequest()); // the catch-all too
  }

  @Test
  void aNullListItemIsDroppedAsYamlV3DropsIt() throws Exception {
    // when
    IngressModel model = ConfigLoader.parse("ingress:\n  -\n  - service: http_status:404\n  - ~\n", Path.of("/c/config.yml"), home);

    // then
    assertThat(model.rules()).extracting(IngressRule::rawService).containsExactly("http_status:404");
  }

  @Test
  void explicitEmptyValuesOverrideAndIpRulesAndAccessAreReplacedWhole() throws Exception {
    // when
    IngressRule rule = load("full.yml").rule(1);

    // then
    assertThat(rule.overrides().httpHostHeader()).isEmpty();
    assertThat(rule.overrides().noTLSVerify()).isFalse();
    assertThat(rule.overrides().tlsTimeout()).isNull();
    assertThat(rule.originRequest().connectTimeout()).isEqualTo(Duration.ofSeconds(90));
    assertThat(rule.originRequest().httpHostHeader()).isEmpty();
    assertThat(rule.originRequest().noTLSVerify()).isFalse();
    assertThat(rule.originRequest().keepAliveConnections()).isEqualTo(50);
    assertThat(rule.originRequest().ipRules()).containsExactly(new IpRule("127.0.0.1/32", List.of(), false));
    assertThat(rule.originRequest().access()).isEqualTo(new AccessConfig(false, "other", List.of(), ""));
  }

  @Test
  void globalBastionModeTurnsEveryUrlServiceIntoBastionUnlessTheRuleSetsFalse() throws Exception {
    // when
    IngressModel model = load("bastion.yml");

    // then
    assertThat(model.rules())
        .extracting(r -> r.service().toString())
        .containsExactly("bastion", "http://localhost:8080", "http_status:418", "bastion");
    assertThat(model.rule(1).overrides().bastionMode()).isFalse();
  }

  @Test
  void aMissingServiceIsAnEmptyStringWithCloudflaredsMessage() throws Exception {
    // when
    IngressModel model = load("missing-service.yml");

    // then
    assertThat(model.rules()).hasSize(2);
    assertThat(model.rule(0).rawService()).isEmpty();
    assertThat(model.rule(0).service())
        .isEqualTo(new OriginService.Invalid("", " is an invalid address, please make sure it has a scheme and a hostname"));
    assertThat(model.rule(1).hostname()).isEmpty();
    assertThat(model.rule(1).path()).isEmpty();
    assertThat(model.rule(1).rawService()).isEqualTo("http_status:404");
    assertThat(model.rule(1).location()).isEqualTo(new SourceLocation(file("missing-service.yml"), 4, 5));
  }

  @Test
  void aBareIntegerDurationIsRejectedWithCloudflaredsText() {
    // when
    ConfigException e = failure("bare-int-duration.yml");

    // then
    String f = file("bare-int-duration.yml");
    Finding finding = e.finding();
    assertThat(finding.code()).isEqualTo(FindingCode.CONFIG_YAML_INVALID);
    assertThat(finding.severity()).isEqualTo(Severity.ERROR);
    assertThat(finding.check()).isEqualTo("config");
    assertThat(finding.subject()).isEqualTo(f + ":3:19");
    assertThat(e.getMessage())
        .isEqualTo(f + " line 3, column 19: the top-level originRequest.connectTimeout is the integer 30,"
            + " but cloudflared needs a Go duration string such as \"30s\", \"1m30s\" or \"300ms\"");
    assertThat(finding.remediation())
        .isEqualTo("add a unit: `connectTimeout: 30s` (units: ns, us, ms, s, m, h; e.g. 30s, 1m30s, 300ms)");
    assertThat(finding.evidence())
        .containsEntry("cloudflaredMessage", "yaml: unmarshal errors:\n  line 3: cannot unmarshal !!int `30` into time.Duration")
        .containsEntry("cloudflaredLog", "error parsing YAML in config file at " + f
            + ": yaml: unmarshal errors:\n  line 3: cannot unmarshal !!int `30` into time.Duration")
        .containsEntry("line", "3")
        .containsEntry("column", "19")
        .containsEntry("value", "30");
  }

  @Test
  void aQuotedNumberIsAStringWithoutAUnit() {
    // when
    ConfigException e = failure("quoted-int-duration.yml");

    // then
    assertThat(e.getMessage())
        .isEqualTo(file("quoted-int-duration.yml") + " line 5, column 19: rule #0 originRequest.tlsTimeout is the string \"30\","
            + " but cloudflared needs a Go duration string such as \"30s\", \"1m30s\" or \"300ms\" (time: missing unit in duration \"30\")");
    assertThat(e.finding().evidence())
        .containsEntry("cloudflaredMessage", "yaml: unmarshal errors:\n  line 5: cannot unmarshal !!str `30` into time.Duration");
  }

  @Test
  void boolFieldsAcceptYaml11FormsEvenQuoted() throws Exception {
    // when
    IngressModel model = load("booleans.yml");

    // then
    assertThat(model.rules()).extracting(r -> r.originRequest().noTLSVerify()).containsExactly(true, true, false, true, false, false);
  }

  @Test
  void aQuotedTrueIsAStringThatYamlV3RefusesForABool() {
    // when
    ConfigException e = failure("quoted-true.yml");

    // then
    assertThat(e.getMessage())
        .isEqualTo(file("quoted-true.yml") + " line 4, column 20: rule #0 originRequest.noTLSVerify is the string \"true\", but cloudflared expects true or false");
    assertThat(e.finding().remediation())
        .isEqualTo("write `noTLSVerify: true` or `noTLSVerify: false` without quotes (a quoted \"true\" is a string to cloudflared)");
    assertThat(e.finding().evidence())
        .containsEntry("cloudflaredMessage", "yaml: unmarshal errors:\n  line 4: cannot unmarshal !!str `true` into bool");
  }

  @Test
  void everyWrongValueIsListedInYamlV3sOrderAndShape() {
    // when
    ConfigException e = failure("many-type-errors.yml");

    // then
    assertThat(e.getMessage())
        .isEqualTo(file("many-type-errors.yml") + " line 2, column 25: the top-level originRequest.keepAliveConnections is the string \"many\","
            + " but cloudflared expects a whole number (and 5 more wrong values)");
    assertThat(e.finding().evidence())
        .containsEntry("cloudflaredMessage", String.join("\n",
            "yaml: unmarshal errors:",
            "  line 2: cannot unmarshal !!str `many` into int",
            "  line 3: cannot unmarshal !!int `-1` into uint",
            "  line 4: cannot unmarshal !!int `1` into bool",
            "  line 6: cannot unmarshal !!seq into string",
            "  line 9: cannot unmarshal !!timestamp `2024-01-01` into time.Duration",
            "  line 10: cannot unmarshal !!map into string"))
        .containsEntry("problem.1", "line 3, column 14: the top-level originRequest.proxyPort is the integer -1, but cloudflared expects a whole number of 0 or more");
  }

  @Test
  void aListWhereAMappingBelongsNamesTheGoType() {
    // when
    ConfigException e = failure("originrequest-as-list.yml");

    // then
    assertThat(e.getMessage())
        .isEqualTo(file("originrequest-as-list.yml") + " line 2, column 3: the top-level originRequest is a list,"
            + " but cloudflared expects a mapping of settings such as connectTimeout: 30s");
    assertThat(e.finding().evidence())
        .containsEntry("cloudflaredMessage", "yaml: unmarshal errors:\n  line 2: cannot unmarshal !!seq into config.OriginRequestConfig");
  }

  @Test
  void aMappingWhereTheRuleListBelongsNamesTheGoType() {
    // when
    ConfigException e = failure("ingress-as-map.yml");

    // then
    assertThat(e.getMessage()).isEqualTo(file("ingress-as-map.yml") + " line 2, column 3: ingress is a mapping, but cloudflared expects a list of rules, each starting with `- `");
    assertThat(e.finding().evidence())
        .containsEntry("cloudflaredMessage", "yaml: unmarshal errors:\n  line 2: cannot unmarshal !!map into []config.UnvalidatedIngressRule");
  }

  @Test
  void aLongScalarIsShortenedInYamlV3sMessage() {
    // when
    ConfigException e = failure("ingress-scalar-rule.yml");

    // then
    assertThat(e.finding().evidence())
        .containsEntry("cloudflaredMessage", "yaml: unmarshal errors:\n  line 2: cannot unmarshal !!str `http://...` into config.UnvalidatedIngressRule");
  }

  @Test
  void aDuplicateKeyIsAnError() {
    // when
    ConfigException e = failure("duplicate-key.yml");

    // then
    assertThat(e.getMessage()).isEqualTo(file("duplicate-key.yml") + " line 4, column 5: the key service appears twice in the same mapping (first at line 3)");
    assertThat(e.finding().evidence())
        .containsEntry("cloudflaredMessage", "yaml: unmarshal errors:\n  line 4: mapping key \"service\" already defined at line 3");
  }

  @Test
  void mergeKeysApplyAndExplicitKeysWin() throws Exception {
    // when
    IngressModel model = load("merge-key.yml");

    // then
    assertThat(model.rule(0).originRequest().connectTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(model.rule(0).originRequest().noTLSVerify()).isFalse();
  }

  @Test
  void aSyntaxErrorNamesLineAndColumn() {
    // when
    ConfigException e = failure("syntax-error.yml");

    // then
    String f = file("syntax-error.yml");
    assertThat(e.finding().subject()).isEqualTo(f + ":4:4");
    assertThat(e.getMessage())
        .isEqualTo(f + " is not valid YAML at line 4, column 4: expected <block end>, but found '<block mapping start>' (while parsing a block collection)");
    assertThat(e.finding().remediation())
        .isEqualTo("fix line 4 of " + f + " (indent with spaces, not tabs; quote values that contain \": \" or start with *, &, !, [ or {)");
  }

  @Test
  void anEmptyFileYieldsAModelWithoutRules() throws Exception {
    // when
    IngressModel comments = load("empty.yml");
    IngressModel nothing = load("truly-empty.yml");

    // then
    assertThat(comments.rules()).isEmpty();
    assertThat(comments.loadFindings()).isEmpty();
    assertThat(nothing.rules()).isEmpty();
    assertThat(nothing.settings()).isEmpty();
  }

  @Test
  void aMissingFileIsConfigNotFound() {
    // given
    Path missing = home.resolve("nope.yml");

    // when
    ConfigException e = catchConfigException(() -> ConfigLoader.load(missing, home));

    // then
    assertThat(e.finding().code()).isEqualTo(FindingCode.CONFIG_NOT_FOUND);
    assertThat(e.finding().subject()).isEqualTo(missing.toString());
    assertThat(e.getMessage()).isEqualTo("no config file exists at " + missing);
    assertThat(e.finding().remediation()).startsWith("create it, or pass the path cloudflared uses (its --config flag");
  }

  @Test
  void aDirectoryIsNotAConfigFile() {
    // when
    ConfigException e = catchConfigException(() -> ConfigLoader.load(home, home));

    // then
    assertThat(e.finding().code()).isEqualTo(FindingCode.CONFIG_NOT_FOUND);
    assertThat(e.getMessage()).isEqualTo(home + " is a directory, not a config file");
  }

  @Test
  void parseReadsTextAndNamesTheGivenFile() throws Exception {
    // when
    IngressModel model = ConfigLoader.parse("ingress:\n  - service: http://localhost:8080\n", Path.of("/etc/cloudflared/config.yml"));

    // then
    assertThat(model.rule(0).location()).isEqualTo(new SourceLocation("/etc/cloudflared/config.yml", 2, 5));
    assertThat(model.rule(0).service().toString()).isEqualTo("http://localhost:8080");
  }

  interface ThrowingCall {
    Object call() throws Exception;
  }

  static ConfigException catchConfigException(ThrowingCall call) {
    try {
      call.call();
    } catch (ConfigException e) {
      return e;
    } catch (Exception e) {
      throw new AssertionError("expected a ConfigException but got " + e, e);
    }
    throw new AssertionError("expected a ConfigException but nothing was thrown");
  }
}
