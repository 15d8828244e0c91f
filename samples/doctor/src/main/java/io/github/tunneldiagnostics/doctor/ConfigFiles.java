package io.github.tunneldiagnostics.doctor;

import io.github.tunneldiagnostics.core.internal.config.ConfigLoader;
import io.github.tunneldiagnostics.core.internal.files.FileKind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/** Finds the config file to use and makes sure it can be read at all; otherwise it is a usage error. */
final class ConfigFiles {
  private ConfigFiles() {}

  /**
   * The file given with {@code --config}, else the one cloudflared itself would read.
   *
   * @throws UsageException when none was given and none is in cloudflared's default places, or the file
   *     cannot be read at all
   */
  static Path readable(@Nullable Path given) {
    Path file = given != null
        ? given
        : ConfigLoader.findDefault().orElseThrow(() -> new UsageException(
            "no config file given, and none in cloudflared's default places (config.yml or config.yaml in ~/.cloudflared, "
                + "~/.cloudflare-warp, ~/cloudflare-warp, /etc/cloudflared, /usr/local/etc/cloudflared).\n"
                + "Pass --config FILE."));
    requireRegular(file, "config file", "pass the config.yml inside it", "pass the config.yml cloudflared reads");
    try (InputStream in = Files.newInputStream(file)) {
      in.read();
    } catch (IOException e) {
      throw new UsageException("cannot read the config file '" + file + "': " + reason(e));
    }
    return file;
  }

  /**
   * Refuses, before opening it (a FIFO would block, {@code /dev/zero} never ends), what is not a regular file.
   *
   * @throws UsageException naming the path and what it is
   */
  static void requireRegular(Path file, String what, String directoryFix, String otherFix) {
    FileKind kind;
    try {
      kind = FileKind.of(file);
    } catch (IOException e) {
      throw new UsageException("cannot read the " + what + " '" + file + "': " + reason(e));
    }
    if (kind == FileKind.DIRECTORY) {
      throw new UsageException("cannot read the " + what + " '" + file + "': it is a directory; " + directoryFix);
    }
    if (kind != FileKind.REGULAR) {
      throw new UsageException("cannot read the " + what + " '" + file + "': it is " + kind.description()
          + ", not a regular file; " + otherFix);
    }
  }

  /** A short reason for an I/O failure, without the exception's class name. */
  static String reason(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "no such file";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    String message = e.getMessage();
    return message == null ? e.getClass().getSimpleName() : message;
  }
}
