package io.github.tunneldiagnostics.api.internal.golang;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GoNetTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      nullValues = "NULL",
      value = {
        "app.example.com:443|app.example.com",
        "app.example.com:|app.example.com",
        "app.example.com:abc|app.example.com",
        "[::1]:80|::1",
        "[::1]|NULL",
        "::1|NULL",
        "app.example.com|NULL",
        "a:b:c|NULL",
        "[::1]x:80|NULL",
        "[a[b]:80|NULL",
        "a]:80|NULL",
        ":80|''",
      })
  void splitsHostAndPortLikeGo(String hostPort, String host) {
    // given / when / then
    assertThat(GoNet.splitHostPortHost(hostPort)).isEqualTo(host);
  }

  @ParameterizedTest
  @CsvSource({
    "127.0.0.0/8, true",
    "0.0.0.0/0, true",
    "127.1.1.1/32, true",
    "127.1.1.1/33, false",
    "127.0.0.0, false",
    "0127.0.0.0/8, false",
    "256.0.0.0/8, false",
    "fd00::/8, true",
    "::/0, true",
    "::ffff:127.0.0.1/128, true",
    "2001:db8::1/129, false",
    "2001:db8:::1/64, false",
    "1:2:3:4:5:6:7:8/128, true",
    "1:2:3:4:5:6:7:8:9/128, false",
    "fe80::1%eth0/64, false",
    "127.0.0.0/x, false",
  })
  void acceptsCidrsLikeGoParseCidr(String cidr, boolean valid) {
    // given / when / then
    assertThat(GoNet.isValidCidr(cidr)).isEqualTo(valid);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "127.0.0.1|8080|127.0.0.1:8080",
        "::1|8080|[::1]:8080",
        "0:0:0:0:0:0:0:1|443|[::1]:443",
        "fe80:0:0:0:0:0:0:1%1|80|[fe80::1]:80",
        "2001:db8:0:0:1:0:0:1|53|[2001:db8::1:0:0:1]:53",
        "2001:DB8:0:1:1:1:1:1|53|[2001:db8:0:1:1:1:1:1]:53",
      })
  void joinsAddressesAsGoPrintsThem(String address, int port, String joined) throws UnknownHostException {
    // given
    InetAddress parsed = InetAddress.getByName(address); // a literal: nothing is resolved

    // when / then
    assertThat(GoNet.joinHostPort(parsed, port)).isEqualTo(joined);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {"127.0.0.1|true", "::1|true", "10.0.0.256|true", "localhost|false", "1.2.3|false", "app.example.com|false"})
  void tellsIpLiteralsFromNamesWithoutResolving(String host, boolean literal) {
    // given / when / then
    assertThat(GoNet.isIpLiteral(host)).isEqualTo(literal);
  }
}
