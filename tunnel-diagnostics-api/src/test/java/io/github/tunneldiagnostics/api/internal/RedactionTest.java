package io.github.tunneldiagnostics.api.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tunneldiagnostics.api.check.Finding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RedactionTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "bearer header           | Authorization: Bearer SECRETMARKER123                          | Authorization: Bearer ****",
        "basic header            | proxy-authorization: Basic dXNlcjpTRUNSRVQ=                    | proxy-authorization: Basic ****",
        "raw header value        | Authorization: SECRETMARKER123                                 | Authorization: ****",
        "Go header dump          | headers=map[Authorization:[Bearer SECRETMARKER123] Accept:[*/*]] | headers=map[Authorization:[Bearer ****] Accept:[*/*]]",
        "bearer in prose         | the client sent bearer SECRETMARKER123 again                   | the client sent bearer **** again",
        "JWT                     | jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJTRUNSRVQifQ.c2lnbmF0dXJl end | jwt **** end",
        "tunnel token            | run eyJhIjoiMDEyMzQ1Njc4OWFiY2RlZiIsInQiOiJh now               | run **** now",
        "token=                  | url?token=SECRETMARKER123&page=2                               | url?token=****&page=2",
        "--token                 | cloudflared tunnel run --token SECRETMARKER123                 | cloudflared tunnel run --token ****",
        "--token=                | cloudflared tunnel run --token=SECRETMARKER123                 | cloudflared tunnel run --token=****",
        "token file is a path    | --token-file /etc/cloudflared/token                            | --token-file /etc/cloudflared/token",
        "API token variable      | CLOUDFLARE_API_TOKEN=SECRETMARKER123 tunnel-doctor             | CLOUDFLARE_API_TOKEN=**** tunnel-doctor",
        "X-Auth-Key              | X-Auth-Key: SECRETMARKER123                                    | X-Auth-Key: ****",
        "proxy userinfo          | HTTPS_PROXY=http://alice:SECRETMARKER123@proxy.corp:3128       | HTTPS_PROXY=http://****@proxy.corp:3128",
        "secret query parameter  | GET /x?access_token=SECRETMARKER123&sig=SECRETMARKER456 HTTP/1.1 | GET /x?access_token=****&sig=**** HTTP/1.1",
        "password in YAML        | password: SECRETMARKER123                                      | password: ****",
        "English kept            | uses basic authentication and design: plain                    | uses basic authentication and design: plain",
        "lone PEM marker kept    | holds no PEM certificate (-----BEGIN CERTIFICATE-----)         | holds no PEM certificate (-----BEGIN CERTIFICATE-----)",
      })
  void hidesEverySecretFormAndKeepsTheRest(String name, String text, String expected) {
    assertThat(Redaction.redact(text)).isEqualTo(expected);
  }

  @Test
  void hidesSecretsInJsonAndInJsonQuotedInsideALogLine() {
    assertThat(Redaction.redact("{\"AccountTag\":\"a1\",\"TunnelSecret\":\"U0VDUkVUTUFSS0VS\"}"))
        .isEqualTo("{\"AccountTag\":\"a1\",\"TunnelSecret\":\"****\"}");
    assertThat(Redaction.redact("{\"Authorization\":[\"Bearer SECRETMARKER123\"]}")).isEqualTo("{\"Authorization\":[\"Bearer ****\"]}");
    assertThat(Redaction.redact("config=\"{\\\"token\\\":\\\"SECRETMARKER123\\\"}\""))
        .isEqualTo("config=\"{\\\"token\\\":\\\"****\\\"}\"");
    assertThat(Redaction.redact("like {\"AccountTag\":..,\"TunnelSecret\":..}")).isEqualTo("like {\"AccountTag\":..,\"TunnelSecret\":..}");
  }

  @Test
  void hidesTheBodyOfPemBlocksSuchAsCertPem() {
    String certPem =
        "-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgSECRETMARKER\n-----END PRIVATE KEY-----\n"
            + "-----BEGIN ARGO TUNNEL TOKEN-----\neyJ6b25lSUQiOiJTRUNSRVRNQVJLRVIifQ==\nU0VDUkVUTUFSS0VSU0VDUkVU\n-----END ARGO TUNNEL TOKEN-----\n";

    assertThat(Redaction.redact(certPem))
        .isEqualTo("-----BEGIN PRIVATE KEY----- **** -----END PRIVATE KEY-----\n-----BEGIN ARGO TUNNEL TOKEN----- **** -----END ARGO TUNNEL TOKEN-----\n");
  }

  @Test
  void aFindingCarriesNoSecretInAnyOfItsTexts() {
    Finding finding =
        Finding.error("ORIGIN_VIA_PROXY")
            .check("origin")
            .subject("http://bob:SECRETMARKER1@proxy:3128")
            .message("sent Authorization: Bearer SECRETMARKER2")
            .remediation("run --token SECRETMARKER3")
            .evidence("sample", "2024-12-10T10:00:00Z ERR x token=SECRETMARKER4")
            .evidence("apiToken", "SECRETMARKER5")
            .build();

    assertThat(finding.toString()).doesNotContain("SECRETMARKER");
    assertThat(finding.subject()).isEqualTo("http://****@proxy:3128");
    assertThat(finding.evidence()).containsEntry("sample", "2024-12-10T10:00:00Z ERR x token=****").containsEntry("apiToken", "****");
  }
}
