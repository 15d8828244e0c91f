package io.github.tunneldiagnostics.core.internal.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 30, unit = TimeUnit.SECONDS) // a safety net against hangs, not a performance measure
class BoundedFileTest {
  @TempDir Path dir;

  @Test
  void readsARegularFileWithinTheLimit() throws Exception {
    // given
    Path file = Files.writeString(dir.resolve("creds.json"), "{\"a\":1}");

    // when
    byte[] bytes = BoundedFile.read(file, 7);

    // then
    assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}");
  }

  @Test
  void stopsReadingOneByteBeyondTheLimit() throws Exception {
    // given
    Path file = Files.write(dir.resolve("big"), new byte[20_000]);

    // when
    BoundedFile.FileTooLargeException e = catchThrowableOfType(BoundedFile.FileTooLargeException.class, () -> BoundedFile.read(file, 19_999));

    // then
    assertThat(e).hasMessage(file + " is larger than 19999 bytes");
    assertThat(e.limit()).isEqualTo(19_999);
  }

  @Test
  void refusesAFifoBeforeOpeningIt() throws Exception {
    // given
    Path fifo = dir.resolve("pipe");
    assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();

    // when
    BoundedFile.NotARegularFileException e = catchThrowableOfType(BoundedFile.NotARegularFileException.class, () -> BoundedFile.read(fifo, 100));

    // then
    assertThat(e).hasMessage(fifo + " is a named pipe (FIFO), not a regular file");
    assertThat(e.kind()).isEqualTo(FileKind.FIFO);
  }

  @Test
  void refusesDevZeroADirectoryAndASocket() throws Exception {
    // given
    Path socket = dir.resolve("s.sock");
    try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      server.bind(UnixDomainSocketAddress.of(socket));

      // when / then
      assertThat(FileKind.of(Path.of("/dev/zero"))).isEqualTo(FileKind.CHARACTER_DEVICE);
      assertThat(FileKind.of(dir)).isEqualTo(FileKind.DIRECTORY);
      assertThat(FileKind.of(socket)).isEqualTo(FileKind.SOCKET);
      assertThat(catchThrowableOfType(IOException.class, () -> BoundedFile.read(Path.of("/dev/zero"), 100)))
          .hasMessage("/dev/zero is a character device, not a regular file");
      assertThat(catchThrowableOfType(IOException.class, () -> BoundedFile.read(dir, 100)))
          .hasMessage(dir + " is a directory, not a regular file");
      assertThat(catchThrowableOfType(IOException.class, () -> BoundedFile.read(socket, 100)))
          .hasMessage(socket + " is a socket, not a regular file");
    }
  }

  @Test
  void saysWhenNothingIsThere() {
    // when
    NoSuchFileException e = catchThrowableOfType(NoSuchFileException.class, () -> BoundedFile.read(dir.resolve("missing"), 100));

    // then
    assertThat(e).hasMessage(dir.resolve("missing").toString());
  }
}
