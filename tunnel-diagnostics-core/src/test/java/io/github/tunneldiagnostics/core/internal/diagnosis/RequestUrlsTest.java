package io.github.tunneldiagnostics.core.internal.diagnosis;

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
}
