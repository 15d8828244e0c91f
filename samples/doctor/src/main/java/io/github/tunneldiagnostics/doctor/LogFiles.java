package io.github.tunneldiagnostics.doctor;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Makes sure a log file (or another input file) can be read at all; otherwise it is a usage error (exit 2). */
final class LogFiles {
  private LogFiles() {}

  static Path readable(Path file) {
    return readable(file, "log file", "pass the log file inside it",
        "save the log to a file first (e.g. journalctl -u cloudflared > cloudflared.log)");
  }

  /** {@code file}, when it can be read; {@code what} names it in the message, e.g. {@code --edge-ca file}. */
  static Path readable(Path file, String what) {
    return readable(file, what, "pass the file inside it", "pass a regular file");
  }

  private static Path readable(Path file, String what, String directoryFix, String otherFix) {
    ConfigFiles.requireRegular(file, what, directoryFix, otherFix);
    try (InputStream in = Files.newInputStream(file)) {
      in.read();
    } catch (IOException e) {
      throw new UsageException("cannot read the " + what + " '" + file + "': " + ConfigFiles.reason(e));
    }
    return file;
  }
}
