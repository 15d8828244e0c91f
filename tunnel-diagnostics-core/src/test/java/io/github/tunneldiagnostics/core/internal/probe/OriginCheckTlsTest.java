package io.github.tunneldiagnostics.core.internal.probe;

import static io.github.tunneldiagnostics.core.internal.probe.LoopbackServer.response;
import static io.github.tunneldiagnostics.core.internal.probe.ProbeFixture.LOCALHOST_V4;
import static io.github.tunneldiagnostics.core.internal.probe.ProbeFixture.http;
import static io.github.tunneldiagnostics.core.internal.probe.ProbeFixture.probe;
import static io.github.tunneldiagnostics.core.internal.probe.ProbeFixture.rule;
import static io.github.tunneldiagnostics.core.internal.probe.ProbeFixture.settings;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.check.FindingCode;
import io.github.tunneldiagnostics.api.check.Severity;
import io.github.tunneldiagnostics.core.internal.probe.TestCertificates.Identity;
import io.github.tunneldiagnostics.core.internal.probe.TestCertificates.Spec;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OriginCheckTlsTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(3);
  private static final LoopbackServer.Handler OK = LoopbackServer.http(request -> response(200, "OK", "secure"));
  private static Identity authority;

  private final OriginCheck check = OriginCheck.builder().socketTable(SocketTable.none()).build();
  @TempDir Path directory;
  private LoopbackServer server;

  @BeforeAll
  static void createAuthorityAndWarmUpTls() throws Exception {
    authority = TestCertificates.authority("Test Private CA");
    // the first handshake in a JVM initialises JSSE and can take longer than the tests' 500 ms tlsTimeout
    Identity warmUp = TestCertificates.selfSigned(Spec.valid("localhost", List.of("localhost"), List.of()));
    try (LoopbackServer origin = TlsOrigin.start(warmUp, TlsOrigin.Options.PLAIN, OK)) {
      probe(OriginCheck.builder().socketTable(SocketTable.none()).build(),
          rule(0, "", http("https", "localhost", origin.port()), ProbeFixture.settings(b -> b.tlsTimeout(Duration.ofSeconds(5)))),
          LOCALHOST_V4, Duration.ofSeconds(10));
    }
  }

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  private String caPool() throws Exception {
    return TestCertificates.writePem(directory.resolve("ca.pem"), authority.leaf()).toString();
  }

  private int serveTls(Identity identity) throws Exception {
    server = TlsOrigin.start(identity, TlsOrigin.Options.PLAIN, OK);
    return server.port();
  }

  @Test
  void selfSignedCertificateIsUntrusted() throws Exception {
    // given
    int port = serveTls(TestCertificates.selfSigned(Spec.valid("localhost", List.of("localhost"), List.of())));

    // when
    List<Finding> findings = probe(check, rule(0, "app.example.test", http("https", "localhost", port)), LOCALHOST_V4, TIMEOUT);

    // then
    assertThat(findings).singleElement().satisfies(f -> {
      assertThat(f.code()).isEqualTo(FindingCode.ORIGIN_CERT_UNTRUSTED);
      assertThat(f.message()).isEqualTo("The certificate chain of the origin at 127.0.0.1:" + port + " (issuer CN=localhost) does not lead to a root"
          + " in the system trust store, Cloudflare's Origin CA roots; cloudflared would log tls: failed to verify certificate:"
          + " x509: certificate signed by unknown authority.");
      assertThat(f.remediation()).isEqualTo("Set originRequest.caPool on rule #0 to a PEM file holding the CA that issued it (CN=localhost),"
          + " or use a publicly trusted certificate; noTLSVerify: true only as a temporary last resort.");
      assertThat(f.evidence())
          .containsEntry("sni", "localhost")
          .containsEntry("cert0.subject", "CN=localhost")
          .containsEntry("cert0.sans", "DNS:localhost")
          .containsEntry("goError", "x509: certificate signed by unknown authority");
      assertThat(f.evidence().get("tlsMs")).matches("\\d+");
    });
  }

  @Test
  void noTlsVerifyAcceptsASelfSignedCertificate() throws Exception {
    // given
    int port = serveTls(TestCertificates.selfSigned(Spec.valid("localhost", List.of("localhost"), List.of())));

    // when
    List<Finding> findings = probe(check, rule(0, "app.example.test", http("https", "localhost", port), settings(b -> b.noTLSVerify(true))),
        LOCALHOST_V4, TIMEOUT);

    // then
    assertThat(findings).singleElement().satisfies(f -> {
      assertThat(f.code()).isEqualTo(FindingCode.ORIGIN_REACHABLE);
      assertThat(f.evidence()).containsEntry("verification", "skipped (noTLSVerify: true)");
    });
  }

  @Test
  void privateCaGivenAsCaPoolIsTrusted() throws Exception {
    // given
    int port = serveTls(TestCertificates.issuedBy(authority, Spec.valid("localhost", List.of("localhost"), List.of())));

    // when
    List<Finding> findings = probe(check, rule(0, "app.example.test", http("https", "localhost", port), settings(b -> b.caPool(caPoolUnchecked()))),
        LOCALHOST_V4, TIMEOUT);

    // then
    assertThat(findings).singleElement().satisfies(f -> {
      assertThat(f.code()).isEqualTo(FindingCode.ORIGIN_REACHABLE);
      assertThat(f.message()).matches("The origin at 127\\.0\\.0\\.1:" + port + " answered HTTP/1\\.1 200 OK to GET / with Host: app\\.example\\.test"
          + " in \\d+ ms over TLSv1\\.[23]\\.");
      assertThat(f.evidence())
          .containsEntry("verification", "ok for localhost")
          .containsEntry("cert1.subject", "CN=Test Private CA")
          .containsEntry("chainLength", "2");
    });
  }

  @Test
  void certificateForAnotherNameIsANameMismatch() throws Exception {
    // given
    int port = serveTls(TestCertificates.issuedBy(authority, Spec.valid("origin.internal", List.of("origin.internal"), List.of())));

    // when
    List<Finding> findings = probe(check, rule(0, "app.example.test", http("https", "localhost", port), settings(b -> b.caPool(caPoolUnchecked()))),
        LOCALHOST_V4, TIMEOUT);

    // then
    assertThat(findings).singleElement().satisfies(f -> {
      assertThat(f.code()).isEqualTo(FindingCode.ORIGIN_CERT_NAME_MISMATCH);
      assertThat(f.message()).isEqualTo("The certificate of the origin at 127.0.0.1:" + port + " does not cover localhost, the name cloudflared"
          + " verifies (the service host); it covers origin.internal; cloudflared would log tls: failed to verify certificate:"
          + " x509: certificate is valid for origin.internal, not localhost.");
      assertThat(f.remediation()).isEqualTo("Set originRequest.originServerName: origin.internal on rule #0, or reissue the certificate with a SAN localhost.");
    });
  }

  @Test
  void ipServiceAgainstACertificateWithoutIpSansIsANameMismatchWithGosMessage() throws Exception {
    // given
    int port = serveTls(TestCertificates.issuedBy(authority, Spec.valid("localhost", List.of("localhost"), List.of())));

    // when
    List<Finding> findings = probe(check, rule(0, "app.example.test", http("https", "127.0.0.1", port), settings(b -> b.caPool(caPoolUnchecked()))),
        LOCALHOST_V4, TIMEOUT);

    // then
    assertThat(findings).singleElement().satisfies(f -> {
      assertThat(f.code()).isEqualTo(FindingCode.ORIGIN_CERT_NAME_MISMATCH);
      assertThat(f.evidence())
          .containsEntry("goError", "x509: cannot validate certificate for 127.0.0.1 because it doesn't contain any IP SANs")
          .containsEntry("sni", "none (the service host is an IP literal; Go sends no SNI)");
      assertThat(f.remediation()).isEqualTo("Set originRequest.originServerName: localhost on rule #0, or reissue the certificate with an IP SAN 127.0.0.1.");
    });
  }

  @Test
  void expiredCertificateIsExpired() throws Exception {
    // given
    Instant now = Instant.now();
    Spec expired = new Spec("localhost", List.of("localhost"), List.of(), now.minus(Duration.ofDays(60)), now.minus(Duration.ofDays(1)));
    int port = serveTls(TestCertificates.issuedBy(authority, expired));

    // when
    List<Finding> findings = probe(check, rule(0, "app.example.test", http("https", "localhost", port), settings(b -> b.caPool(caPoolUnchecked()))),
        LOCALHOST_V4, TIMEOUT);

    // then
    assertThat(findings).singleElement().satisfies(f -> {
      assertThat(f.code()).isEqualTo(FindingCode.ORIGIN_CERT_EXPIRED);
      assertThat(f.evidence().get("goError")).matches(
          "x509: certificate has expired or is not yet valid: current time \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ is after \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
      assertThat(f.remediation()).isEqualTo("Renew the origin's certificate; noTLSVerify: true on rule #0 only as a stopgap.");
    });
  }

  @Test
  void serverThatRequiresSniNeedsOriginServerName() throws Exception {
    // given: an SNI-routing origin reached by IP, so cloudflared sends no SNI
    Identity identity = TestCertificates.issuedBy(authority, Spec.valid("app.example.test", List.of("app.example.test"), List.of()));
    server = TlsOrigin.start(identity, new TlsOrigin.Options("app.example.test", List.of()), OK);

    // when
    List<Finding> findings = probe(check,
        rule(0, "app.example.test", http("https", "127.0.0.1", server.port()), settings(b -> b.caPool(caPoolUnchecked()))), LOCALHOST_V4, TIMEOUT);

    // then
    assertThat(findings).singleElement().satisfies(f -> {
      assertThat(f.code()).isEqualTo(FindingCode.ORIGIN_SNI_REQUIRED);
      assertThat(f.message()).startsWith("The origin at 127.0.0.1:" + server.port()
          + " fails the TLS handshake with no SNI (what cloudflared sends for the IP 127.0.0.1) but completes it with SNI app.example.test;");
      assertThat(f.remediation()).isEqualTo("Set originRequest.originServerName: app.example.test on rule #0 (or matchSNItoHost: true).");
    });
  }

  @Test
  void plainServerBehindHttpsSpeaksPlaintext() throws Exception {
    // given
    server = LoopbackServer.start(LoopbackServer.http(request -> response(400, "Bad Request", "plain")));

    // when
    List<Finding> findings = probe(check, rule(0, "app.example.test", http("https", "127.0.0.1", server.port())), LOCALHOST_V4, TIMEOUT);

    // then
    assertThat(findings).singleElement().satisfies(f -> {
      assertThat(f.code()).isEqualTo(FindingCode.ORIGIN_SPEAKS_PLAINTEXT);
      assertThat(f.message()).isEqualTo("The origin at 127.0.0.1:" + server.port() + " speaks plain HTTP, not TLS (it answers a plain request with"
          + " HTTP/1.1 400 Bad Request), but rule #0's service is https://127.0.0.1:" + server.port()
          + "; cloudflared would log tls: first record does not look like a TLS handshake.");
      assertThat(f.remediation()).isEqualTo("Change rule #0's service to http://127.0.0.1:" + server.port() + ".");
    });
  }

  @Test
  void tlsServerBehindHttpSpeaksTls() throws Exception {
    // given
    int port = serveTls(TestCertificates.selfSigned(Spec.valid("localhost", List.of("localhost"), List.of())));

    // when
    List<Finding> findings = probe(check, rule(0, "app.example.test", http("http", "127.0.0.1", port)), LOCALHOST_V4, TIMEOUT);

    // then
    assertThat(findings).singleElement().satisfies(f -> {
      assertThat(f.code()).isEqualTo(FindingCode.ORIGIN_SPEAKS_TLS);
      assertThat(f.severity()).isEqualTo(Severity.ERROR);
      assertThat(f.message()).startsWith("The origin at 127.0.0.1:" + port + " speaks TLS but http://127.0.0.1:" + port + " is plain HTTP: it ");
      assertThat(f.remediation()).isEqualTo("Change rule #0's service to https://127.0.0.1:" + port
          + " (add originServerName or caPool if its certificate is not for that name or not publicly trusted).");
    });
  }

  @Test
  void http11OnlyOriginWithHttp2OriginWarns() throws Exception {
    // given
    Identity identity = TestCertificates.issuedBy(authority, Spec.valid("localhost", List.of("localhost"), List.of()));
    server = TlsOrigin.start(identity, new TlsOrigin.Options(null, List.of("http/1.1")), OK);

    // when
    List<Finding> findings = probe(check,
        rule(0, "app.example.test", http("https", "localhost", server.port()), settings(b -> b.caPool(caPoolUnchecked()).http2Origin(true))),
        LOCALHOST_V4, TIMEOUT);

    // then
    assertThat(findings).extracting(Finding::code).containsExactly(FindingCode.ORIGIN_HTTP2_UNSUPPORTED, FindingCode.ORIGIN_REACHABLE);
    assertThat(findings.get(0).message()).isEqualTo("Rule #0 sets http2Origin: true but the origin at 127.0.0.1:" + server.port()
        + " did not select h2 in ALPN (offered h2, http/1.1; got http/1.1); cloudflared falls back to HTTP/1.1.");
    assertThat(findings.get(0).severity()).isEqualTo(Severity.WARNING);
  }

  @Test
  void stalledTlsHandshakeHasNoResponseWithinTlsTimeout() throws Exception {
    // given: accepts, reads the ClientHello, never answers
    server = LoopbackServer.start(LoopbackServer::blackHole);

    // when
    List<Finding> findings = probe(check, rule(0, "app.example.test", http("https", "127.0.0.1", server.port())), LOCALHOST_V4, TIMEOUT);

    // then
    assertThat(findings).singleElement().satisfies(f -> {
      assertThat(f.code()).isEqualTo(FindingCode.ORIGIN_NO_RESPONSE);
      assertThat(f.message()).matches("The origin at 127\\.0\\.0\\.1:" + server.port() + " accepted the connection but did not complete the TLS"
          + " handshake within \\d+ ms \\(tlsTimeout 500ms\\); cloudflared would log net/http: TLS handshake timeout\\.");
    });
  }

  private String caPoolUnchecked() {
    try {
      return caPool();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void originServerNameIsSentAsSniAndVerified() throws Exception {
    // given
    Identity identity = TestCertificates.issuedBy(authority, Spec.valid("app.example.test", List.of("app.example.test"), List.of()));
    server = TlsOrigin.start(identity, new TlsOrigin.Options("app.example.test", List.of()), OK);

    // when
    List<Finding> findings = probe(check, rule(0, "", http("https", "127.0.0.1", server.port()),
        settings(b -> b.caPool(caPoolUnchecked()).originServerName("app.example.test"))), LOCALHOST_V4, TIMEOUT);

    // then
    assertThat(findings).singleElement().satisfies(f -> {
      assertThat(f.code()).isEqualTo(FindingCode.ORIGIN_REACHABLE);
      assertThat(f.evidence()).containsEntry("sni", "app.example.test").containsEntry("verification", "ok for app.example.test");
    });
  }

  @Test
  void matchSniToHostSendsThePublicHostname() throws Exception {
    // given
    Identity identity = TestCertificates.issuedBy(authority, Spec.valid("app.example.test", List.of("app.example.test"), List.of()));
    server = TlsOrigin.start(identity, new TlsOrigin.Options("app.example.test", List.of()), OK);

    // when
    List<Finding> findings = probe(check, rule(0, "app.example.test", http("https", "127.0.0.1", server.port()),
        settings(b -> b.caPool(caPoolUnchecked()).matchSNItoHost(true))), LOCALHOST_V4, TIMEOUT);

    // then
    assertThat(findings).singleElement().satisfies(f -> {
      assertThat(f.code()).isEqualTo(FindingCode.ORIGIN_REACHABLE);
      assertThat(f.evidence()).containsEntry("sni", "app.example.test");
    });
  }
}
