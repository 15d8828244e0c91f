package io.github.tunneldiagnostics.core.internal.config;

import static io.github.tunneldiagnostics.core.internal.config.DecoderNodes.FILE;
import static io.github.tunneldiagnostics.core.internal.config.DecoderNodes.value;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.tunneldiagnostics.core.internal.config.ConfigDecoder.Dialect;
import io.github.tunneldiagnostics.core.internal.config.ConfigDecoder.Problem;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GoScalarReaderTest {
  private static final String NEEDS = ", but cloudflared needs a Go duration string such as \"30s\", \"1m30s\" or \"300ms\"";
  private static final String ADD_A_UNIT = "add a unit: `connectTimeout: 30s` (units: ns, us, ms, s, m, h; e.g. 30s, 1m30s, 300ms)";

  private final ProblemCollector yamlProblems = new ProblemCollector(Dialect.YAML, FILE);
  private final GoScalarReader yaml = new GoScalarReader(yamlProblems);
  private final ProblemCollector jsonProblems = new ProblemCollector(Dialect.JSON, "127.0.0.1:20241/config");
  private final GoScalarReader json = new GoScalarReader(jsonProblems);

  @ParameterizedTest
  @CsvSource({"30s, PT30S", "1m30s, PT1M30S", "300ms, PT0.3S", "-1s, PT-1S", "'\"45s\"', PT45S"})
  void readsGoDurations(String written, Duration expected) {
    // when / then
    assertThat(yaml.duration(value("connectTimeout: " + written), "x", "connectTimeout")).isEqualTo(expected);
    assertThat(yamlProblems.problems()).isEmpty();
  }

  @Test
  void aNumberWithoutAUnitAsksForOne() {
    // when
    Duration read = yaml.duration(value("connectTimeout: 30"), "originRequest.connectTimeout", "connectTimeout");

    // then
    assertThat(read).isNull();
    assertThat(yamlProblems.problems()).containsExactly(new Problem(1, 17, "line 1: cannot unmarshal !!int `30` into time.Duration",
        "originRequest.connectTimeout is the integer 30" + NEEDS, ADD_A_UNIT, "30"));
  }

  @Test
  void aQuotedNumberAsksForAUnitAndQuotesGosError() {
    // when
    yaml.duration(value("connectTimeout: '30'"), "originRequest.connectTimeout", "connectTimeout");

    // then
    assertThat(yamlProblems.problems()).containsExactly(new Problem(1, 17, "line 1: cannot unmarshal !!str `30` into time.Duration",
        "originRequest.connectTimeout is the string \"30\"" + NEEDS + " (time: missing unit in duration \"30\")", ADD_A_UNIT, "30"));
  }

  @Test
  void anUnknownUnitQuotesGosErrorAndListsTheUnits() {
    // when
    yaml.duration(value("connectTimeout: 5x"), "rule #0 originRequest.connectTimeout", "connectTimeout");

    // then
    assertThat(yamlProblems.problems()).containsExactly(new Problem(1, 17, "line 1: cannot unmarshal !!str `5x` into time.Duration",
        "rule #0 originRequest.connectTimeout is the string \"5x\"" + NEEDS + " (time: unknown unit \"x\" in duration \"5x\")",
        "write a Go duration such as `connectTimeout: 30s`, `1m30s` or `300ms` (units: ns, us, ms, s, m, h)", "5x"));
  }

  @Test
  void aListIsNoDuration() {
    // when
    yaml.duration(value("connectTimeout: [1s]"), "warp-routing.connectTimeout", "connectTimeout");

    // then
    assertThat(yamlProblems.problems()).containsExactly(new Problem(1, 17, "line 1: cannot unmarshal !!seq into time.Duration",
        "warp-routing.connectTimeout is a list, but cloudflared expects a Go duration string such as \"30s\"",
        "write a Go duration such as `connectTimeout: 30s`", ""));
  }

  @Test
  void theJsonDialectReadsSecondsAndRefusesText() {
    // when
    Duration whole = json.duration(value("{\"t\": 30}"), "t", "t");
    Duration fraction = json.duration(value("{\"t\": 1.5}"), "t", "t");
    Duration text = json.duration(value("{\"t\": \"30s\"}"), "originRequest.connectTimeout", "connectTimeout");

    // then
    assertThat(whole).isEqualTo(Duration.ofSeconds(30));
    assertThat(fraction).isEqualTo(Duration.ofMillis(1500));
    assertThat(text).isNull();
    assertThat(jsonProblems.problems()).containsExactly(new Problem(1, 7, "line 1: cannot unmarshal !!str `30s` into config.CustomDuration",
        "originRequest.connectTimeout is the string \"30s\", but cloudflared expects a number of seconds",
        "report this connector's /config output; durations there are numbers of seconds", "30s"));
  }

  @ParameterizedTest
  @CsvSource({
    "100, int, 100",
    "1.9, int, 1",
    "-1.9, int, -1",
    "0x10, int, 16",
    "18446744073709551615, uint64, 9223372036854775807",
    "~, int, ",
  })
  void readsIntegersTheYamlV3Way(String written, String goType, Long expected) {
    // when / then
    assertThat(yaml.integer(value("v: " + written), "x", "v", goType)).isEqualTo(expected);
    assertThat(yamlProblems.problems()).isEmpty();
  }

  @Test
  void aNegativeNumberIsNoUnsignedInteger() {
    // when
    Long read = yaml.integer(value("proxyPort: -80"), "originRequest.proxyPort", "proxyPort", "uint");

    // then
    assertThat(read).isNull();
    assertThat(yamlProblems.problems()).containsExactly(new Problem(1, 12, "line 1: cannot unmarshal !!int `-80` into uint",
        "originRequest.proxyPort is the integer -80, but cloudflared expects a whole number of 0 or more",
        "write a plain number without quotes or units, e.g. `proxyPort: 100`", "-80"));
  }

  @Test
  void aFloatPastInt64IsRefusedInYamlAndClampedInJson() {
    // when
    Long fromYaml = yaml.integer(value("keepAliveConnections: 1e30"), "originRequest.keepAliveConnections", "keepAliveConnections", "int");
    Long fromJson = json.integer(value("{\"keepAliveConnections\": 1e30}"), "x", "keepAliveConnections", "int");

    // then
    assertThat(fromYaml).isNull();
    assertThat(yamlProblems.problems()).containsExactly(new Problem(1, 23, "line 1: cannot unmarshal !!float `1e30` into int",
        "originRequest.keepAliveConnections is the number 1e30, but cloudflared expects a whole number",
        "write a plain number without quotes or units, e.g. `keepAliveConnections: 100`", "1e30"));
    assertThat(fromJson).isEqualTo(Long.MAX_VALUE);
    assertThat(jsonProblems.problems()).isEmpty();
  }

  @Test
  void toIntClampsIntoJavasIntRange() {
    // when / then
    assertThat(GoScalarReader.toInt(1L << 40)).isEqualTo(Integer.MAX_VALUE);
    assertThat(GoScalarReader.toInt(-(1L << 40))).isEqualTo(Integer.MIN_VALUE);
    assertThat(GoScalarReader.toInt(7L)).isEqualTo(7);
    assertThat(GoScalarReader.toInt(null)).isNull();
  }

  @Test
  void aQuotedTrueIsAStringToABoolField() {
    // when
    Boolean read = yaml.bool(value("noTLSVerify: 'true'"), "originRequest.noTLSVerify", "noTLSVerify");

    // then
    assertThat(read).isNull();
    assertThat(yamlProblems.problems()).containsExactly(new Problem(1, 14, "line 1: cannot unmarshal !!str `true` into bool",
        "originRequest.noTLSVerify is the string \"true\", but cloudflared expects true or false",
        "write `noTLSVerify: true` or `noTLSVerify: false` without quotes (a quoted \"true\" is a string to cloudflared)", "true"));
  }

  @Test
  void aStringFieldTakesAnyScalarsTextAndRefusesAMapping() {
    // when
    String number = yaml.string(value("httpHostHeader: 12345"), "x", "string");
    String absent = yaml.stringOrEmpty(value("httpHostHeader: ~"), "x", "string");
    String mapping = yaml.stringOrEmpty(value("httpHostHeader: {a: b}"), "originRequest.httpHostHeader", "string");

    // then
    assertThat(number).isEqualTo("12345");
    assertThat(absent).isEmpty();
    assertThat(mapping).isEmpty();
    assertThat(yamlProblems.problems()).containsExactly(new Problem(1, 17, "line 1: cannot unmarshal !!map into string",
        "originRequest.httpHostHeader is a mapping, but cloudflared expects a single value",
        "write one value after the colon (quote it if it contains `: ` or starts with `*`, `&`, `[` or `{`)", ""));
  }
}
