package io.github.tunneldiagnostics.core.internal.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.github.tunneldiagnostics.core.internal.dns.AddressText;
import io.github.tunneldiagnostics.core.internal.dns.DnsServer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** curl's --resolve form, --dns-server and address text: parsed without any lookup, refused with the expected form. */
class ResolveOverrideTest {

  @Test
  void readsCurlsFormsAndAppliesToItsHostAndPortOnly() {
    ResolveOverride one = ResolveOverride.parse("App.Example.com:8443:127.0.0.1");
    ResolveOverride many = ResolveOverride.parse("+app.example.com:443:[::1],127.0.0.2");
    ResolveOverride any = ResolveOverride.parse("*:443:127.0.0.1");

    assertThat(one).hasToString("app.example.com:8443:127.0.0.1");
    assertThat(one.appliesTo("app.example.com", 8443)).isTrue();
    assertThat(one.appliesTo("app.example.com", 443)).isFalse();
    assertThat(one.appliesTo("api.example.com", 8443)).isFalse();
    assertThat(many).hasToString("app.example.com:443:[::1],127.0.0.2");
    assertThat(any.appliesTo("whatever.example.com", 443)).isTrue();
    assertThat(ResolveOverride.find(List.of(one, any), "app.example.com", 443)).isSameAs(any);
    assertThat(ResolveOverride.find(List.of(one), "app.example.com", 443)).isNull();
  }

  @Test
  void refusesWhatCurlRefusesWithTheExpectedForm() {
    assertThatIllegalArgumentException().isThrownBy(() -> ResolveOverride.parse("app.example.com:443:localhost"))
        .withMessage("invalid --resolve 'app.example.com:443:localhost': 'localhost' is not an IP address (curl takes only numeric "
            + "addresses here); expected HOST:PORT:ADDR[,ADDR]..., e.g. app.example.com:443:127.0.0.1");
    assertThatIllegalArgumentException().isThrownBy(() -> ResolveOverride.parse("app.example.com:443"))
        .withMessage("invalid --resolve 'app.example.com:443': it needs three parts separated by ':'; expected HOST:PORT:ADDR[,ADDR]..., "
            + "e.g. app.example.com:443:127.0.0.1");
    assertThatIllegalArgumentException().isThrownBy(() -> ResolveOverride.parse("app.example.com:70000:127.0.0.1"))
        .withMessage("invalid --resolve 'app.example.com:70000:127.0.0.1': port 70000 is outside 1-65535; expected HOST:PORT:ADDR[,ADDR]..., "
            + "e.g. app.example.com:443:127.0.0.1");
    assertThatIllegalArgumentException().isThrownBy(() -> ResolveOverride.parse("-app.example.com:443"))
        .withMessageStartingWith("invalid --resolve '-app.example.com:443': curl's '-HOST:PORT' removes an entry from its DNS cache");
  }

  @Test
  void dnsServersAreLiteralAddressesWithAnOptionalPort() {
    assertThat(DnsServer.parse("127.0.0.1").label()).isEqualTo("127.0.0.1:53");
    assertThat(DnsServer.parse("127.0.0.1:5353").label()).isEqualTo("127.0.0.1:5353");
    assertThat(DnsServer.parse("[::1]:5353").label()).isEqualTo("[::1]:5353");
    assertThat(DnsServer.parse("::1").label()).isEqualTo("[::1]:53");
    assertThatIllegalArgumentException().isThrownBy(() -> DnsServer.parse("dns.example.com:53"))
        .withMessage("invalid DNS server 'dns.example.com:53': 'dns.example.com' is not an IP address literal; expected ADDR[:PORT], "
            + "e.g. 127.0.0.1:5353 or [::1]:53");
  }

  @Test
  void addressesAreWrittenInTheirShortForm() throws Exception {
    assertThat(AddressText.of(java.net.InetAddress.getByName("fd10:aec2:5dae:0:0:0:0:0"))).isEqualTo("fd10:aec2:5dae::");
    assertThat(AddressText.of(java.net.InetAddress.getByName("2606:4700:0:0:0:0:6810:101"))).isEqualTo("2606:4700::6810:101");
    assertThat(AddressText.of(java.net.InetAddress.getByName("0:0:0:0:0:0:0:1"))).isEqualTo("::1");
    assertThat(AddressText.of(java.net.InetAddress.getByName("2001:db8:0:1:0:0:0:1"))).isEqualTo("2001:db8:0:1::1");
    assertThat(AddressText.withPort(java.net.InetAddress.getByName("104.16.1.1"), 443)).isEqualTo("104.16.1.1:443");
  }
}
