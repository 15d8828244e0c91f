package io.github.tunneldiagnostics.core.internal.ingress;

import io.github.tunneldiagnostics.core.InvalidRequestUrlException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import org.junit.jupiter.api.Test;

class RequestUrlTest {

  @Test
  void readsHostWithoutPortOrBracketsAndKeepsItsCase() {
    assertThat(RequestUrl.parse("https://App.example.com:443/x").host()).isEqualTo("App.example.com");
    assertThat(RequestUrl.parse("http://[::1]:8080/").host()).isEqualTo("::1");
    assertThat(RequestUrl.parse("https://example.com.").host()).isEqualTo("example.com.");
  }

  @Test
  void readsThePercentDecodedPathWithoutQueryOrFragment() {
    assertThat(RequestUrl.parse("https://example.com:8443/a%2Fb/%C3%BC?q=%41#f").path()).isEqualTo("/a/b/ü");
    assertThat(RequestUrl.parse("https://example.com").path()).isEmpty();
    assertThat(RequestUrl.parse("https://example.com?x=1").path()).isEmpty();
  }

  @Test
  void refusesWhatCloudflaredRefusesWithItsMessages() {
    assertThatExceptionOfType(InvalidRequestUrlException.class)
        .isThrownBy(() -> RequestUrl.parse("https://example.com/%zz"))
        .withMessage("https://example.com/%zz is not a valid URL");
    assertThatExceptionOfType(InvalidRequestUrlException.class)
        .isThrownBy(() -> RequestUrl.parse("/just/a/path"))
        .withMessage("/just/a/path doesn't have a hostname, consider adding a scheme");
  }
}
