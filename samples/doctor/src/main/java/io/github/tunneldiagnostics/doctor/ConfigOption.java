package io.github.tunneldiagnostics.doctor;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** {@code --config FILE}, shared by the commands that read a cloudflared config. */
final class ConfigOption {

  @Option(names = "--config", paramLabel = "FILE",
      description = "The cloudflared config (default: where cloudflared looks, e.g. ~/.cloudflared/config.yml).")
  @Nullable Path file;
}
