package io.github.tunneldiagnostics.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestUrlsTest {

  @Test
  void lowerCasesOnlyTheHost() {
    // when
    String sent = RequestUrls.withLowerCaseHost("HTTPS://User:PW@App.EXAMPLE.com:8443/Path/X?Q=A#F");

    // then
    assertThat(sent).isEqualTo("HTTPS://User:PW@app.example.com:8443/Path/X?Q=A#F");
  }

  @Test
  void leavesTextWithoutSchemeUnchanged() {
    // when
    String sent = RequestUrls.withLowerCaseHost("App.Example.com/x");

    // then
    assertThat(sent).isEqualTo("App.Example.com/x");
  }

  @Test
  void readsHostWithoutPortOrBracketsAndKeepsItsCase() {
    // then
    assertThat(RequestUrls.host("https://App.example.com:443/x")).isEqualTo("App.example.com");
    assertThat(RequestUrls.host("http://[::1]:8080/")).isEqualTo("::1");
    assertThat(RequestUrls.host("https://example.com")).isEqualTo("example.com");
  }

  @Test
  void readsThePercentDecodedPathWithoutQueryOrFragment() {
    // then
    assertThat(RequestUrls.path("https://example.com:8443/a%2Fb/%C3%BC%zz?q=%41#f")).isEqualTo("/a/b/ü%zz");
    assertThat(RequestUrls.path("https://example.com")).isEmpty();
    assertThat(RequestUrls.path("https://example.com?x=1")).isEmpty();
  }
}
