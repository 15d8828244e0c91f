package io.github.tunneldiagnostics.core.internal.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.tunneldiagnostics.api.check.FindingCode;
import io.github.tunneldiagnostics.core.ConfigException;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;

/**
 * Fuzzes the config loader with arbitrary bytes: it must either build a model or refuse with one
 * {@link ConfigException} carrying a config finding, never throw anything else, never hang. Without
 * {@code JAZZER_FUZZ} this runs the kept corpus ({@code ConfigLoaderFuzzTestInputs/}) as regression tests.
 */
@Tag("fuzz")
class ConfigLoaderFuzzTest {

  @FuzzTest(maxDuration = "10s")
  void anyBytesLoadOrAreRefusedWithAConfigFinding(byte[] bytes) {
    try {
      String text = YamlReader.decodeUtf8(bytes);
      ConfigLoader.parse(text, Path.of("/fuzz/config.yml"));
    } catch (YamlReader.SyntaxException e) {
      assertThat(e.getMessage()).isNotBlank();
    } catch (ConfigException e) {
      assertThat(e.finding().code()).isEqualTo(FindingCode.CONFIG_YAML_INVALID);
      assertThat(e.finding().message()).isNotBlank();
    }
  }
}
