package io.github.tunneldiagnostics.core.internal.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.tunneldiagnostics.core.internal.cloudflareapi.ApiSettings;
import io.github.tunneldiagnostics.core.internal.cloudflareapi.ApiToken;
import io.github.tunneldiagnostics.core.internal.dns.CloudflareRanges;
import io.github.tunneldiagnostics.core.internal.edge.EdgeTrust;
import io.github.tunneldiagnostics.core.internal.routetable.RouteTableException;
import io.github.tunneldiagnostics.core.internal.routetable.RouteTableLoader;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every file a user names besides the config and logs (the route table, the API token file, --edge-ca, the
 * Cloudflare ranges file, the credentials file read for its AccountTag) is refused before it is opened when
 * it is a FIFO or a device, and read only up to its size limit: never a hang, never the heap filled.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS) // a safety net against hangs, not a performance measure
class SideInputFilesTest {
  private static final Path ZERO = Path.of("/dev/zero");
  @TempDir Path temp;
  Path fifo;

  @BeforeEach
  void namedPipe() throws Exception {
    fifo = temp.resolve("pipe");
    assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
  }

  @Test
  void aRouteTableThatIsAPipeOrADeviceIsRefusedByName() {
    // when
    RouteTableException pipe = catchThrowableOfType(RouteTableException.class, () -> RouteTableLoader.load(fifo));
    RouteTableException zero = catchThrowableOfType(RouteTableException.class, () -> RouteTableLoader.load(ZERO));

    // then
    assertThat(pipe).hasMessage(fifo + " is a named pipe (FIFO), not a regular file; it was not read: pass the route table's path, e.g. tunnel-doctor test routes.yaml");
    assertThat(zero).hasMessage("/dev/zero is a character device, not a regular file; it was not read: pass the route table's path, e.g. tunnel-doctor test routes.yaml");
  }

  @Test
  void anApiTokenFileThatIsAPipeOrADeviceIsRefusedByName() {
    assertThatIllegalArgumentException().isThrownBy(() -> ApiToken.fromFile(fifo))
        .withMessage(fifo + " is a named pipe (FIFO), not a regular file; it was not read: pass the file that holds the token");
    assertThatIllegalArgumentException().isThrownBy(() -> ApiToken.fromFile(ZERO))
        .withMessage("/dev/zero is a character device, not a regular file; it was not read: pass the file that holds the token");
  }

  @Test
  void anEdgeCaThatIsAPipeOrADeviceIsRefusedByName() {
    // when
    Throwable pipe = catchThrowableOfType(BoundedFile.NotARegularFileException.class, () -> EdgeTrust.withPemFile(fifo));
    Throwable zero = catchThrowableOfType(BoundedFile.NotARegularFileException.class, () -> EdgeTrust.withPemFile(ZERO));

    // then
    assertThat(pipe).hasMessage(fifo + " is a named pipe (FIFO), not a regular file");
    assertThat(zero).hasMessage("/dev/zero is a character device, not a regular file");
  }

  @Test
  void aCloudflareRangesFileThatIsAPipeIsRefusedAndAHugeOneIsCutAtItsLimit() throws Exception {
    // given
    Path huge = temp.resolve("ranges.txt");
    try (java.io.RandomAccessFile file = new java.io.RandomAccessFile(huge.toFile(), "rw")) {
      file.setLength(64L << 20); // sparse: 64 MiB of zero bytes, no line break
    }

    // when
    Throwable pipe = catchThrowableOfType(BoundedFile.NotARegularFileException.class, () -> CloudflareRanges.fromFile(fifo));
    Throwable big = catchThrowableOfType(BoundedFile.FileTooLargeException.class, () -> CloudflareRanges.fromFile(huge));

    // then
    assertThat(pipe).hasMessage(fifo + " is a named pipe (FIFO), not a regular file");
    assertThat(big).hasMessage(huge + " is larger than 1048576 bytes");
  }

  @Test
  void aCredentialsFileThatIsAPipeGivesNoAccountIdInsteadOfAHang() throws Exception {
    // when
    ApiSettings settings = ApiSettings.from(Map.of("CLOUDFLARE_API_TOKEN", "cfut_" + "a".repeat(40)), null, null, null, fifo);
    ApiSettings later = ApiSettings.from(Map.of("CLOUDFLARE_API_TOKEN", "cfut_" + "a".repeat(40)), null, null, null, null).withAccountFrom(ZERO);

    // then
    assertThat(settings.accountId()).isNull();
    assertThat(later.accountId()).isNull();
  }
}
