package io.github.tunneldiagnostics.core.internal.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JsonStringTest {

  @Test
  void quotesPlainTextUnchanged() {
    // given
    String value = "app.example.com ok é 中 😀";

    // when
    String quoted = JsonString.quote(value);

    // then
    assertThat(quoted).isEqualTo("\"app.example.com ok é 中 😀\"");
  }

  @Test
  void escapesQuotesBackslashAndShortFormControlCharacters() {
    // given
    String value = "a\"b\\c\nd\re\tf\bg\fh/";

    // when
    String quoted = JsonString.quote(value);

    // then
    assertThat(quoted).isEqualTo("\"a\\\"b\\\\c\\nd\\re\\tf\\bg\\fh/\"");
  }

  @Test
  void escapesOtherControlCharactersDeleteAndLineSeparatorsAsUnicodeEscapes() {
    // given
    String value = "\u0000\u0001\u001f\u007f\u2028\u2029";

    // when
    String quoted = JsonString.quote(value);

    // then
    assertThat(quoted).isEqualTo("\"\\u0000\\u0001\\u001f\\u007f\\u2028\\u2029\"");
  }

  @Test
  void escapesUnpairedSurrogatesButKeepsPairs() {
    // given
    String value = "\ud83d\ude00 \ud83d x \ude00";

    // when
    String quoted = JsonString.quote(value);

    // then
    assertThat(quoted).isEqualTo("\"\ud83d\ude00 \\ud83d x \\ude00\"");
  }
}
