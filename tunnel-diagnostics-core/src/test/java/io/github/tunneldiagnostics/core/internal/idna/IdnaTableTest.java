package io.github.tunneldiagnostics.core.internal.idna;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class IdnaTableTest {

  @Test
  void checkedInTableIsWhatTheGeneratorWritesFromUnicodesMappingTable() throws IOException {
    // given
    String expected = IdnaTableGenerator.generate();

    // when
    String checkedIn;
    try (InputStream raw = Objects.requireNonNull(IdnaTable.class.getResourceAsStream(IdnaTable.RESOURCE));
        InputStream in = new GZIPInputStream(raw)) {
      checkedIn = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    }

    // then
    assertThat(checkedIn)
        .as("the resource %s is stale: run IdnaTableGenerator (see its Javadoc)", IdnaTable.RESOURCE)
        .isEqualTo(expected);
    assertThat(IdnaTable.get().unicodeVersion).isEqualTo("15.1.0");
  }
}
