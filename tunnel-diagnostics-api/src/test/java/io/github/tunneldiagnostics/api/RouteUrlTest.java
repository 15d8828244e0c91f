package io.github.tunneldiagnostics.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RouteUrlTest {

  @Test
  void readsEachPartOnceLikeGosUrlParse() {
    // when
    RouteUrl url = RouteUrl.parse("HTTPS://App.Example.com:8443/a%20b/%C3%BC?x=%41&y#top");

    // then
    assertThat(url.text()).isEqualTo("HTTPS://App.Example.com:8443/a%20b/%C3%BC?x=%41&y#top");
    assertThat(url.scheme()).isEqualTo("https");
    assertThat(url.hostname()).isEqualTo("App.Example.com");
    assertThat(url.port()).isEqualTo("8443");
    assertThat(url.path()).isEqualTo("/a b/ü");
    assertThat(url.requestTarget()).isEqualTo("/a%20b/%C3%BC?x=%41&y");
  }

  @Test
  void readsIpv6LiteralsWithoutBracketsOrPort() {
    // when
    RouteUrl withPort = RouteUrl.parse("http://[::1]:8080/health");
    RouteUrl withoutPort = RouteUrl.parse("http://[::1]/");

    // then
    assertThat(withPort.hostname()).isEqualTo("::1");
    assertThat(withPort.port()).isEqualTo("8080");
    assertThat(withPort.path()).isEqualTo("/health");
    assertThat(withoutPort.hostname()).isEqualTo("::1");
    assertThat(withoutPort.port()).isEmpty();
  }

  @ParameterizedTest(name = "{0}: path \"{1}\", target {2}")
  @CsvSource(delimiter = '|', value = {
      "https://app.example.com           | ''    | /",
      "https://app.example.com?x=1       | ''    | /?x=1",
      "https://app.example.com/#top      | /     | /",
      "https://app.example.com/x?q=1#top | /x    | /x?q=1",
      "https://app.example.com/x?        | /x    | /x?",
      "https://app.example.com/a%2Fb     | /a/b  | /a%2Fb",
      "localhost:8080                    | ''    | /",
  })
  void matchesTheDecodedPathAndRequestsThePathAndQueryAsWritten(String text, String path, String target) {
    // when
    RouteUrl url = RouteUrl.parse(text);

    // then
    assertThat(url.path()).isEqualTo(path);
    assertThat(url.requestTarget()).isEqualTo(target);
  }

  @Test
  void acceptsASchemeWithoutAHostnameAsCloudflaredDoes() {
    // when: Go reads "localhost" as the scheme and "8080" as opaque data
    RouteUrl url = RouteUrl.parse("localhost:8080");

    // then
    assertThat(url.scheme()).isEqualTo("localhost");
    assertThat(url.hostname()).isEmpty();
    assertThat(url.port()).isEmpty();
  }

  @ParameterizedTest(name = "{0} is sent as {1}")
  @CsvSource(delimiter = '|', value = {
      "HTTPS://User:PW@App.EXAMPLE.com:8443/Path/X?Q=A#F | HTTPS://User:PW@app.example.com:8443/Path/X?Q=A#F",
      "http://[FE80::1]:8080/X                           | http://[fe80::1]:8080/X",
      "https://Bücher.Example/Straße                     | https://bücher.example/Straße",
      "https://APP.example.com?Q=1                       | https://app.example.com?Q=1",
      "//App.Example.com/X                               | //app.example.com/X",
  })
  void aBrowserLowerCasesTheHostOnly(String text, String sent) {
    // when
    RouteUrl url = RouteUrl.parse(text).browserForm();

    // then
    assertThat(url.text()).isEqualTo(sent);
    assertThat(url.hostname()).isEqualTo(RouteUrl.parse(text).hostname().toLowerCase(java.util.Locale.ROOT));
  }

  @Test
  void aUrlWhoseHostIsLowerCaseAlreadyIsItsOwnBrowserForm() {
    // given
    RouteUrl url = RouteUrl.parse("HTTPS://app.example.com/Path");

    // when / then
    assertThat(url.browserForm()).isSameAs(url);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "app.example.com/x        | app.example.com/x doesn't have a hostname, consider adding a scheme",
      "/just/a/path             | /just/a/path doesn't have a hostname, consider adding a scheme",
      "https://app example.com/ | https://app example.com/ is not a valid URL",
      "https://example.com/%zz  | https://example.com/%zz is not a valid URL",
      "http://[::1/             | http://[::1/ is not a valid URL",
      "http://app:port/         | http://app:port/ is not a valid URL",
      "rule #0                  | rule #0 doesn't have a hostname, consider adding a scheme",
  })
  void refusesWhatCloudflaredRefusesWithItsMessage(String text, String message) {
    assertThatExceptionOfType(InvalidRouteUrlException.class).isThrownBy(() -> RouteUrl.parse(text)).withMessage(message);
  }

  @Test
  void refusesAnEmptyUrlWithCloudflaredsMessage() {
    assertThatExceptionOfType(InvalidRouteUrlException.class)
        .isThrownBy(() -> RouteUrl.parse(""))
        .withMessage("cloudflared tunnel rule expects a single argument, the URL to test");
  }

  @Test
  void neverShowsAPasswordOrATokenItCarries() {
    // given
    RouteUrl url = RouteUrl.parse("https://alice:s3cret@app.example.com/?token=abc123");

    // when / then
    assertThat(url).hasToString("https://****@app.example.com/?token=****");
    assertThat(url.text()).isEqualTo("https://alice:s3cret@app.example.com/?token=abc123");
    assertThatExceptionOfType(InvalidRouteUrlException.class)
        .isThrownBy(() -> RouteUrl.parse("https://alice:s3cret@app example.com/"))
        .withMessage("https://****@app example.com/ is not a valid URL");
  }

  @Test
  void isEqualToTheSameTextOnly() {
    assertThat(RouteUrl.parse("https://app.example.com/")).isEqualTo(RouteUrl.parse("https://app.example.com/"))
        .hasSameHashCodeAs(RouteUrl.parse("https://app.example.com/"))
        .isNotEqualTo(RouteUrl.parse("https://App.example.com/"));
  }
}
