package io.github.tunneldiagnostics.core.internal.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tunneldiagnostics.core.internal.probe.TestCertificates.Spec;
import java.net.InetAddress;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Go's rules the probe reproduces: x509 host names, the dual-stack dialer, address and duration texts. */
class GoRulesTest {

  private static X509Certificate certificate(List<String> dns, List<String> ips) throws Exception {
    return TestCertificates.selfSigned(Spec.valid("example", dns, ips)).leaf();
  }

  @Test
  void hostnameErrorsUseGosExactTexts() throws Exception {
    // given
    X509Certificate dnsOnly = certificate(List.of("origin.internal", "*.apps.internal"), List.of());
    X509Certificate ipOnly = certificate(List.of(), List.of("127.0.0.2"));
    X509Certificate noSans = TestCertificates.selfSigned(Spec.valid("app.internal", List.of(), List.of())).leaf();

    // then
    assertThat(GoCertificateVerifier.hostnameError(dnsOnly, "origin.internal")).isNull();
    assertThat(GoCertificateVerifier.hostnameError(dnsOnly, "ORIGIN.internal")).isNull();
    assertThat(GoCertificateVerifier.hostnameError(dnsOnly, "a.apps.internal")).isNull();
    assertThat(GoCertificateVerifier.hostnameError(dnsOnly, "a.b.apps.internal"))
        .isEqualTo("x509: certificate is valid for origin.internal, *.apps.internal, not a.b.apps.internal");
    assertThat(GoCertificateVerifier.hostnameError(dnsOnly, "localhost"))
        .isEqualTo("x509: certificate is valid for origin.internal, *.apps.internal, not localhost");
    assertThat(GoCertificateVerifier.hostnameError(dnsOnly, "127.0.0.1"))
        .isEqualTo("x509: cannot validate certificate for 127.0.0.1 because it doesn't contain any IP SANs");
    assertThat(GoCertificateVerifier.hostnameError(ipOnly, "127.0.0.2")).isNull();
    assertThat(GoCertificateVerifier.hostnameError(ipOnly, "127.0.0.1")).isEqualTo("x509: certificate is valid for 127.0.0.2, not 127.0.0.1");
    assertThat(GoCertificateVerifier.hostnameError(ipOnly, "localhost"))
        .isEqualTo("x509: certificate is not valid for any names, but wanted to match localhost");
    assertThat(GoCertificateVerifier.hostnameError(noSans, "app.internal"))
        .isEqualTo("x509: certificate relies on legacy Common Name field, use SANs instead");
  }

  @Test
  void happyEyeballsUsesThePrimaryFamilyFirstAndReportsItsError() throws Exception {
    // given: localhost -> ::1 (refused), 127.0.0.1 (connected)
    DialAttempt v6 = new DialAttempt(InetAddress.getByName("::1"), 8080, DialAttempt.Result.REFUSED, Duration.ofMillis(1), "Connection refused", null);
    DialAttempt v4 = new DialAttempt(InetAddress.getByName("127.0.0.1"), 8080, DialAttempt.Result.CONNECTED, Duration.ofMillis(1), "", null);
    DialAttempt v4Refused = new DialAttempt(InetAddress.getByName("127.0.0.1"), 8080, DialAttempt.Result.REFUSED, Duration.ofMillis(1), "", null);

    // when
    GoDialModel.Outcome fallsBack = GoDialModel.simulate(List.of(v6, v4), false);
    GoDialModel.Outcome bothFail = GoDialModel.simulate(List.of(v6, v4Refused), false);

    // then
    assertThat(fallsBack.chosen()).contains(v4);
    assertThat(fallsBack.primaryFamily()).isEqualTo("IPv6");
    assertThat(bothFail.chosen()).isEmpty();
    assertThat(bothFail.reported().goError()).isEqualTo("dial tcp [::1]:8080: connect: connection refused");
  }

  @Test
  void dualStackOrderGroupsTheFallbackFamilyAfterThePrimary() throws Exception {
    // given: 127.0.0.1, ::1, 127.0.0.2 in resolver order
    DialAttempt a = new DialAttempt(InetAddress.getByName("127.0.0.1"), 80, DialAttempt.Result.REFUSED, Duration.ZERO, "", null);
    DialAttempt b = new DialAttempt(InetAddress.getByName("::1"), 80, DialAttempt.Result.CONNECTED, Duration.ZERO, "", null);
    DialAttempt c = new DialAttempt(InetAddress.getByName("127.0.0.2"), 80, DialAttempt.Result.CONNECTED, Duration.ZERO, "", null);

    // then: happy eyeballs tries the whole IPv4 family first; noHappyEyeballs walks the resolver order
    assertThat(GoDialModel.simulate(List.of(a, b, c), false).order()).containsExactly(a, c, b);
    assertThat(GoDialModel.simulate(List.of(a, b, c), false).chosen()).contains(c);
    assertThat(GoDialModel.simulate(List.of(a, b, c), true).chosen()).contains(b);
  }
}
