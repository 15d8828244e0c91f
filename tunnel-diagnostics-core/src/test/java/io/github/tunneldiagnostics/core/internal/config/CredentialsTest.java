package io.github.tunneldiagnostics.core.internal.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.check.FindingCode;
import io.github.tunneldiagnostics.api.check.Severity;
import io.github.tunneldiagnostics.api.ingress.IngressModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialsTest {
  static final String UUID = "6ff42ae2-765d-4adf-8112-31c55c1551ef";
  static final String OTHER_UUID = "0f0e0d0c-0b0a-4909-8807-060504030201";
  static final String SECRET = "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3JldC0zMmJ5dGVz";
  static final String BAD_SECRET = "not*base64*secret-value";

  @TempDir Path root;
  private Path home;
  private Path etc;
  private Path config;

  @BeforeEach
  void layout() throws Exception {
    home = Files.createDirectories(root.resolve("home"));
    etc = Files.createDirectories(root.resolve("etc/cloudflared"));
    config = etc.resolve("config.yml");
  }

  private IngressModel parse(String yaml) throws Exception {
    return ConfigLoader.parse(yaml, config, home, List.of(home.resolve(".cloudflared"), etc));
  }

  static String credentials(String secret, String tunnelId) {
    return "{\"AccountTag\":\"0123456789abcdef0123456789abcdef\",\"TunnelSecret\":\"" + secret + "\",\"TunnelID\":\"" + tunnelId + "\",\"Endpoint\":\"\"}";
  }

  private Path write(Path path, String content) throws Exception {
    Files.createDirectories(path.getParent());
    return Files.writeString(path, content);
  }

  @Test
  void aValidCredentialsFileGivesNoFinding() throws Exception {
    // given
    Path file = write(etc.resolve(UUID + ".json"), credentials(SECRET, UUID));

    // when
    IngressModel model = parse("tunnel: " + UUID + "\ncredentials-file: " + file + "\n");

    // then
    assertThat(model.loadFindings()).isEmpty();
  }

  @Test
  void aMissingCredentialsFileIsReportedWithCloudflaredsText() throws Exception {
    // when
    IngressModel model = parse("tunnel: " + UUID + "\ncredentials-file: creds/" + UUID + ".json\n");

    // then
    Finding finding = model.loadFindings().get(0);
    assertThat(finding.code()).isEqualTo(FindingCode.CREDENTIALS_MISSING);
    assertThat(finding.severity()).isEqualTo(Severity.ERROR);
    assertThat(finding.check()).isEqualTo("credentials");
    assertThat(finding.subject()).isEqualTo(config + ":2:1");
    assertThat(finding.message())
        .isEqualTo("the credentials file creds/" + UUID + ".json named by credentials-file does not exist or is not a file,"
            + " so cloudflared cannot run the tunnel");
    assertThat(finding.remediation())
        .isEqualTo("point credentials-file at the <tunnel-uuid>.json that `cloudflared tunnel create` wrote (an absolute path),"
            + " or recreate it with `cloudflared tunnel token --cred-file <path> <tunnel>`");
    assertThat(finding.evidence())
        .containsEntry("cloudflaredMessage", "Tunnel credentials file 'creds/" + UUID + ".json' doesn't exist or is not a file")
        .containsEntry("resolvedPath", etc.resolve("creds/" + UUID + ".json").toString())
        .containsEntry("relativePath", PathResolution.RELATIVE_NOTE);
  }

  @Test
  void theCredFileAliasAndARelativePathAreReadNextToTheConfig() throws Exception {
    // given
    write(etc.resolve("creds.json"), credentials(SECRET, OTHER_UUID));

    // when
    IngressModel model = parse("tunnel: " + UUID + "\ncred-file: creds.json\n");

    // then
    assertThat(model.loadFindings()).extracting(Finding::code).containsExactly(FindingCode.TUNNEL_ID_MISMATCH);
  }

  @Test
  void aTildePathIsExpandedToTheHomeDirectory() throws Exception {
    // given
    write(home.resolve(".cloudflared/" + UUID + ".json"), credentials(SECRET, UUID));

    // when
    IngressModel model = parse("tunnel: " + UUID + "\ncredentials-file: ~/.cloudflared/" + UUID + ".json\n");

    // then
    assertThat(model.loadFindings()).isEmpty();
  }

  @Test
  void aDifferentTunnelIdIsAMismatch() throws Exception {
    // given
    Path file = write(etc.resolve("creds.json"), credentials(SECRET, OTHER_UUID));

    // when
    IngressModel model = parse("tunnel: " + UUID + "\ncredentials-file: " + file + "\n");

    // then
    Finding finding = model.loadFindings().get(0);
    assertThat(finding.code()).isEqualTo(FindingCode.TUNNEL_ID_MISMATCH);
    assertThat(finding.check()).isEqualTo("credentials");
    assertThat(finding.subject()).isEqualTo(config + ":1:1");
    assertThat(finding.message())
        .isEqualTo("the config's tunnel: " + UUID + " differs from the TunnelID " + OTHER_UUID + " in " + file
            + "; cloudflared silently uses the config's ID with this file's secret and the edge rejects the connection");
    assertThat(finding.remediation())
        .isEqualTo("set tunnel: " + OTHER_UUID + " in " + config + ", or point credentials-file at " + UUID + ".json");
    assertThat(finding.evidence()).containsEntry("configTunnel", UUID).containsEntry("fileTunnelID", OTHER_UUID);
  }

  @Test
  void theSameUuidInAnotherCaseIsNoMismatch() throws Exception {
    // given
    Path file = write(etc.resolve("creds.json"), credentials(SECRET, UUID.toUpperCase(java.util.Locale.ROOT)));

    // when / then
    assertThat(parse("tunnel: " + UUID + "\ncredentials-file: " + file + "\n").loadFindings()).isEmpty();
  }

  @Test
  void keysMatchCaseInsensitivelyLikeGo() throws Exception {
    // given
    Path file = write(etc.resolve("creds.json"), "{\"accounttag\":\"x\",\"tunnelsecret\":\"" + SECRET + "\",\"TUNNELID\":\"" + OTHER_UUID + "\"}");

    // when / then
    assertThat(parse("tunnel: " + UUID + "\ncredentials-file: " + file + "\n").loadFindings())
        .extracting(Finding::code)
        .containsExactly(FindingCode.TUNNEL_ID_MISMATCH);
  }

  @Test
  void aFileThatIsNotJsonIsInvalid() throws Exception {
    // given
    Path file = write(etc.resolve("cert.pem"), "-----BEGIN ARGO TUNNEL TOKEN-----\nabc\n-----END ARGO TUNNEL TOKEN-----\n");

    // when
    Finding finding = parse("credentials-file: " + file + "\n").loadFindings().get(0);

    // then
    assertThat(finding.code()).isEqualTo(FindingCode.CREDENTIALS_INVALID);
    assertThat(finding.message())
        .isEqualTo("the credentials file " + file + " is not a JSON object like {\"AccountTag\":..,\"TunnelSecret\":..,\"TunnelID\":..},"
            + " so cloudflared cannot authenticate the tunnel");
    assertThat(finding.evidence()).containsEntry("cloudflaredMessage", "Invalid JSON when parsing tunnel credentials file");
  }

  @Test
  void aJsonArrayIsTheWrongShape() throws Exception {
    // given
    Path file = write(etc.resolve("creds.json"), "[1, 2]");

    // when / then
    assertThat(parse("credentials-file: " + file + "\n").loadFindings())
        .extracting(Finding::code)
        .containsExactly(FindingCode.CREDENTIALS_INVALID);
  }

  @Test
  void aSecretThatIsNotBase64IsInvalidAndNeverQuoted() throws Exception {
    // given
    Path file = write(etc.resolve("creds.json"), credentials(BAD_SECRET, UUID));

    // when
    Finding finding = parse("tunnel: " + UUID + "\ncredentials-file: " + file + "\n").loadFindings().get(0);

    // then
    assertThat(finding.code()).isEqualTo(FindingCode.CREDENTIALS_INVALID);
    assertThat(finding.message())
        .isEqualTo("the credentials file " + file + " has a TunnelSecret that is not valid base64, so cloudflared cannot authenticate the tunnel");
    assertThat(finding.toString()).doesNotContain(BAD_SECRET);
  }

  @Test
  void aSecretOfTheWrongJsonTypeUsesGosMessage() throws Exception {
    // given
    Path file = write(etc.resolve("creds.json"), "{\"TunnelSecret\": 12345, \"TunnelID\": \"" + UUID + "\"}");

    // when
    Finding finding = parse("credentials-file: " + file + "\n").loadFindings().get(0);

    // then
    assertThat(finding.evidence())
        .containsEntry("cloudflaredMessage", "json: cannot unmarshal number into Go struct field Credentials.TunnelSecret of type []uint8");
    assertThat(finding.toString()).doesNotContain("12345");
  }

  @Test
  void withoutCredentialsFileTheUuidJsonIsFoundInTheDefaultDirectories() throws Exception {
    // given
    write(home.resolve(".cloudflared/" + UUID + ".json"), credentials(SECRET, OTHER_UUID));

    // when
    IngressModel model = parse("tunnel: " + UUID + "\n");

    // then
    assertThat(model.loadFindings()).extracting(Finding::code).containsExactly(FindingCode.TUNNEL_ID_MISMATCH);
  }

  @Test
  void withoutCredentialsFileTheUuidJsonIsFoundNextToOrigincert() throws Exception {
    // given
    Path certDir = Files.createDirectories(root.resolve("certs"));
    write(certDir.resolve(UUID + ".json"), credentials(BAD_SECRET, UUID));

    // when
    IngressModel model = parse("tunnel: " + UUID + "\norigincert: " + certDir.resolve("cert.pem") + "\n");

    // then
    assertThat(model.loadFindings()).extracting(Finding::code).containsExactly(FindingCode.CREDENTIALS_INVALID);
  }

  @Test
  void aUuidTunnelWithNoCredentialsAnywhereIsMissing() throws Exception {
    // when
    Finding finding = parse("tunnel: " + UUID + "\n").loadFindings().get(0);

    // then
    assertThat(finding.code()).isEqualTo(FindingCode.CREDENTIALS_MISSING);
    assertThat(finding.subject()).isEqualTo(config + ":1:1");
    assertThat(finding.message())
        .isEqualTo("no credentials file " + UUID + ".json for tunnel " + UUID
            + " was found next to origincert or in cloudflared's default directories, so cloudflared cannot run the tunnel");
    assertThat(finding.evidence())
        .containsEntry("cloudflaredMessage", "tunnel credentials file not found")
        .containsEntry("searched", home.resolve(".cloudflared/" + UUID + ".json") + ", " + etc.resolve(UUID + ".json"));
  }

  @Test
  void aTokenOrATunnelNameNeedsNoCredentialsFile() throws Exception {
    // when / then
    assertThat(parse("tunnel: " + UUID + "\ntoken: eyJhIjoiYiJ9\n").loadFindings()).isEmpty();
    assertThat(parse("tunnel: " + UUID + "\ntoken-file: /run/secrets/token\n").loadFindings()).isEmpty();
    assertThat(parse("tunnel: my-named-tunnel\n").loadFindings()).isEmpty();
    assertThat(parse("ingress:\n  - service: http_status:404\n").loadFindings()).isEmpty();
  }

  @Test
  void credentialsContentsTakePrecedenceAndAreCheckedWithoutBeingKept() throws Exception {
    // given
    String contents = credentials(BAD_SECRET, UUID).replace("\"", "\\\"");

    // when
    IngressModel model = parse("tunnel: " + UUID + "\ncredentials-file: /does/not/exist.json\ncredentials-contents: \"" + contents + "\"\n");

    // then
    assertThat(model.setting("credentials-contents")).hasValue(Finding.REDACTED);
    Finding finding = model.loadFindings().get(0);
    assertThat(finding.code()).isEqualTo(FindingCode.CREDENTIALS_INVALID);
    assertThat(finding.message())
        .isEqualTo("credentials-contents has a TunnelSecret that is not valid base64, so cloudflared cannot authenticate the tunnel");
    assertThat(model.toString()).doesNotContain(BAD_SECRET);
  }
}
