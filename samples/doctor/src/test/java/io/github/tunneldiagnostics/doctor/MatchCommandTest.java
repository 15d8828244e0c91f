package io.github.tunneldiagnostics.doctor;

import static io.github.tunneldiagnostics.doctor.DoctorRun.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MatchCommandTest {

  @Test
  void printsTheMatchedRuleLikeCloudflaredWithTheReason() {
    // given
    String config = fixture("healthy.yml");

    // when
    DoctorRun run = DoctorRun.of("match", "--config", config, "https://app.example.com/", "https://a.b.example.com:8443/api/v1?x=1");

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

        https://a.b.example.com:8443/api/v1?x=1
        Matched rule #2
        \thostname: *.example.com
        \tpath: ^/api/
        \tservice: http://127.0.0.1:8081
        Why: The host ends with '.example.com', which the wildcard matches (it never
             matches the apex) and its path regex '^/api/' matches '/api/v1'
             (unanchored, like Go's regexp.MatchString); it is the first rule that
             matches.
        """.formatted(config));
    assertThat(run.err()).isEmpty();
  }

  @Test
  void comparesTheHostnameExactlyAsCloudflaredDoesWithoutLowerCasing() {
    // given
    String config = fixture("healthy.yml");

    // when
    DoctorRun run = DoctorRun.of("match", "--config", config, "--format", "json", "https://APP.example.com/", "https://example.com");

    // then
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).isEqualTo(
        """
        {
          "matches": [
            {
              "url": "https://APP.example.com/",
              "rule": 3,
              "hostname": "",
              "path": "",
              "service": "http_status:404"
            },
            {
              "url": "https://example.com",
              "rule": 1,
              "hostname": "example.com",
              "path": "",
              "service": "http://127.0.0.1:8082"
            }
          ]
        }
        """);
  }

  @Test
  void refusesAConfigThatDoesNotValidateLikeCloudflared() {
    // given
    String config = fixture("invalid-service.yml");

    // when
    DoctorRun run = DoctorRun.of("match", "--config", config, "https://app.example.com/");

    // then
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).startsWith("Verdict: BROKEN (").contains("INGRESS_INVALID");
  }

  @Test
  void aUrlCloudflaredRefusesIsAUsageError() {
    // when
    DoctorRun run = DoctorRun.of("match", "--config", fixture("healthy.yml"), "app.example.com");

    // then
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).isEqualTo("tunnel-doctor: app.example.com doesn't have a hostname, consider adding a scheme\n");
  }

  @Test
  void withoutUrlsIsAUsageError() {
    // when
    DoctorRun run = DoctorRun.of("match", "--config", fixture("healthy.yml"));

    // then
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).startsWith("Missing required parameter: 'URL'\n");
  }

  @Test
  void markdownFormatPrintsATable() {
    // when
    DoctorRun run = DoctorRun.of("match", "--config", fixture("healthy.yml"), "--format", "markdown", "https://app.example.com/");

    // then
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).endsWith(
        """
        | URL | Rule | Hostname | Path | Service | Why |
        |---|---|---|---|---|---|
        | https://app.example.com/ | #0 | `app.example.com` |  | `http://127.0.0.1:8080` | The host equals the rule's hostname; it is the first rule that matches. |
        """);
  }
}
