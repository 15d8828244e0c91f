package io.github.tunneldiagnostics.core.internal.logs;

import io.github.tunneldiagnostics.api.LogReport;
import io.github.tunneldiagnostics.api.check.Check;
import io.github.tunneldiagnostics.api.check.CheckContext;
import io.github.tunneldiagnostics.api.check.Finding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * The {@code logs} check: classifies the connector's log files (see {@link LogClassifier}) against the
 * diagnosed ingress model and reports what they show, each finding with {@code evidence.source=log}.
 * Reading stops at the check's deadline; the findings then cover what was read.
 */
public final class LogsCheck implements Check {
  /** The check id. */
  public static final String ID = "logs";

  private final List<Path> files;
  private final AtomicReference<@Nullable LogReport> lastReport = new AtomicReference<>();

  /** A check over these files, read in order as one log. */
  public LogsCheck(List<Path> files) {
    if (files.isEmpty()) {
      throw new IllegalArgumentException("'files' must name at least one log file");
    }
    this.files = List.copyOf(files);
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String description() {
    return "classifies the connector's log files";
  }

  /** The files this check reads. */
  public List<Path> files() {
    return files;
  }

  @Override
  public List<Finding> run(CheckContext context) throws IOException {
    for (Path file : files) {
      if (!Files.isReadable(file)) {
        throw new NoSuchFileException(file.toString(), null, "the log file does not exist or is not readable; pass the file cloudflared writes (--logfile) or save journalctl -u cloudflared output to a file");
      }
    }
    LogAnalysis analysis =
        LogClassifier.builder()
            .ingress(context.ingress())
            .deadline(context.deadline())
            .clock(context.clock())
            .build()
            .analyze(files);
    lastReport.set(analysis.summary());
    return analysis.findings();
  }

  /** What the last run of this check read, if it finished. */
  public Optional<LogReport> lastReport() {
    return Optional.ofNullable(lastReport.get());
  }
}
