package io.github.tunneldiagnostics.core.internal.config;

import io.github.tunneldiagnostics.core.ConfigException;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.tunneldiagnostics.api.Route;
import io.github.tunneldiagnostics.api.check.CheckContext;
import io.github.tunneldiagnostics.api.check.CheckResult;
import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.check.FindingCode;
import io.github.tunneldiagnostics.api.check.Resolver;
import io.github.tunneldiagnostics.api.ingress.IngressModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigCheckTest {
  static final String TOKEN = "eyJhIjoiMDEyMyIsInMiOiJUT1BTRUNSRVQtdG9rZW4tdmFsdWUiLCJ0IjoieCJ9";
  static final String CONTENTS_SECRET = "Q09OVEVOVFMtU0VDUkVULW5vdC1iYXNlNjQ_";
  static final String FILE_SECRET = "FILE*SECRET*not*base64";

  @TempDir Path dir;

  private static CheckContext contextFor(IngressModel model) {
    return new CheckContext() {
      @Override
      public IngressModel ingress() {
        return model;
      }

      @Override
      public List<Route> routes() {
        return List.of();
      }

      @Override
      public Instant deadline() {
        return Instant.now().plusSeconds(10);
      }

      @Override
      public Clock clock() {
        return Clock.systemUTC();
      }

      @Override
      public Resolver resolver() {
        throw new UnsupportedOperationException("the config check resolves nothing");
      }

      @Override
      public Optional<CheckResult> resultOf(String checkId) {
        return Optional.empty();
      }
    };
  }

  private IngressModel messyModel() throws Exception {
    Files.writeString(dir.resolve("creds.json"), "{\"TunnelSecret\":\"" + FILE_SECRET + "\",\"TunnelID\":\"6ff42ae2-765d-4adf-8112-31c55c1551ef\"}");
    String yaml = String.join("\n",
        "tunnel: 6ff42ae2-765d-4adf-8112-31c55c1551ef",
        "credentials-file: creds.json",
        "originrequest: {}",
        "ingress:",
        "  - hostname: app.example.com",
        "    service: https://localhost:8443",
        "    originRequest:",
        "      noTlsVerify: true",
        "      caPool: missing.pem",
        "  - service: http_status:404",
        "");
    return ConfigLoader.parse(yaml, dir.resolve("config.yml"), dir, List.of());
  }

  @Test
  void reportsTheLoadFindingsUnderTheirOwnCheckIds() throws Exception {
    // given
    IngressModel model = messyModel();
    ConfigCheck check = new ConfigCheck();

    // when
    List<Finding> findings = check.run(contextFor(model));

    // then
    assertThat(check.id()).isEqualTo("config");
    assertThat(findings)
        .extracting(Finding::code)
        .containsExactly(FindingCode.CONFIG_UNKNOWN_KEY, FindingCode.CONFIG_UNKNOWN_KEY, FindingCode.CA_POOL_UNREADABLE,
            FindingCode.CREDENTIALS_INVALID);
    assertThat(findings).allSatisfy(f -> {
      assertThat(f.check()).isIn("config", "credentials");
      assertThat(f.subject()).isNotBlank();
      assertThat(f.message()).isNotBlank();
      assertThat(f.remediation()).isNotBlank();
      assertThat(f.evidence()).containsEntry("source", "config");
    });
    assertThat(findings).allSatisfy(f -> assertThat(f.subject()).matches(".*config\\.yml:\\d+:\\d+"));
  }

  @Test
  void noSecretEverAppearsInAModelFindingOrException() throws Exception {
    // given
    String yaml = "token: " + TOKEN + "\ncredentials-contents: '{\"TunnelSecret\":\"" + CONTENTS_SECRET + "\"}'\ningress:\n  - service: x\n";
    Files.writeString(dir.resolve("creds.json"), "{\"TunnelSecret\": \"" + FILE_SECRET + "\"}");

    // when
    IngressModel withToken = ConfigLoader.parse(yaml, dir.resolve("config.yml"), dir, List.of());
    IngressModel withContents = ConfigLoader.parse(yaml.replace("token: " + TOKEN + "\n", ""), dir.resolve("config.yml"), dir, List.of());
    IngressModel withFile = messyModel();
    ConfigException typeError = ConfigLoaderTest.catchConfigException(
        () -> ConfigLoader.parse(yaml + "originRequest:\n  connectTimeout: 30\n", dir.resolve("config.yml"), dir, List.of()));
    ConfigException syntaxError = ConfigLoaderTest.catchConfigException(
        () -> ConfigLoader.parse("token: " + TOKEN + "\n  bad: [", dir.resolve("config.yml"), dir, List.of()));

    // then
    assertThat(withContents.loadFindings()).extracting(Finding::code).containsExactly(FindingCode.CREDENTIALS_INVALID);
    assertThat(withFile.loadFindings()).extracting(Finding::code).contains(FindingCode.CREDENTIALS_INVALID);
    for (Object reported : List.of(withToken, withContents, withFile, typeError.finding(), typeError.getMessage(), syntaxError.finding(),
        syntaxError.getMessage())) {
      assertThat(reported.toString()).doesNotContain(TOKEN, CONTENTS_SECRET, FILE_SECRET);
    }
    assertThat(withToken.setting("token")).hasValue(Finding.REDACTED);
    assertThat(withContents.setting("credentials-contents")).hasValue(Finding.REDACTED);
  }
}
