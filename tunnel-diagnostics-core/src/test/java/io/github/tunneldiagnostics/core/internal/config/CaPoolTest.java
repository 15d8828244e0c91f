package io.github.tunneldiagnostics.core.internal.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.check.FindingCode;
import io.github.tunneldiagnostics.api.check.Severity;
import io.github.tunneldiagnostics.api.ingress.IngressModel;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaPoolTest {
  @TempDir Path dir;

  private IngressModel parse(String yaml) throws Exception {
    return ConfigLoader.parse(yaml, dir.resolve("config.yml"), dir, List.of());
  }

  static String selfSignedPem() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(256);
    KeyPair pair = generator.generateKeyPair();
    X500Name name = new X500Name("CN=Test Origin CA");
    Instant now = Instant.now();
    X509CertificateHolder holder =
        new JcaX509v3CertificateBuilder(name, BigInteger.ONE, Date.from(now.minus(1, ChronoUnit.DAYS)), Date.from(now.plus(1, ChronoUnit.DAYS)), name, pair.getPublic())
            .build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate()));
    return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).encodeToString(holder.getEncoded()) + "\n-----END CERTIFICATE-----\n";
  }

  @Test
  void aReadablePemCaPoolGivesNoFinding() throws Exception {
    // given
    Files.writeString(dir.resolve("ca.pem"), "# comment\n" + selfSignedPem());

    // when
    IngressModel model = parse("originRequest:\n  caPool: ca.pem\ningress:\n  - service: https://localhost:8443\n");

    // then
    assertThat(model.loadFindings()).isEmpty();
  }

  @Test
  void aMissingCaPoolOfARuleIsAnErrorWithCloudflaredsStartupMessage() throws Exception {
    // when
    IngressModel model = parse("ingress:\n  - hostname: app.example.com\n    service: https://localhost:8443\n    originRequest:\n      caPool: /missing/ca.pem\n  - service: http_status:404\n");

    // then
    Finding finding = model.loadFindings().get(0);
    assertThat(finding.code()).isEqualTo(FindingCode.CA_POOL_UNREADABLE);
    assertThat(finding.severity()).isEqualTo(Severity.ERROR);
    assertThat(finding.check()).isEqualTo("config");
    assertThat(finding.subject()).isEqualTo(dir.resolve("config.yml") + ":2:5");
    assertThat(finding.message())
        .isEqualTo("caPool /missing/ca.pem of rule #0 (app.example.com) does not exist: cloudflared refuses to start the origin");
    assertThat(finding.remediation())
        .isEqualTo("point caPool at a readable PEM file with the CA that signed the origin's certificate"
            + " (an absolute path such as /etc/cloudflared/origin-ca.pem), or remove caPool");
    assertThat(finding.evidence())
        .containsEntry("cloudflaredMessage", "failed to start origin: Error starting local service https://localhost:8443:"
            + " Error loading cert pool: unable to read the file /missing/ca.pem for --origin-ca-pool: open /missing/ca.pem: no such file or directory")
        .containsEntry("rule", "0")
        .doesNotContainKey("relativePath");
  }

  @Test
  void aTopLevelCaPoolIsReportedOnceForEveryRuleThatInheritsIt() throws Exception {
    // when
    IngressModel model = parse("originRequest:\n  caPool: certs/ca.pem\ningress:\n  - hostname: a.example.com\n    service: https://localhost:1\n  - service: https://localhost:2\n");

    // then
    assertThat(model.loadFindings()).hasSize(1);
    Finding finding = model.loadFindings().get(0);
    assertThat(finding.message())
        .isEqualTo("caPool certs/ca.pem of 2 rules (rule #0 (a.example.com) and others) does not exist: cloudflared refuses to start the origin");
    assertThat(finding.evidence())
        .containsEntry("resolvedPath", dir.resolve("certs/ca.pem").toString())
        .containsEntry("relativePath", PathResolution.RELATIVE_NOTE);
  }

  @Test
  void aTopLevelCaPoolWithoutRulesIsStillChecked() throws Exception {
    // when
    IngressModel model = parse("originRequest:\n  caPool: /missing/ca.pem\n");

    // then
    assertThat(model.loadFindings().get(0).subject()).isEqualTo(dir.resolve("config.yml") + ":2:3");
    assertThat(model.loadFindings()).extracting(Finding::message)
        .containsExactly("caPool /missing/ca.pem of the top-level originRequest does not exist: cloudflared refuses to start the origin");
  }

  @Test
  void aFileWithoutPemCertificatesIsReported() throws Exception {
    // given
    Files.writeString(dir.resolve("ca.pem"), "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n");

    // when
    IngressModel model = parse("ingress:\n  - service: https://localhost:8443\n    originRequest: {caPool: ca.pem}\n");

    // then
    Finding finding = model.loadFindings().get(0);
    assertThat(finding.code()).isEqualTo(FindingCode.CA_POOL_UNREADABLE);
    assertThat(finding.message())
        .isEqualTo("caPool ca.pem of rule #0 holds no PEM certificate (-----BEGIN CERTIFICATE-----), so cloudflared trusts nothing from it");
    assertThat(finding.evidence()).containsEntry("cloudflaredMessage", "could not append the provided origin CA to the cloudflared certificate pool");
  }

  @Test
  void aDirectoryIsNotACaPool() throws Exception {
    // when
    IngressModel model = parse("ingress:\n  - service: https://localhost:8443\n    originRequest: {caPool: " + dir + "}\n");

    // then
    assertThat(model.loadFindings()).extracting(Finding::message)
        .containsExactly("caPool " + dir + " of rule #0 is a directory, not a PEM file: cloudflared refuses to start the origin");
  }
}
