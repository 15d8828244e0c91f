package io.github.tunneldiagnostics.core.internal.logs;

import io.github.tunneldiagnostics.api.ingress.IngressModel;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.jspecify.annotations.Nullable;

/**
 * Reads cloudflared logs and says what went wrong: origin failures (the {@code ORIGIN_*} codes with
 * {@code evidence.source=log}), edge, credential and ingress problems, aggregated per (code, rule, origin
 * service, hostname) with count, first and last seen and one redacted sample line.
 *
 * <p>Reads console lines (with or without ANSI colours, also behind a journald or docker prefix) and
 * JSON lines ({@code --output json}, {@code --logfile}), plain or gzip (detected by its magic bytes), as
 * a stream of bytes: memory stays bounded whatever the file size, and lines that are too long, binary or
 * not UTF-8 are skipped and counted, never fatal. A failed request is counted once although cloudflared
 * logs two ERR lines for it.
 *
 * <p>Immutable and thread-safe; each {@code analyze} call has its own state.
 *
 * <pre>{@code
 * LogAnalysis analysis = LogClassifier.builder().ingress(model).build().analyze(List.of(Path.of("cloudflared.log")));
 * }</pre>
 */
public final class LogClassifier {
  /** The default cap on line length; longer lines are skipped. */
  public static final int DEFAULT_MAX_LINE_LENGTH = 64 * 1024;

  private final @Nullable IngressModel ingress;
  private final int maxLineLength;
  private final @Nullable Instant deadline;
  private final Clock clock;

  private LogClassifier(Builder builder) {
    this.ingress = builder.ingress;
    this.maxLineLength = builder.maxLineLength;
    this.deadline = builder.deadline;
    this.clock = builder.clock;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Classifies the files in order, as one log (rotated files may be given oldest first). */
  public LogAnalysis analyze(List<Path> files) throws IOException {
    LogReading reading = new LogReading(ingress, deadline, clock);
    LineScanner scanner = new LineScanner(maxLineLength);
    for (Path file : files) {
      if (reading.stopped) {
        break;
      }
      try (InputStream in = Files.newInputStream(file)) {
        read(scanner, reading, file.toString(), in);
      }
    }
    return reading.finish();
  }

  /** Classifies one stream (plain or gzip); {@code name} appears in evidence. The stream is not closed. */
  public LogAnalysis analyze(String name, InputStream in) throws IOException {
    LogReading reading = new LogReading(ingress, deadline, clock);
    read(new LineScanner(maxLineLength), reading, name, in);
    return reading.finish();
  }

  private static void read(LineScanner scanner, LogReading reading, String name, InputStream raw) throws IOException {
    reading.startFile(name);
    BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
    in.mark(2);
    int b0 = in.read();
    int b1 = in.read();
    in.reset();
    boolean gzip = b0 == 0x1f && b1 == 0x8b;
    InputStream source = gzip ? new GZIPInputStream(in, 1 << 16) : in;
    try {
      scanner.scan(source, reading);
    } catch (EOFException | ZipException e) {
      if (!gzip) {
        throw e;
      }
      reading.truncatedFiles.add(name);
    } finally {
      reading.bytes += scanner.takeBytesRead();
      reading.endFile();
    }
  }

  /** Configures a {@link LogClassifier}. */
  public static final class Builder {
    private @Nullable IngressModel ingress;
    private int maxLineLength = DEFAULT_MAX_LINE_LENGTH;
    private @Nullable Instant deadline;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /** The config the connector runs: names rules and maps logged hostnames to rules. */
    public Builder ingress(@Nullable IngressModel model) {
      this.ingress = model;
      return this;
    }

    /** Lines longer than this many bytes are skipped (default {@value #DEFAULT_MAX_LINE_LENGTH}). */
    public Builder maxLineLength(int bytes) {
      if (bytes < 256) {
        throw new IllegalArgumentException("'maxLineLength' must be at least 256 but was " + bytes);
      }
      this.maxLineLength = bytes;
      return this;
    }

    /** Stops reading at this instant; the summary then says the read is incomplete. */
    public Builder deadline(@Nullable Instant deadline) {
      this.deadline = deadline;
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    public LogClassifier build() {
      return new LogClassifier(this);
    }
  }
}
