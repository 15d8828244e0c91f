package io.github.tunneldiagnostics.core.internal.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.tunneldiagnostics.api.check.FindingCode;
import io.github.tunneldiagnostics.core.ConfigException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Tag;

/**
 * Fuzzes the reader of a connector's {@code /config} JSON: any answer either becomes a model or is refused
 * with a CONFIG_YAML_INVALID {@link ConfigException}; nothing else escapes, nothing hangs.
 */
@Tag("fuzz")
class ConnectorConfigFuzzTest {

  @FuzzTest(maxDuration = "10s")
  void anyConfigAnswerParsesOrIsRefusedWithAFinding(byte[] bytes) {
    String json = new String(bytes, StandardCharsets.UTF_8);
    try {
      ConnectorConfigParser.parse(json, "127.0.0.1:20241");
    } catch (ConfigException e) {
      assertThat(e.finding().code()).isEqualTo(FindingCode.CONFIG_YAML_INVALID);
      assertThat(e.finding().message()).isNotBlank();
    }
  }
}
