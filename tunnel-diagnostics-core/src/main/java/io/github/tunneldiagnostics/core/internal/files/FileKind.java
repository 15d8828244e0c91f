package io.github.tunneldiagnostics.core.internal.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/** What a path names, following symbolic links, as a person would call it. */
public enum FileKind {
  REGULAR("a regular file"),
  DIRECTORY("a directory"),
  FIFO("a named pipe (FIFO)"),
  CHARACTER_DEVICE("a character device"),
  BLOCK_DEVICE("a block device"),
  SOCKET("a socket"),
  OTHER("a special file");

  private static final int TYPE_MASK = 0170000;
  private static final int S_IFIFO = 0010000;
  private static final int S_IFCHR = 0020000;
  private static final int S_IFBLK = 0060000;
  private static final int S_IFSOCK = 0140000;

  private final String description;

  FileKind(String description) {
    this.description = description;
  }

  /** E.g. {@code a named pipe (FIFO)}. */
  public String description() {
    return description;
  }

  /**
   * The kind of {@code path}, read from its attributes without opening it (opening a FIFO would block).
   *
   * @throws java.nio.file.NoSuchFileException when nothing exists there
   * @throws IOException when the attributes cannot be read
   */
  public static FileKind of(Path path) throws IOException {
    BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
    if (attributes.isRegularFile()) {
      return REGULAR;
    }
    if (attributes.isDirectory()) {
      return DIRECTORY;
    }
    try {
      Object mode = Files.getAttribute(path, "unix:mode");
      if (mode instanceof Integer bits) {
        return switch (bits & TYPE_MASK) {
          case S_IFIFO -> FIFO;
          case S_IFCHR -> CHARACTER_DEVICE;
          case S_IFBLK -> BLOCK_DEVICE;
          case S_IFSOCK -> SOCKET;
          default -> OTHER;
        };
      }
    } catch (UnsupportedOperationException | IllegalArgumentException e) {
      // no unix view (e.g. Windows): the generic word is still true
    }
    return OTHER;
  }
}
