package io.github.tunneldiagnostics.core.internal.logs;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.check.FindingCode;
import io.github.tunneldiagnostics.api.check.Severity;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * A file that starts with gzip's magic bytes but whose header is cut short or corrupt is not a gzip file:
 * it is reported as such (LOG_INPUT_SKIPPED, a WARNING), never thrown. The inputs are the fuzz corpus's
 * regression cases (LogClassifierFuzzTestInputs), one of them the crash Jazzer found.
 */
class LogClassifierGzipHeaderTest {
  private static final String CORPUS = "LogClassifierFuzzTestInputs/anyLogBytesAreClassifiedOrSkipped/";
  private static final String FIX =
      "Check the file with gzip -t; pass a complete copy of the .gz, or the uncompressed log. Pass the file cloudflared writes (--logfile), or save its output as it is: "
          + "journalctl -u cloudflared > cloudflared.log, docker logs cloudflared > cloudflared.log 2>&1, or kubectl logs POD > cloudflared.log.";

  @Test
  void reservedFlagBitsWithAnExtraFieldLongerThanTheFileAreAHeaderCutShort() throws IOException {
    // given: 1f 8b 08 4e (FHCRC, FEXTRA, FNAME and a reserved bit), then plain log text: Jazzer's crash input
    byte[] bytes = corpus("gzip-header-flags-0x4e-extra-field-longer-than-the-file");

    // when
    Finding finding = inputFinding("cloudflared.log.gz", bytes);

    // then
    assertThat(finding.severity()).isEqualTo(Severity.WARNING);
    assertThat(finding.message()).isEqualTo("cloudflared.log.gz is not a valid gzip file: it starts with gzip's magic bytes (1f 8b), but its header is cut short, "
        + "so nothing in it was read.");
    assertThat(finding.remediation()).isEqualTo(FIX);
    assertThat(finding.evidence()).containsEntry("truncated", "cloudflared.log.gz")
        .containsEntry("invalidGzip", "cloudflared.log.gz: its header is cut short")
        .containsEntry("lines", "0");
  }

  @Test
  void aFileNameFieldWithoutItsEndIsAHeaderCutShort() throws IOException {
    // when
    Finding finding = inputFinding("a.gz", corpus("gzip-cut-in-header"));

    // then
    assertThat(finding.message()).isEqualTo("a.gz is not a valid gzip file: it starts with gzip's magic bytes (1f 8b), but its header is cut short, so nothing in it was read.");
  }

  @Test
  void aWrongHeaderChecksumIsACorruptHeader() throws IOException {
    // when
    Finding finding = inputFinding("b.gz", corpus("gzip-header-crc-wrong"));

    // then
    assertThat(finding.message()).isEqualTo("b.gz is not a valid gzip file: it starts with gzip's magic bytes (1f 8b), but its header is corrupt "
        + "(Corrupt GZIP header), so nothing in it was read.");
    assertThat(finding.evidence()).containsEntry("invalidGzip", "b.gz: its header is corrupt (Corrupt GZIP header)");
  }

  @Test
  void aCompressionMethodOtherThanDeflateIsACorruptHeader() throws IOException {
    // when
    Finding finding = inputFinding("c.gz", corpus("gzip-header-unsupported-method"));

    // then
    assertThat(finding.message()).isEqualTo("c.gz is not a valid gzip file: it starts with gzip's magic bytes (1f 8b), but its header is corrupt "
        + "(Unsupported compression method), so nothing in it was read.");
  }

  @Test
  void twoMagicBytesAloneAreAHeaderCutShort() throws IOException {
    // when
    Finding finding = inputFinding("d.gz", new byte[] {0x1f, (byte) 0x8b});

    // then
    assertThat(finding.message()).isEqualTo("d.gz is not a valid gzip file: it starts with gzip's magic bytes (1f 8b), but its header is cut short, so nothing in it was read.");
  }

  private static Finding inputFinding(String name, byte[] bytes) throws IOException {
    LogAnalysis analysis = LogClassifier.builder().build().analyze(name, new ByteArrayInputStream(bytes));
    assertThat(analysis.summary().truncated()).isTrue();
    assertThat(analysis.findings()).extracting(Finding::code).containsExactly(FindingCode.LOG_INPUT_SKIPPED);
    return analysis.findings().get(0);
  }

  private static byte[] corpus(String name) throws IOException {
    try (InputStream in = LogClassifierGzipHeaderTest.class.getResourceAsStream(CORPUS + name)) {
      return Objects.requireNonNull(in, name).readAllBytes();
    }
  }
}
