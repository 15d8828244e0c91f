package io.github.tunneldiagnostics.api.internal.golang;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GoUrlTest {

  @Test
  void splitsHostnameAndPortLikeUrlHostnameAndPort() throws Exception {
    // given / when
    GoUrl ipv6 = GoUrl.parse("http://[::1]:8080/x");
    GoUrl noPort = GoUrl.parse("http://[::1]/x");
    GoUrl emptyPort = GoUrl.parse("http://app.example.com:/x");
    GoUrl zone = GoUrl.parse("http://[fe80::1%25en0]:8080");

    // then
    assertThat(ipv6.hostname()).isEqualTo("::1");
    assertThat(ipv6.port()).isEqualTo("8080");
    assertThat(noPort.hostname()).isEqualTo("::1");
    assertThat(noPort.port()).isEmpty();
    assertThat(emptyPort.hostname()).isEqualTo("app.example.com");
    assertThat(emptyPort.port()).isEmpty();
    assertThat(zone.hostname()).isEqualTo("fe80::1%en0");
    assertThat(zone.render()).isEqualTo("http://[fe80::1%25en0]:8080");
  }

  @Test
  void decodesThePathAndKeepsTheQueryRaw() throws Exception {
    // given / when
    GoUrl url = GoUrl.parse("https://app.example.com/a%2Fb/%C3%BC?x=%2F#f");

    // then
    assertThat(url.path()).isEqualTo("/a/b/ü");
    assertThat(url.rawQuery()).isEqualTo("x=%2F");
    assertThat(url.render()).isEqualTo("https://app.example.com/a%2Fb/%C3%BC?x=%2F#f");
  }

  @Test
  void rendersLikeUrlStringWithTheSchemeLowerCasedAndUserinfoReEscaped() throws Exception {
    // given / when / then
    assertThat(GoUrl.parse("HTTP://App.Example.com:8080").render()).isEqualTo("http://App.Example.com:8080");
    assertThat(GoUrl.parse("http://user:p%40ss@localhost:80").render()).isEqualTo("http://user:p%40ss@localhost:80");
    assertThat(GoUrl.parse("http://localhost?").render()).isEqualTo("http://localhost?");
    assertThat(GoUrl.parse("http://bücher.example").render()).isEqualTo("http://b%C3%BCcher.example");
  }

  @Test
  void treatsARootlessRestAfterTheSchemeAsOpaque() throws Exception {
    // given / when
    GoUrl url = GoUrl.parse("localhost:8000");

    // then
    assertThat(url.scheme()).isEqualTo("localhost");
    assertThat(url.opaque()).isEqualTo("8000");
    assertThat(url.hostname()).isEmpty();
  }
}
