package io.github.tunneldiagnostics.core.internal.vantage;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * A process's open files against its limit: the soft {@code Max open files} of {@code /proc/<pid>/limits}
 * and the entries of {@code /proc/<pid>/fd} (readable by root or the same user).
 *
 * @param open the open file descriptors
 * @param softLimit the soft limit, or empty when {@code unlimited}
 */
public record FdUsage(long open, OptionalLong softLimit) {
  /** Counting stops here: a limit above it cannot be near exhaustion with fewer. */
  static final long MAX_COUNT = 1_100_000;

  /** The share of the limit in use, 0 when unlimited. */
  public double share() {
    return softLimit.isEmpty() || softLimit.getAsLong() <= 0 ? 0 : (double) open / softLimit.getAsLong();
  }

  /** The soft limit from a limits file's text, empty when unlimited or absent. */
  public static OptionalLong softLimit(String limits) {
    for (String line : limits.split("\n")) {
      if (line.startsWith("Max open files")) {
        String[] f = line.substring("Max open files".length()).strip().split("\\s+");
        if (f.length > 0 && !f[0].equals("unlimited")) {
          try {
            return OptionalLong.of(Long.parseLong(f[0]));
          } catch (NumberFormatException e) {
            return OptionalLong.empty();
          }
        }
      }
    }
    return OptionalLong.empty();
  }

  /**
   * Reads {@code /proc/<pid>}'s limits and counts its fd entries.
   *
   * @throws IOException when {@code fd} cannot be listed (another user's process without privileges)
   */
  public static FdUsage read(Path processDir) throws IOException {
    OptionalLong limit = softLimit(ProcFiles.text(processDir.resolve("limits")));
    long count = 0;
    try (DirectoryStream<Path> fds = Files.newDirectoryStream(processDir.resolve("fd"))) {
      for (Path ignored : fds) {
        if (++count >= MAX_COUNT) {
          break;
        }
      }
    }
    return new FdUsage(count, limit);
  }
}
