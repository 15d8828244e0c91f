package io.github.tunneldiagnostics.api.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class OriginServiceParseTest {

  private static String invalid(String raw) {
    OriginService service = OriginService.parse(raw, false);
    assertThat(service).isInstanceOf(OriginService.Invalid.class);
    return ((OriginService.Invalid) service).cloudflaredMessage();
  }

  @Test
  void parsesHttpServicesWithGoRenderingAndNoDefaultPort() {
    // given / when
    OriginService plain = OriginService.parse("http://localhost:8080", false);
    OriginService upper = OriginService.parse("HTTPS://LocalHost", false);
    OriginService ipv6 = OriginService.parse("http://[::1]:8080", false);
    OriginService query = OriginService.parse("wss://127.0.0.1:8443?x=1#frag", false);

    // then
    assertThat(plain).isEqualTo(new OriginService.Http("http", "localhost", 8080, "http://localhost:8080"));
    assertThat(upper).isEqualTo(new OriginService.Http("https", "LocalHost", -1, "https://LocalHost"));
    assertThat(((OriginService.Http) upper).effectivePort()).isEqualTo(443);
    assertThat(ipv6).isEqualTo(new OriginService.Http("http", "::1", 8080, "http://[::1]:8080"));
    assertThat(query).isEqualTo(new OriginService.Http("wss", "127.0.0.1", 8443, "wss://127.0.0.1:8443?x=1#frag"));
  }

  @Test
  void keepsAnEmptyPortAsTheSchemeDefaultAndOutOfRangePortsAsGoReadsThem() {
    // given / when
    OriginService emptyPort = OriginService.parse("http://localhost:", false);
    OriginService tooLarge = OriginService.parse("http://localhost:99999", false);
    OriginService huge = OriginService.parse("http://localhost:99999999999999999999", false);

    // then: cloudflared accepts them; Go's dial then says "address 99999: invalid port"
    assertThat(((OriginService.Http) emptyPort).port()).isEqualTo(-1);
    assertThat(((OriginService.Http) emptyPort).dialAddress()).isEqualTo("localhost:80");
    assertThat(((OriginService.Http) tooLarge).port()).isEqualTo(99999);
    assertThat(((OriginService.Http) huge).port()).isEqualTo(1073741823);
  }

  @Test
  void parsesStreamServicesWithCloudflaredDefaultPorts() {
    // given / when / then
    assertThat(OriginService.parse("ssh://localhost", false)).hasToString("ssh://localhost:22");
    assertThat(OriginService.parse("rdp://localhost", false)).hasToString("rdp://localhost:3389");
    assertThat(OriginService.parse("smb://localhost", false)).hasToString("smb://localhost:445");
    assertThat(OriginService.parse("tcp://localhost", false)).hasToString("tcp://localhost:7864");
    assertThat(OriginService.parse("SSH://localhost:2222", false)).hasToString("ssh://localhost:2222");
    assertThat(OriginService.parse("postgres://127.0.0.1:5432", false))
        .isEqualTo(new OriginService.Stream("postgres", "127.0.0.1", 5432));
    assertThat(OriginService.parse("ftp://localhost", false)).hasToString("ftp://localhost");
  }

  @Test
  void parsesTheSpecialServices() {
    // given / when / then
    assertThat(OriginService.parse("unix:/run/app.sock", false)).isEqualTo(new OriginService.UnixSocket("/run/app.sock", false));
    assertThat(OriginService.parse("unix:", false)).isEqualTo(new OriginService.UnixSocket("", false));
    assertThat(OriginService.parse("unix+tls:app.sock", false)).isEqualTo(new OriginService.UnixSocket("app.sock", true));
    assertThat(OriginService.parse("http_status:404", false)).isEqualTo(new OriginService.HttpStatus(404));
    assertThat(OriginService.parse("http_status:+404", false)).isEqualTo(new OriginService.HttpStatus(404));
    assertThat(OriginService.parse("hello_world", false)).isEqualTo(new OriginService.HelloWorld());
    assertThat(OriginService.parse("hello-world", false)).isEqualTo(new OriginService.HelloWorld());
    assertThat(OriginService.parse("socks-proxy", false)).isEqualTo(new OriginService.SocksProxy());
    assertThat(OriginService.parse("bastion", false)).isEqualTo(new OriginService.Bastion());
  }

  @Test
  void bastionModeTurnsOnlyUrlServicesIntoBastionBecauseTheOtherServicesAreCheckedFirst() {
    // given / when / then
    assertThat(OriginService.parse("http://localhost:8080", true)).isEqualTo(new OriginService.Bastion());
    assertThat(OriginService.parse("not a url", true)).isEqualTo(new OriginService.Bastion());
    assertThat(OriginService.parse("unix:/x.sock", true)).isEqualTo(new OriginService.UnixSocket("/x.sock", false));
    assertThat(OriginService.parse("http_status:404", true)).isEqualTo(new OriginService.HttpStatus(404));
    assertThat(OriginService.parse("hello_world", true)).isEqualTo(new OriginService.HelloWorld());
    assertThat(OriginService.parse("socks-proxy", true)).isEqualTo(new OriginService.SocksProxy());
  }

  @Test
  void reportsBadStatusCodesWithStrconvTexts() {
    // given / when / then
    assertThat(invalid("http_status:abc")).isEqualTo("invalid HTTP status code: strconv.Atoi: parsing \"abc\": invalid syntax");
    assertThat(invalid("http_status:")).isEqualTo("invalid HTTP status code: strconv.Atoi: parsing \"\": invalid syntax");
    assertThat(invalid("http_status: 404")).isEqualTo("invalid HTTP status code: strconv.Atoi: parsing \" 404\": invalid syntax");
    assertThat(invalid("http_status:-")).isEqualTo("invalid HTTP status code: strconv.Atoi: parsing \"-\": invalid syntax");
    assertThat(invalid("http_status:99")).isEqualTo("invalid HTTP status code: 99");
    assertThat(invalid("http_status:1000")).isEqualTo("invalid HTTP status code: 1000");
    assertThat(invalid("http_status:-9223372036854775808")).isEqualTo("invalid HTTP status code: -9223372036854775808");
    assertThat(invalid("http_status:9223372036854775807")).isEqualTo("invalid HTTP status code: 9223372036854775807");
    assertThat(invalid("http_status:9223372036854775808"))
        .isEqualTo("invalid HTTP status code: strconv.Atoi: parsing \"9223372036854775808\": value out of range");
    assertThat(invalid("http_status:-9223372036854775809"))
        .isEqualTo("invalid HTTP status code: strconv.Atoi: parsing \"-9223372036854775809\": value out of range");
    assertThat(invalid("http_status:99999999999999999999x"))
        .isEqualTo("invalid HTTP status code: strconv.Atoi: parsing \"99999999999999999999x\": value out of range");
  }

  @Test
  void reportsAddressesWithoutSchemeOrHostAndWithAPath() {
    // given / when / then
    assertThat(invalid("localhost:8000"))
        .isEqualTo("localhost:8000 is an invalid address, please make sure it has a scheme and a hostname");
    assertThat(invalid("http://:8080"))
        .isEqualTo("http://:8080 is an invalid address, please make sure it has a scheme and a hostname");
    assertThat(invalid("")).isEqualTo(" is an invalid address, please make sure it has a scheme and a hostname");
    assertThat(invalid("helloworld"))
        .isEqualTo("helloworld is an invalid address, please make sure it has a scheme and a hostname");
    assertThat(invalid("http:///app"))
        .isEqualTo("http:///app is an invalid address, please make sure it has a scheme and a hostname");
    assertThat(invalid("http://localhost:8080/"))
        .isEqualTo(
            "http://localhost:8080/ is an invalid address, ingress rules don't support proxying to a different path on the"
                + " origin service. The path will be the same as the eyeball request's path");
    assertThat(invalid("http://localhost:8080/api"))
        .isEqualTo(
            "http://localhost:8080/api is an invalid address, ingress rules don't support proxying to a different path on the"
                + " origin service. The path will be the same as the eyeball request's path");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "127.0.0.1:8000|parse \"127.0.0.1:8000\": first path segment in URL cannot contain colon",
        ":8080|parse \":8080\": missing protocol scheme",
        "http://local host|parse \"http://local host\": invalid character \" \" in host name",
        "http://localhost:80a|parse \"http://localhost:80a\": invalid port \":80a\" after host",
        "http://[::1|parse \"http://[::1\": missing ']' in host",
        "http://[::1]x|parse \"http://[::1]x\": invalid port \"x\" after host",
        "http://a%zz|parse \"http://a%zz\": invalid URL escape \"%zz\"",
        "http://a%41|parse \"http://a%41\": invalid URL escape \"%41\"",
        "http://localhost/%|parse \"http://localhost/%\": invalid URL escape \"%\"",
        "http://localhost:8080#frag%|parse \"http://localhost:8080#frag%\": invalid URL escape \"%\"",
        "http://us er@localhost|parse \"http://us er@localhost\": net/url: invalid userinfo",
        "http://us er@local host|parse \"http://us er@local host\": invalid character \" \" in host name",
        "http://localhost:8080?q=%zz#bad%|parse \"http://localhost:8080?q=%zz#bad%\": invalid URL escape \"%\"",
      })
  void reportsGoUrlParseErrorsVerbatim(String raw, String message) {
    // given / when / then
    assertThat(invalid(raw)).isEqualTo(message);
  }

  @Test
  void quotesControlCharactersTheWayGoDoes() {
    // given / when / then
    assertThat(invalid("http://local\thost")).isEqualTo("parse \"http://local\\thost\": net/url: invalid control character in URL");
    assertThat(invalid("http://a\u0001b#x")).isEqualTo("parse \"http://a\\x01b\": net/url: invalid control character in URL");
  }

  @Test
  void acceptsAQueryInTheServiceBecauseCloudflaredDoesNotCheckIt() {
    // given / when
    OriginService service = OriginService.parse("http://localhost:8080?a=%zz", false);

    // then
    assertThat(service).hasToString("http://localhost:8080?a=%zz");
  }
}
