package io.github.tunneldiagnostics.core.internal.resolver;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Go's own test vectors for {@code net/addrselect.go} (addrselect_test.go), plus the localhost case. */
class GoAddressSelectionTest {

  static InetAddress ip(String text) {
    InetAddress address = GoIp.parse(text);
    if (address == null) {
      throw new IllegalArgumentException(text);
    }
    return address;
  }

  static List<InetAddress> ips(String... texts) {
    return Stream.of(texts).map(GoAddressSelectionTest::ip).toList();
  }

  static Stream<Arguments> sortByRfc6724() {
    return Stream.of(
        // RFC 6724 §10.2: prefer matching scope
        Arguments.of(ips("2001:db8:1::1", "198.51.100.121"), ips("2001:db8:1::2", "169.254.13.78"), ips("2001:db8:1::1", "198.51.100.121"), true),
        // prefer matching scope
        Arguments.of(ips("2001:db8:1::1", "198.51.100.121"), ips("fe80::1", "198.51.100.117"), ips("198.51.100.121", "2001:db8:1::1"), true),
        // prefer higher precedence
        Arguments.of(ips("2001:db8:1::1", "10.1.2.3"), ips("2001:db8:1::2", "10.1.2.4"), ips("2001:db8:1::1", "10.1.2.3"), true),
        // prefer smaller scope
        Arguments.of(ips("2001:db8:1::1", "fe80::1"), ips("2001:db8:1::2", "fe80::2"), ips("fe80::1", "2001:db8:1::1"), true),
        // Go issue 13283: a 10/8 source does not make 23/8 destinations better (rule 9 is IPv6 only)
        Arguments.of(
            ips("54.83.193.112", "184.72.238.214", "23.23.172.185", "75.101.148.21", "23.23.134.56", "23.21.50.150"),
            ips("10.2.3.4", "10.2.3.4", "10.2.3.4", "10.2.3.4", "10.2.3.4", "10.2.3.4"),
            ips("54.83.193.112", "184.72.238.214", "23.23.172.185", "75.101.148.21", "23.23.134.56", "23.21.50.150"),
            false));
  }

  @ParameterizedTest
  @MethodSource
  void sortByRfc6724(List<InetAddress> in, List<InetAddress> sources, List<InetAddress> want, boolean reverse) {
    // when / then
    assertThat(GoAddressSelection.sortWithSources(in, new ArrayList<>(sources))).containsExactlyElementsOf(want);
    if (reverse) {
      List<InetAddress> backwards = new ArrayList<>(in);
      List<@Nullable InetAddress> backwardSources = new ArrayList<>(sources);
      Collections.reverse(backwards);
      Collections.reverse(backwardSources);
      assertThat(GoAddressSelection.sortWithSources(backwards, backwardSources)).containsExactlyElementsOf(want);
    }
  }

  @Test
  void policyTableClassifiesLikeGo() {
    assertThat(GoAddressSelection.classify(ip("127.0.0.1"))).extracting(p -> p.bits(), p -> p.precedence(), p -> p.label()).containsExactly(96, 35, 4);
    assertThat(GoAddressSelection.classify(ip("2601:645:8002:a500:986f:1db8:c836:bd65"))).extracting(p -> p.bits(), p -> p.precedence(), p -> p.label()).containsExactly(0, 40, 1);
    assertThat(GoAddressSelection.classify(ip("::1"))).extracting(p -> p.bits(), p -> p.precedence(), p -> p.label()).containsExactly(128, 50, 0);
    assertThat(GoAddressSelection.classify(ip("2002::ab12"))).extracting(p -> p.bits(), p -> p.precedence(), p -> p.label()).containsExactly(16, 30, 2);
  }

  @Test
  void scopesAreGos() {
    assertThat(GoAddressSelection.classifyScope(ip("127.0.0.1"))).isEqualTo(0x2);
    assertThat(GoAddressSelection.classifyScope(ip("::1"))).isEqualTo(0x2);
    assertThat(GoAddressSelection.classifyScope(ip("169.254.1.2"))).isEqualTo(0x2);
    assertThat(GoAddressSelection.classifyScope(ip("fec0::1"))).isEqualTo(0x5);
    assertThat(GoAddressSelection.classifyScope(ip("8.8.8.8"))).isEqualTo(0xe);
    assertThat(GoAddressSelection.classifyScope(ip("ff02::"))).isEqualTo(0x2);
    assertThat(GoAddressSelection.classifyScope(ip("ff05::"))).isEqualTo(0x5);
    assertThat(GoAddressSelection.classifyScope(ip("ff04::"))).isEqualTo(0x4);
    assertThat(GoAddressSelection.classifyScope(ip("ff0e::"))).isEqualTo(0xe);
    assertThat(GoAddressSelection.classifyScope(ip("224.0.0.0"))).isEqualTo(0xe);
    assertThat(GoAddressSelection.classifyScope(ip("224.2.2.2"))).isEqualTo(0xe);
  }

  @Test
  void commonPrefixLengthsAreGos() {
    assertThat(GoAddressSelection.commonPrefixLength(ip("fe80::1"), ip("fe80::2"))).isEqualTo(64);
    assertThat(GoAddressSelection.commonPrefixLength(ip("fe81::1"), ip("fe80::2"))).isEqualTo(15);
    assertThat(GoAddressSelection.commonPrefixLength(ip("127.0.0.1"), ip("fe80::1"))).isZero();
    assertThat(GoAddressSelection.commonPrefixLength(ip("1.2.3.4"), ip("1.2.3.4"))).isEqualTo(32);
    int[][] vectors = {{255, 255, 16}, {127, 255, 17}, {63, 255, 18}, {31, 255, 19}, {15, 255, 20}, {7, 255, 21}, {3, 255, 22}, {1, 255, 23}, {0, 255, 24}};
    for (int[] v : vectors) {
      assertThat(GoAddressSelection.commonPrefixLength(ip("1.2." + v[0] + "." + v[1]), ip("1.2.0.0"))).as("1.2.%d.%d", v[0], v[1]).isEqualTo(v[2]);
    }
  }

  @Test
  void localhostGoesToIpv6FirstInEitherOrderWhenIpv6HasASource() {
    // given: each loopback address is its own source, as on a host with IPv6 up on lo
    GoAddressSelection.SourceAddresses loopback = destination -> destination;

    // when / then
    assertThat(GoAddressSelection.sort(ips("127.0.0.1", "::1"), loopback)).containsExactlyElementsOf(ips("::1", "127.0.0.1"));
    assertThat(GoAddressSelection.sort(ips("::1", "127.0.0.1"), loopback)).containsExactlyElementsOf(ips("::1", "127.0.0.1"));
  }

  @Test
  void anAddressWithoutASourceGoesLast() {
    // given: IPv6 disabled, so ::1 has no source address (rule 1)
    GoAddressSelection.SourceAddresses noIpv6 = destination -> destination.getAddress().length == 4 ? destination : null;

    // when / then
    assertThat(GoAddressSelection.sort(ips("::1", "127.0.0.1"), noIpv6)).containsExactlyElementsOf(ips("127.0.0.1", "::1"));
  }

  @Test
  void stableSortMatchesGoBeyondOneBlock() {
    // given: 45 addresses that the rules cannot tell apart keep their order through Go's block merge
    List<InetAddress> many = new ArrayList<>();
    for (int i = 1; i <= 45; i++) {
      many.add(ip("10.0.0." + i));
    }
    List<InetAddress> withV6 = new ArrayList<>(many);
    withV6.add(ip("2001:db8::1"));

    // when
    List<InetAddress> sorted = GoAddressSelection.sort(withV6, destination -> destination);

    // then: the IPv6 address (precedence 40) first, the IPv4 ones in their order
    assertThat(sorted.get(0)).isEqualTo(ip("2001:db8::1"));
    assertThat(sorted.subList(1, sorted.size())).containsExactlyElementsOf(many);
  }
}
