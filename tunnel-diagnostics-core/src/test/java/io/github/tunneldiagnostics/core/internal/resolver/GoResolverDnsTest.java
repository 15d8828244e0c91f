package io.github.tunneldiagnostics.core.internal.resolver;

import static io.github.tunneldiagnostics.core.internal.resolver.GoAddressSelectionTest.ip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.tunneldiagnostics.api.internal.golang.GoNet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DNS as Go's pure resolver asks it, against a DNS server on loopback (no name leaves the machine). */
class GoResolverDnsTest {
  @TempDir Path root;

  private GoResolver resolver(LoopbackDnsServer dns, String resolvConf) throws Exception {
    Files.createDirectories(root.resolve("etc"));
    Files.writeString(root.resolve("etc/hosts"), "127.0.0.1 localhost\n");
    Files.writeString(root.resolve("etc/resolv.conf"), resolvConf);
    return GoResolver.withDnsPort(GoResolver.Files.under(root, "connector"), destination -> destination, Clock.systemUTC(), dns.port());
  }

  @Test
  void searchListAndNdotsDecideTheNamesAskedAndTheAnswerIsSorted() throws Exception {
    // given: Kubernetes-style resolv.conf; the service answers A and AAAA
    try (LoopbackDnsServer dns = new LoopbackDnsServer(
        Map.of("app.ns1.svc.cluster.local.", List.of(ip("10.96.0.7"), ip("2001:db8::7"))), false)) {
      GoResolver resolver = resolver(dns, "nameserver 127.0.0.1\nsearch ns1.svc.cluster.local svc.cluster.local\noptions ndots:5\n");

      // when
      GoResolver.Lookup lookup = resolver.lookup("app", Instant.now().plusSeconds(3));

      // then: the first search domain answers; global IPv6 (precedence 40) sorts before IPv4 (35)
      assertThat(dns.asked).containsExactlyInAnyOrder("app.ns1.svc.cluster.local. A", "app.ns1.svc.cluster.local. AAAA");
      assertThat(lookup.addresses()).extracting(GoNet::ipString).containsExactly("2001:db8::7", "10.96.0.7");
      assertThat(lookup.describe()).isEqualTo("DNS 127.0.0.1:" + dns.port() + " (app.ns1.svc.cluster.local.) gives 10.96.0.7, 2001:db8::7; Go sorts them (RFC 6724): 2001:db8::7, 10.96.0.7");
    }
  }

  @Test
  void nxdomainForEveryNameIsGosNoSuchHost() throws Exception {
    // given
    try (LoopbackDnsServer dns = new LoopbackDnsServer(Map.of(), false)) {
      GoResolver resolver = resolver(dns, "nameserver 127.0.0.1\nsearch corp.example\n");

      // then
      assertThatThrownBy(() -> resolver.lookup("app", Instant.now().plusSeconds(3)))
          .isInstanceOf(GoLookupException.class)
          .hasMessage("lookup app on 127.0.0.1:" + dns.port() + ": no such host");
      assertThat(dns.asked).containsExactlyInAnyOrder("app.corp.example. A", "app.corp.example. AAAA", "app. A", "app. AAAA");
    }
  }

  @Test
  void aSilentServerIsATimeoutWithinTheDeadline() throws Exception {
    // given
    try (LoopbackDnsServer dns = new LoopbackDnsServer(Map.of(), true)) {
      GoResolver resolver = resolver(dns, "nameserver 127.0.0.1\noptions timeout:1 attempts:1\n");
      Instant start = Instant.now();

      // when / then
      assertThatThrownBy(() -> resolver.lookup("app", Instant.now().plusMillis(400)))
          .isInstanceOfSatisfying(GoLookupException.class, e -> {
            assertThat(e.timedOut()).isTrue();
            assertThat(e.getMessage()).startsWith("lookup app on 127.0.0.1:" + dns.port() + ": read udp 127.0.0.1:").endsWith("->127.0.0.1:" + dns.port() + ": i/o timeout");
          });
      assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofMillis(900));
    }
  }

  @Test
  void hostsFileAnswersBeforeDns() throws Exception {
    try (LoopbackDnsServer dns = new LoopbackDnsServer(Map.of("localhost.", List.of(ip("10.9.9.9"))), false)) {
      GoResolver resolver = resolver(dns, "nameserver 127.0.0.1\n");

      assertThat(resolver.lookup("localhost", Instant.now().plusSeconds(1)).addresses()).extracting(GoNet::ipString).containsExactly("127.0.0.1");
      assertThat(dns.asked).isEmpty();
    }
  }

  @Test
  void aNameThatIsNotADomainNameIsNeverSent() throws Exception {
    try (LoopbackDnsServer dns = new LoopbackDnsServer(Map.of(), false)) {
      GoResolver resolver = resolver(dns, "nameserver 127.0.0.1\n");

      assertThatThrownBy(() -> resolver.lookup("bad name", Instant.now().plusSeconds(1))).hasMessage("lookup bad name: no such host");
      assertThat(dns.asked).isEmpty();
    }
  }
}
