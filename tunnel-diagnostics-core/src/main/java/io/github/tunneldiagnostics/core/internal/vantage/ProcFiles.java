package io.github.tunneldiagnostics.core.internal.vantage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads {@code /proc} files and files under a process's root with a byte budget: {@code /proc} files
 * report size 0, so the limit is enforced while reading. Only regular files (after symlinks) are read,
 * never a FIFO or device.
 */
public final class ProcFiles {
  /** The budget of one {@code /proc} text file (status, limits, cgroup, route, tcp tables). */
  public static final int MAX_PROC_FILE = 4 << 20;

  private ProcFiles() {}

  /**
   * The bytes of {@code file}, at most {@code maxBytes}.
   *
   * @throws IOException when it cannot be read, is not a regular file, or is larger than {@code maxBytes}
   */
  public static byte[] read(Path file, int maxBytes) throws IOException {
    if (!Files.isRegularFile(file)) {
      if (Files.exists(file, LinkOption.NOFOLLOW_LINKS) || Files.exists(file)) {
        throw new IOException(file + " is not a regular file");
      }
      throw new java.nio.file.NoSuchFileException(file.toString());
    }
    try (InputStream in = Files.newInputStream(file)) {
      byte[] bytes = in.readNBytes(maxBytes + 1);
      if (bytes.length > maxBytes) {
        throw new IOException(file + " is larger than " + maxBytes + " bytes");
      }
      return bytes;
    }
  }

  /** The text of {@code file} (ISO-8859-1 keeps every byte), at most {@link #MAX_PROC_FILE} bytes. */
  public static String text(Path file) throws IOException {
    return new String(read(file, MAX_PROC_FILE), StandardCharsets.ISO_8859_1);
  }

  /** The lines of {@code file}, at most {@link #MAX_PROC_FILE} bytes. */
  public static List<String> lines(Path file) throws IOException {
    return Arrays.asList(text(file).split("\n"));
  }

  /** The NUL-separated parts of a {@code cmdline}-like file; empty parts are kept out. */
  public static List<String> nulSeparated(byte[] bytes) {
    List<String> parts = new ArrayList<>();
    int start = 0;
    for (int i = 0; i <= bytes.length; i++) {
      if (i == bytes.length || bytes[i] == 0) {
        if (i > start) {
          parts.add(new String(bytes, start, i - start, StandardCharsets.UTF_8));
        }
        start = i + 1;
      }
    }
    return parts;
  }
}
