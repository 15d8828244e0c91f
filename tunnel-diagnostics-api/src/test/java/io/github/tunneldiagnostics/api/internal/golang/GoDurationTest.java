package io.github.tunneldiagnostics.api.internal.golang;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GoDurationTest {

  @ParameterizedTest
  @CsvSource({
    "30s, 30000000000",
    "1m30s, 90000000000",
    "1.5h, 5400000000000",
    "300ms, 300000000",
    "0, 0",
    "-0, 0",
    "+5s, 5000000000",
    "-2h45m, -9900000000000",
    "1us, 1000",
    "1µs, 1000",
    "1μs, 1000",
    "7ns, 7",
    ".5s, 500000000",
    "5.s, 5000000000",
    "1h1m1s1ms1us1ns, 3661001001001",
    "2562047h47m16.854775807s, 9223372036854775807",
    "-2562047h47m16.854775808s, -9223372036854775808",
  })
  void parsesWhatGoAccepts(String text, long nanos) throws Exception {
    // when
    Duration parsed = GoDuration.parse(text);

    // then
    assertThat(parsed).isEqualTo(Duration.ofNanos(nanos));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "30|time: missing unit in duration \"30\"",
        "''|time: invalid duration \"\"",
        "s|time: invalid duration \"s\"",
        ".s|time: invalid duration \".s\"",
        "1x|time: unknown unit \"x\" in duration \"1x\"",
        "1 s|time: unknown unit \" s\" in duration \"1 s\"",
        "1S|time: unknown unit \"S\" in duration \"1S\"",
        "-|time: invalid duration \"-\"",
        "3000000h|time: invalid duration \"3000000h\"",
        "9223372036854775808ns|time: invalid duration \"9223372036854775808ns\"",
        "1.5|time: missing unit in duration \"1.5\"",
      })
  void rejectsWithGosMessage(String text, String message) {
    // when / then
    assertThatExceptionOfType(GoDuration.ParseException.class)
        .isThrownBy(() -> GoDuration.parse(text))
        .withMessage(message);
  }

  @ParameterizedTest
  @CsvSource({"30000000000, 30s", "90000000000, 1m30s", "300000000, 300ms", "5400000000000, 1h30m0s", "0, 0s", "1500, 1.5µs"})
  void formatsLikeGo(long nanos, String expected) {
    // when / then
    assertThat(GoDuration.format(Duration.ofNanos(nanos))).isEqualTo(expected);
  }
}
