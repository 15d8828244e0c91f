package io.github.tunneldiagnostics.core.internal.resolver;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one of the resolver's system files ({@code /etc/hosts}, {@code /etc/resolv.conf},
 * {@code /etc/nsswitch.conf}) as lines, the way Go's {@code net} package does (a trailing {@code \r} is
 * dropped), but bounded: a FIFO or device is refused before it is opened and the size is enforced while
 * reading, so a hostile file can neither hang the probe nor fill the heap.
 */
final class GoSystemFile {
  /** Far above any real hosts file (ad-blocking lists reach a few MB), far below a heap problem. */
  static final int MAX_BYTES = 32 * 1024 * 1024;

  private GoSystemFile() {}

  /**
   * The file's lines.
   *
   * @throws NoSuchFileException when it does not exist (Go then uses its defaults)
   * @throws IOException when it cannot be read, is not a regular file or is larger than {@link #MAX_BYTES}
   */
  static List<String> readLines(Path file) throws IOException {
    BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
    if (!attributes.isRegularFile()) {
      throw new IOException(file + " is not a regular file (" + kind(attributes) + "); it was not read");
    }
    byte[] content;
    try (InputStream in = Files.newInputStream(file)) {
      content = in.readNBytes(MAX_BYTES + 1);
    }
    if (content.length > MAX_BYTES) {
      throw new IOException(file + " is larger than " + (MAX_BYTES / (1024 * 1024)) + " MB; it was not read");
    }
    String text = new String(content, StandardCharsets.ISO_8859_1);
    List<String> lines = new ArrayList<>();
    int start = 0;
    while (start < text.length()) {
      int end = text.indexOf('\n', start);
      String line = end < 0 ? text.substring(start) : text.substring(start, end);
      if (line.endsWith("\r")) {
        line = line.substring(0, line.length() - 1);
      }
      lines.add(line);
      start = end < 0 ? text.length() : end + 1;
    }
    return lines;
  }

  /** Go's {@code getFields}: split on spaces, tabs, carriage returns and newlines. */
  static List<String> fields(String line) {
    List<String> fields = new ArrayList<>();
    for (String part : line.split("[ \r\t\n]+")) {
      if (!part.isEmpty()) {
        fields.add(part);
      }
    }
    return fields;
  }

  static boolean exists(Path file) {
    return Files.exists(file, LinkOption.NOFOLLOW_LINKS) || Files.exists(file);
  }

  private static String kind(BasicFileAttributes attributes) {
    if (attributes.isDirectory()) {
      return "a directory";
    }
    if (attributes.isSymbolicLink()) {
      return "a dangling symbolic link";
    }
    return "a FIFO, socket or device";
  }
}
