package io.github.tunneldiagnostics.doctor;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Makes sure a log file can be read at all; otherwise it is a usage error (exit 2). */
final class LogFiles {
  private LogFiles() {}

  static Path readable(Path file) {
    if (Files.isDirectory(file)) {
      throw new UsageException("cannot read the log file '" + file + "': it is a directory; pass the log file inside it");
    }
    try (InputStream in = Files.newInputStream(file)) {
      in.read();
    } catch (IOException e) {
      throw new UsageException("cannot read the log file '" + file + "': " + ConfigFiles.reason(e));
    }
    return file;
  }
}
