package io.github.tunneldiagnostics.core.internal.publicroute;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The cf-ray search of a 502's attribution reads the --log files within bounds, whatever they hold. */
@Timeout(value = 60, unit = TimeUnit.SECONDS) // a safety net against hangs, not a performance measure
class LocalTraceLogsTest {
  private static final String LINE = "2024-12-10T10:00:00Z ERR  error=\"Unable to reach the origin service. The service may be down or it may not be responding"
      + " to traffic from cloudflared: dial tcp 127.0.0.1:8080: connect: connection refused\" cfRay=8f1e2d3c4b5a6978-FRA event=1 ingressRule=0\n";
  private static final LocalTrace.LogVerdict UNKNOWN = new LocalTrace.LogVerdict(BadGatewayAttribution.UNKNOWN, null);
  @TempDir Path temp;

  @Test
  void findsTheRayInAPlainAndInAGzipLog() throws Exception {
    // given
    Path plain = Files.writeString(temp.resolve("cloudflared.log"), "INF something else\n" + LINE);
    Path gz = temp.resolve("cloudflared.log.1.gz");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      out.write(LINE.getBytes(StandardCharsets.UTF_8));
    }
    Files.write(gz, bytes.toByteArray());

    // when / then
    assertThat(search(plain)).isEqualTo(new LocalTrace.LogVerdict(BadGatewayAttribution.CLOUDFLARED, LINE.strip()));
    assertThat(search(gz)).isEqualTo(new LocalTrace.LogVerdict(BadGatewayAttribution.CLOUDFLARED, LINE.strip()));
  }

  @Test
  void aNamedPipeIsNotOpenedAndADeviceIsNotRead() throws Exception {
    // given: a FIFO without a writer (opening it would block forever), and /dev/zero (endless, no line break)
    Path fifo = temp.resolve("pipe.log");
    assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();

    // when / then
    assertThat(search(fifo)).isEqualTo(UNKNOWN);
    assertThat(search(Path.of("/dev/zero"))).isEqualTo(UNKNOWN);
  }

  @Test
  void aLineLongerThanTheWholeBudgetEndsTheSearchWithoutBeingHeld() throws Exception {
    // given: 300 MiB of zero bytes without a line break (a sparse file), then the line with the ray
    Path huge = temp.resolve("huge.log");
    try (RandomAccessFile file = new RandomAccessFile(huge.toFile(), "rw")) {
      file.seek(300L << 20);
      file.write(("\n" + LINE).getBytes(StandardCharsets.UTF_8));
    }

    // when / then: the 256 MiB byte budget ends the search inside the first line, which is cut at 64 KiB
    assertThat(search(huge)).isEqualTo(UNKNOWN);
  }

  private LocalTrace.LogVerdict search(Path log) {
    return new LocalTrace(List.of(log), null, Clock.systemUTC()).searchLogs("8f1e2d3c4b5a6978-FRA", Instant.now().plusSeconds(50));
  }
}
