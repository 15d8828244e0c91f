package io.github.tunneldiagnostics.core.internal.config;

import static io.github.tunneldiagnostics.core.internal.config.DecoderNodes.value;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

class TypeErrorTextTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "v: 30|time.Duration|line 1: cannot unmarshal !!int `30` into time.Duration",
        "v: abcdefghij|string|line 1: cannot unmarshal !!str `abcdefghij` into string",
        "v: abcdefghijk|string|line 1: cannot unmarshal !!str `abcdefg...` into string",
        "v: 'true'|bool|line 1: cannot unmarshal !!str `true` into bool",
        "v: ~|[]int|line 1: cannot unmarshal !!null `~` into []int",
        "v: [1]|string|line 1: cannot unmarshal !!seq into string",
        "v: {a: 1}|[]string|line 1: cannot unmarshal !!map into []string",
      })
  void goLineIsYamlV3sTerrorText(String yaml, String goType, String expected) {
    // when / then
    assertThat(TypeErrorText.goLine(value(yaml), goType)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "v: 30|the integer 30",
        "v: 1.5|the number 1.5",
        "v: TRUE|the boolean TRUE",
        "v: 2001-12-14|the date 2001-12-14",
        "v: ~|empty",
        "v: yes|the string \"yes\"",
        "v: '30'|the string \"30\"",
        "v: 'say \"hi\"'|the string \"say \\\"hi\\\"\"",
        "v: a-value-of-forty-one-characters-exactly-x|the string \"a-value-of-forty-one-characters-exact...\"",
        "v: [1]|a list",
        "v: {a: 1}|a mapping",
      })
  void describeNamesTheValueFound(String yaml, String expected) {
    // when / then
    assertThat(TypeErrorText.describe(value(yaml))).isEqualTo(expected);
  }

  @Test
  void goLineCountsLinesFromOneAsYamlV3Does() {
    // given
    SequenceNode list = (SequenceNode) value("# comment\n\nlist:\n  - a\n  - [b]\n");

    // when
    String line = TypeErrorText.goLine(list.getValue().get(1), "string");

    // then
    assertThat(line).isEqualTo("line 5: cannot unmarshal !!seq into string");
  }
}
