package io.github.tunneldiagnostics.core.internal.logs;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.junit.jupiter.api.Tag;

/**
 * Fuzzes the log classifier (console and JSON line parsers, request pairing, tallies) with any bytes: it
 * classifies or skips every line, never throws, never hangs.
 */
@Tag("fuzz")
class LogClassifierFuzzTest {

  @FuzzTest(maxDuration = "10s")
  void anyLogBytesAreClassifiedOrSkipped(byte[] bytes) throws IOException {
    LogAnalysis analysis = LogClassifier.builder().build().analyze("fuzz.log", new ByteArrayInputStream(bytes));
    assertThat(analysis).isNotNull();
  }
}
