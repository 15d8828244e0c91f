package io.github.tunneldiagnostics.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A committed config names a credentials file that exists only on the connector host: like cloudflared's own
 * {@code ingress validate} and {@code ingress rule}, validate and match do not stop at it.
 */
class ConnectorHostFilesTest {
  @TempDir Path dir;
  Path config;

  @BeforeEach
  void writeConfig() throws Exception {
    config = Files.writeString(dir.resolve("config.yml"), String.join("\n",
        "tunnel: 6ff42ae2-765d-4adf-8112-31c55c1551ef",
        "credentials-file: /etc/cloudflared/6ff42ae2-765d-4adf-8112-31c55c1551ef.json",
        "ingress:",
        "  - hostname: app.example.com",
        "    service: http://127.0.0.1:8080",
        "  - service: http_status:404",
        ""));
  }

  @Test
  void validateWarnsThatOnlyTheConnectorHostNeedsTheCredentialsFile() {
    // when
    DoctorRun run = DoctorRun.of("validate", "--config", config.toString(), "--format", "json");

    // then
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains(
        "\"verdict\": \"DEGRADED\"",
        "\"code\": \"CREDENTIALS_MISSING\",\n      \"severity\": \"WARNING\"",
        "\"message\": \"the credentials file /etc/cloudflared/6ff42ae2-765d-4adf-8112-31c55c1551ef.json named by credentials-file"
            + " does not exist on this machine. Only the connector host needs it: cloudflared reads it when it runs the tunnel,"
            + " while `cloudflared tunnel ingress validate` and `ingress rule` never open it\"",
        "\"remediation\": \"nothing to change if this machine is not the connector host; on the connector host, check that"
            + " /etc/cloudflared/6ff42ae2-765d-4adf-8112-31c55c1551ef.json exists (tunnel-doctor diagnose run there reports it"
            + " as an ERROR when it does not)\"");
  }

  @Test
  void matchAnswersLikeCloudflaredIngressRule() {
    // when
    DoctorRun run = DoctorRun.of("match", "--config", config.toString(), "https://app.example.com/");

    // then
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).isEqualTo(
        """
        Using rules from %s

        https://app.example.com/
        Matched rule #0
        \thostname: app.example.com
        \tservice: http://127.0.0.1:8080
        Why: The host equals the rule's hostname; it is the first rule that matches.
        """.formatted(config));
  }

  @Test
  void diagnoseOnTheConnectorHostKeepsItAnError() {
    // when
    DoctorRun run = DoctorRun.of("diagnose", "--config", config.toString(), "--metrics", "127.0.0.1:1", "--timeout", "2s",
        "--format", "json");

    // then
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).contains(
        "\"code\": \"CREDENTIALS_MISSING\",\n      \"severity\": \"ERROR\"",
        "\"message\": \"the credentials file /etc/cloudflared/6ff42ae2-765d-4adf-8112-31c55c1551ef.json named by credentials-file"
            + " does not exist or is not a file, so cloudflared cannot run the tunnel\"");
  }
}
