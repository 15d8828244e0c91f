package io.github.tunneldiagnostics.core.internal.config;

import io.github.tunneldiagnostics.core.ConfigException;
import static io.github.tunneldiagnostics.core.internal.config.ConfigLoaderTest.catchConfigException;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.tunneldiagnostics.api.check.FindingCode;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Hostile files are refused with a clear message, never an OutOfMemoryError, stack overflow or hang. */
@Timeout(value = 30, unit = TimeUnit.SECONDS) // a safety net against hangs, not a performance measure
class HostileInputTest {
  @TempDir Path home;

  private ConfigException parse(String text) {
    return catchConfigException(() -> ConfigLoader.parse(text, Path.of("/etc/cloudflared/config.yml"), home));
  }

  @Test
  void refusesTheBillionLaughs() {
    // given
    StringBuilder bomb = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
    for (char level = 'b'; level <= 'i'; level++) {
      char previous = (char) (level - 1);
      bomb.append(level).append(": &").append(level).append(" [");
      for (int i = 0; i < 9; i++) {
        bomb.append(i == 0 ? "" : ",").append('*').append(previous);
      }
      bomb.append("]\n");
    }

    // when
    ConfigException e = parse(bomb.toString());

    // then
    assertThat(e.finding().code()).isEqualTo(FindingCode.CONFIG_YAML_INVALID);
    assertThat(e.getMessage())
        .isEqualTo("/etc/cloudflared/config.yml is not valid YAML at line 7, column 26: more than 50 aliases (*name) to lists or mappings;"
            + " this looks like an alias bomb (\"billion laughs\")");
  }

  @Test
  void refusesASmallerAliasBombThatWouldExpandInASetting() {
    // given: 5 levels of 10 aliases stay under the alias limit, but d, e and f expand to 10^4..10^6 values
    StringBuilder bomb = new StringBuilder("a: &a [x,x,x,x,x,x,x,x,x,x]\n");
    for (char level = 'b'; level <= 'f'; level++) {
      bomb.append(level).append(": &").append(level).append(" [");
      for (int i = 0; i < 10; i++) {
        bomb.append(i == 0 ? "" : ",").append('*').append((char) (level - 1));
      }
      bomb.append("]\n");
    }

    // when
    ConfigException e = parse(bomb.toString());

    // then
    assertThat(e.getMessage())
        .isEqualTo("/etc/cloudflared/config.yml line 4, column 4: the value of d expands to more than 10000 values"
            + " or refers to itself through aliases (*name) (and 2 more wrong values)");
  }

  @Test
  void refusesARecursiveAliasInASetting() {
    // when
    ConfigException e = parse("loop: &a [x, *a]\ningress:\n  - service: http_status:404\n");

    // then
    assertThat(e.getMessage())
        .isEqualTo("/etc/cloudflared/config.yml line 1, column 7: the value of loop expands to more than 10000 values"
            + " or refers to itself through aliases (*name)");
  }

  @Test
  void aRecursiveAliasWhereARuleBelongsIsATypeError() {
    // when
    ConfigException e = parse("ingress: &a\n  - *a\n");

    // then
    assertThat(e.finding().evidence())
        .containsEntry("cloudflaredMessage", "yaml: unmarshal errors:\n  line 1: cannot unmarshal !!seq into config.UnvalidatedIngressRule");
  }

  @Test
  void refusesMergeKeysThatMergeEachOther() {
    // when
    ConfigException e = parse("originRequest: &a\n  <<: &b\n    <<: *a\n    noTLSVerify: true\n");

    // then
    assertThat(e.getMessage())
        .isEqualTo("/etc/cloudflared/config.yml line 1, column 16: a << merge refers to a mapping that contains it, so the merge never ends");
  }

  @Test
  void refusesARecursiveKey() {
    // when
    ConfigException e = parse("&a [*a]: x\n");

    // then
    assertThat(e.finding().code()).isEqualTo(FindingCode.CONFIG_YAML_INVALID);
    assertThat(e.getMessage())
        .isEqualTo("/etc/cloudflared/config.yml is not valid YAML at line 1, column 10: Non scalar key is detected but it is not configured to be allowed.");
  }

  @Test
  void refusesDeepFlowNesting() {
    // given
    String deep = "x: " + "[".repeat(100_000) + "]".repeat(100_000) + "\n";

    // when
    ConfigException e = parse(deep);

    // then
    assertThat(e.getMessage())
        .isEqualTo("/etc/cloudflared/config.yml is not valid YAML at line 1, column 67: lists and mappings are nested more than 64 levels deep");
  }

  @Test
  void refusesDeepBlockNesting() {
    // given
    StringBuilder deep = new StringBuilder();
    for (int i = 0; i < 200; i++) {
      deep.append(" ".repeat(i)).append("k").append(i).append(":\n");
    }

    // when
    ConfigException e = parse(deep.toString());

    // then
    assertThat(e.getMessage()).contains("lists and mappings are nested more than 64 levels deep");
  }

  @Test
  void refusesMoreValuesThanAnyRealConfigHas() {
    // when
    ConfigException e = parse("x:\n" + "- a\n".repeat(110_000));

    // then
    assertThat(e.getMessage()).endsWith(": the document has more than 100000 values");
  }

  @Test
  void refusesAHundredMegabyteFileWithoutReadingIt() throws Exception {
    // given: a sparse file, so the test stays fast
    Path huge = home.resolve("config.yml");
    try (RandomAccessFile file = new RandomAccessFile(huge.toFile(), "rw")) {
      file.setLength(100L * 1024 * 1024);
    }

    // when
    ConfigException e = catchConfigException(() -> ConfigLoader.load(huge, home));

    // then
    assertThat(e.finding().code()).isEqualTo(FindingCode.CONFIG_YAML_INVALID);
    assertThat(e.finding().subject()).isEqualTo(huge.toString());
    assertThat(e.getMessage())
        .isEqualTo(huge + " is not valid YAML: the file is 104857600 bytes; tunnel-diagnostics reads config files up to 4194304 bytes"
            + " (4 MiB), and a real cloudflared config is a few KiB");
  }

  @Test
  void refusesInvalidUtf8WithItsPosition() throws Exception {
    // given
    Path binary = home.resolve("config.yml");
    Files.write(binary, new byte[] {'a', ':', ' ', '1', '\n', 'b', ':', ' ', (byte) 0xC3, (byte) 0x28, '\n'});

    // when
    ConfigException e = catchConfigException(() -> ConfigLoader.load(binary, home));

    // then
    assertThat(e.finding().subject()).isEqualTo(binary + ":2:4");
    assertThat(e.getMessage())
        .isEqualTo(binary + " is not valid YAML at line 2, column 4: invalid UTF-8 byte 0xc3 (the file is binary or not UTF-8 text)");
  }

  @Test
  void refusesBinaryJunk() throws Exception {
    // given
    Path binary = home.resolve("config.yml");
    byte[] junk = new byte[4096];
    new java.util.Random(42).nextBytes(junk);
    Files.write(binary, junk);

    // when
    ConfigException e = catchConfigException(() -> ConfigLoader.load(binary, home));

    // then
    assertThat(e.finding().code()).isEqualTo(FindingCode.CONFIG_YAML_INVALID);
    assertThat(e.getMessage()).contains("invalid UTF-8 byte").contains("(the file is binary or not UTF-8 text)");
  }

  @Test
  void refusesControlCharacters() {
    // when
    ConfigException e = parse("tunnel: abc\u0000def\n");

    // then
    assertThat(e.getMessage())
        .isEqualTo("/etc/cloudflared/config.yml is not valid YAML at line 1, column 12: special character U+0000 is not allowed in YAML"
            + " (the file is binary or not text)");
  }

  @Test
  void readsAVeryLongLineInOnePass() throws Exception {
    // given: 4 MB on one line; snakeyaml's default small buffer made this quadratic (minutes for 9 MB)
    String value = "a".repeat(4_000_000);

    // when
    io.github.tunneldiagnostics.api.ingress.IngressModel model =
        ConfigLoader.parse("tunnel: " + value + "\n", Path.of("/etc/cloudflared/config.yml"), home);

    // then
    assertThat(model.tunnel()).hasSize(4_000_000);
  }

  @Test
  void refusesTextLongerThanTheLimit() {
    // when
    ConfigException e = parse("# " + "x".repeat(4 * 1024 * 1024) + "\n");

    // then
    assertThat(e.getMessage()).isEqualTo("/etc/cloudflared/config.yml is not valid YAML: the text is longer than 4194304 characters");
  }

  @Test
  void readsAUtf8ByteOrderMark() throws Exception {
    // given
    Path bom = home.resolve("config.yml");
    Files.write(bom, ("\uFEFFtunnel: my-tunnel\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));

    // when / then
    assertThat(ConfigLoader.load(bom, home).tunnel()).isEqualTo("my-tunnel");
  }
}
