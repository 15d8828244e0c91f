package io.github.tunneldiagnostics.core.internal.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.check.FindingCode;
import io.github.tunneldiagnostics.api.check.Severity;
import io.github.tunneldiagnostics.api.ingress.IngressModel;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UnknownKeyTest {
  @TempDir Path home;
  private IngressModel model;
  private String file;

  @BeforeEach
  void load() throws Exception {
    Path path = Fixtures.of(UnknownKeyTest.class, "unknown-keys.yml");
    file = path.toString();
    model = ConfigLoader.load(path, home);
  }

  private Finding findingFor(String key, int line) {
    return model.loadFindings().stream()
        .filter(f -> f.evidence().get("key").equals(key) && f.evidence().get("line").equals(Integer.toString(line)))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void everyUnknownKeyIsAWarningOfCheckConfigInFileOrder() {
    // then
    assertThat(model.loadFindings())
        .allSatisfy(f -> {
          assertThat(f.code()).isEqualTo(FindingCode.CONFIG_UNKNOWN_KEY);
          assertThat(f.severity()).isEqualTo(Severity.WARNING);
          assertThat(f.check()).isEqualTo("config");
        })
        .extracting(f -> f.evidence().get("key"))
        .containsExactly("originrequest", "ingres", "credentials_file", "frobnicate", "conectTimeout", "enabled",
            "conectTimeout", "servcie", "noTlsVerify", "teamname", "port");
  }

  @Test
  void aTypoInARulesOriginRequestNamesTheFieldCloudflaredKnows() {
    // when
    Finding finding = findingFor("noTlsVerify", 17);

    // then
    assertThat(finding.subject()).isEqualTo(file + ":17:7");
    assertThat(finding.message())
        .isEqualTo("cloudflared ignores the key noTlsVerify in rule #0 originRequest at " + file
            + " line 17: it is not a field there; did you mean noTLSVerify?");
    assertThat(finding.remediation()).isEqualTo("rename noTlsVerify to noTLSVerify (keys are case-sensitive)");
    assertThat(finding.evidence())
        .containsEntry("suggestion", "noTLSVerify")
        .containsEntry("rule", "0")
        .containsEntry("cloudflaredMessage", "yaml: unmarshal errors:\n  line 17: field noTlsVerify not found in type config.OriginRequestConfig");
    assertThat(finding.ruleIndex()).hasValue(0);
  }

  @Test
  void aTopLevelKeyThatIsNoFlagIsReportedBeyondCloudflared() {
    // when
    Finding finding = findingFor("originrequest", 2);

    // then
    assertThat(finding.message())
        .isEqualTo("the top-level key originrequest at " + file
            + " line 2 is neither a config section nor a cloudflared flag, so cloudflared silently ignores it; did you mean originRequest?");
    assertThat(finding.remediation()).isEqualTo("rename originrequest to originRequest (keys are case-sensitive)");
    assertThat(finding.evidence()).doesNotContainKey("cloudflaredMessage");
  }

  @Test
  void aKeyWithNothingCloseListsWhatToDo() {
    // when
    Finding finding = findingFor("frobnicate", 7);

    // then
    assertThat(finding.message()).endsWith("so cloudflared silently ignores it.");
    assertThat(finding.remediation())
        .isEqualTo("remove frobnicate, or use one of tunnel, ingress, originRequest, warp-routing or a cloudflared flag name such as credentials-file");
    assertThat(finding.evidence()).doesNotContainKey("suggestion");
  }

  @Test
  void theRemovedWarpRoutingEnabledKeySaysSince() {
    // when
    Finding finding = findingFor("enabled", 11);

    // then
    assertThat(finding.message())
        .isEqualTo("cloudflared ignores warp-routing enabled at " + file
            + " line 11: the key was removed in cloudflared 2023.10.0 (WARP routing is now turned on in the dashboard)");
  }

  @Test
  void unknownKeysDoNotChangeTheModel() {
    // then
    assertThat(model.rule(0).rawService()).isEmpty();
    assertThat(model.rule(0).originRequest().noTLSVerify()).isFalse();
    assertThat(model.originRequest().noTLSVerify()).isFalse();
    assertThat(model.setting("originrequest")).hasValue("{noTLSVerify: true}");
    assertThat(model.setting("metrics")).hasValue("localhost:20241");
  }

  @ParameterizedTest
  @CsvSource({
    "noTlsVerify, noTLSVerify",
    "conectTimeout, connectTimeout",
    "connecttimeout, connectTimeout",
    "tlstimeout, tlsTimeout",
    "httpHostheader, httpHostHeader",
    "originServername, originServerName",
    "caPoll, caPool",
    "http2origin, http2Origin",
    "matchSniToHost, matchSNItoHost",
    "keepAliveConnection, keepAliveConnections",
  })
  void suggestsTheClosestOriginRequestKey(String typo, String expected) {
    // when / then
    assertThat(KnownKeys.closest(typo, KnownKeys.ORIGIN_REQUEST)).hasValue(expected);
  }

  @ParameterizedTest
  @CsvSource({"originrequest, originRequest", "Ingress, ingress", "warp_routing, warp-routing", "credential-file, credentials-file",
      "no-autoupdates, no-autoupdate", "logLevel, loglevel", "Tunnel, tunnel"})
  void suggestsTheClosestTopLevelKey(String typo, String expected) {
    // when / then
    assertThat(KnownKeys.closestTopLevel(typo)).hasValue(expected);
  }

  @Test
  void suggestsNothingForUnrelatedKeys() {
    // when / then
    assertThat(KnownKeys.closest("frobnicate", KnownKeys.ORIGIN_REQUEST)).isEmpty();
    assertThat(KnownKeys.closest("x".repeat(10_000), List.of("x"))).isEmpty();
  }

  @Test
  void cloudflaredFlagsAndSectionsAreKnownTopLevelKeys() {
    // then
    assertThat(List.of("tunnel", "ingress", "warp-routing", "originRequest", "credentials-file", "cred-file", "token", "metrics",
            "loglevel", "protocol", "no-autoupdate", "origincert", "url", "edge-ip-version", "ha-connections", "grace-period"))
        .allMatch(KnownKeys::isKnownTopLevel);
  }
}
