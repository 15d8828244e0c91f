package io.github.tunneldiagnostics.core.internal.files;

import org.jspecify.annotations.Nullable;
import java.nio.charset.StandardCharsets;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads a small input file safely: a path that is not a regular file (a FIFO, a device such as
 * {@code /dev/zero}, a directory, a socket) is refused before it is opened, and the size limit is enforced
 * while reading, so a file that grows, or lies about its size, never makes the reader hold more than the
 * limit plus one buffer.
 */
public final class BoundedFile {
  private static final int CHUNK = 8192;

  private BoundedFile() {}

  /**
   * Refuses {@code path} unless it is a regular file.
   *
   * @throws NotARegularFileException when it is a FIFO, device, directory, socket or other special file
   * @throws java.nio.file.NoSuchFileException when nothing exists there
   */
  public static void requireRegular(Path path) throws IOException {
    FileKind kind = FileKind.of(path);
    if (kind != FileKind.REGULAR) {
      throw new NotARegularFileException(path, kind);
    }
  }

  /**
   * The bytes of the regular file at {@code path}, at most {@code maxBytes} of them.
   *
   * @throws NotARegularFileException when {@code path} is not a regular file (checked before opening it)
   * @throws FileTooLargeException as soon as more than {@code maxBytes} bytes have been read
   */
  public static byte[] read(Path path, long maxBytes) throws IOException {
    if (maxBytes < 0 || maxBytes > Integer.MAX_VALUE - CHUNK) {
      throw new IllegalArgumentException("maxBytes out of range: " + maxBytes);
    }
    requireRegular(path);
    byte[] buffer = new byte[(int) Math.min(maxBytes + 1, CHUNK)];
    int length = 0;
    try (InputStream in = Files.newInputStream(path)) {
      while (true) {
        if (length == buffer.length) {
          if (length > maxBytes) {
            throw new FileTooLargeException(path, maxBytes);
          }
          buffer = Arrays.copyOf(buffer, (int) Math.min(maxBytes + 1, (long) buffer.length * 2));
        }
        int n = in.read(buffer, length, buffer.length - length);
        if (n < 0) {
          break;
        }
        length += n;
      }
    }
    if (length > maxBytes) {
      throw new FileTooLargeException(path, maxBytes);
    }
    return length == buffer.length ? buffer : Arrays.copyOf(buffer, length);
  }

  /**
   * The text (UTF-8) of the regular file at {@code path}, or null when it is missing, unreadable, not a
   * regular file (never opened then) or larger than {@code maxBytes}: for best-effort reads of a value that
   * may be absent, such as the tunnel id in a credentials file.
   */
  public static @Nullable String readTextOrNull(Path path, long maxBytes) {
    try {
      return new String(read(path, maxBytes), StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** The path names something other than a regular file; it was not opened. */
  public static final class NotARegularFileException extends IOException {
    private static final long serialVersionUID = 1L;
    private final transient FileKind kind;

    NotARegularFileException(Path path, FileKind kind) {
      super(path + " is " + kind.description() + ", not a regular file");
      this.kind = kind;
    }

    /** What the path names instead. */
    public FileKind kind() {
      return kind;
    }
  }

  /** The file holds more than the limit; reading stopped there. */
  public static final class FileTooLargeException extends IOException {
    private static final long serialVersionUID = 1L;
    private final long limit;

    FileTooLargeException(Path path, long limit) {
      super(path + " is larger than " + limit + " bytes");
      this.limit = limit;
    }

    /** The limit in bytes. */
    public long limit() {
      return limit;
    }
  }
}
