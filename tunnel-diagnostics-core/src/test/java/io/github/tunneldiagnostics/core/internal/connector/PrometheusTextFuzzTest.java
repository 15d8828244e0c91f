package io.github.tunneldiagnostics.core.internal.connector;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Tag;

/** Fuzzes the Prometheus text reader with any {@code /metrics} body: it never throws and never hangs. */
@Tag("fuzz")
class PrometheusTextFuzzTest {

  @FuzzTest(maxDuration = "10s")
  void anyMetricsBodyParses(byte[] bytes) {
    PrometheusText parsed = PrometheusText.parse(new String(bytes, StandardCharsets.UTF_8));
    assertThat(parsed).isNotNull();
  }
}
