package io.github.tunneldiagnostics.core.internal.fix;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Optional;

/**
 * Replaces a file atomically: a temporary file in the same directory gets the new bytes, the old file's
 * mode, owner and group, is flushed to disk, and is renamed over the file; a copy of the old bytes stays
 * beside it. A symbolic link is followed, so the link itself survives.
 */
public final class AtomicFileWriter {
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private AtomicFileWriter() {}

  /**
   * Writes {@code bytes} over {@code file} when it still holds {@code expected}.
   *
   * @return the backup's path, or empty when the file no longer holds {@code expected} (nothing written)
   * @throws IOException when writing fails; the file is then unchanged and no temporary file is left
   */
  public static Optional<Path> replace(Path file, byte[] bytes, byte[] expected, Clock clock) throws IOException {
    Path real = file.toRealPath();
    Path directory = java.util.Objects.requireNonNull(real.getParent(), "a real file path has a parent");
    String name = String.valueOf(real.getFileName());
    @org.jspecify.annotations.Nullable PosixFileAttributes attributes = Files.getFileAttributeView(real, PosixFileAttributeView.class) == null
        ? null
        : Files.readAttributes(real, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    Path backup = directory.resolve(name + "." + STAMP.format(clock.instant()) + ".bak");
    for (int n = 1; Files.exists(backup, LinkOption.NOFOLLOW_LINKS); n++) {
      backup = directory.resolve(name + "." + STAMP.format(clock.instant()) + "-" + n + ".bak");
    }
    Path temporary = Files.createTempFile(directory, "." + name + ".", ".tmp");
    try {
      try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      if (attributes != null) {
        PosixFileAttributeView view = Files.getFileAttributeView(temporary, PosixFileAttributeView.class);
        view.setPermissions(attributes.permissions());
        if (!Files.getOwner(temporary).equals(attributes.owner())) {
          view.setOwner(attributes.owner()); // fails (and nothing is written) when this user may not keep the owner
        }
        if (!Files.readAttributes(temporary, PosixFileAttributes.class).group().equals(attributes.group())) {
          view.setGroup(attributes.group());
        }
      }
      if (!Arrays.equals(Files.readAllBytes(real), expected)) {
        return Optional.empty();
      }
      Files.copy(real, backup, StandardCopyOption.COPY_ATTRIBUTES);
      try {
        Files.move(temporary, real, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        throw new IOException("the file system of " + directory + " cannot rename atomically; nothing was written", e);
      }
      return Optional.of(backup);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }
}
