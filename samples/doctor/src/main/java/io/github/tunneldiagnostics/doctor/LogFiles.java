package io.github.tunneldiagnostics.doctor;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Makes sure a log file can be read at all; otherwise it is a usage error (exit 2). */
final class LogFiles {
  private LogFiles() {}

  static Path readable(Path file) {
    ConfigFiles.requireRegular(file, "log file", "pass the log file inside it",
        "save the log to a file first (e.g. journalctl -u cloudflared > cloudflared.log)");
    try (InputStream in = Files.newInputStream(file)) {
      in.read();
    } catch (IOException e) {
      throw new UsageException("cannot read the log file '" + file + "': " + ConfigFiles.reason(e));
    }
    return file;
  }
}
