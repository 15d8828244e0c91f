package io.github.tunneldiagnostics.core.internal.logs;

import io.github.tunneldiagnostics.api.ingress.IngressModel;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
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
  private final int threads;

  /** Files from this size on are read in parallel parts. */
  static final long PARALLEL_FROM = 64L << 20;

  private final long parallelFrom;

  private LogClassifier(Builder builder) {
    this.ingress = builder.ingress;
    this.maxLineLength = builder.maxLineLength;
    this.deadline = builder.deadline;
    this.clock = builder.clock;
    this.threads = builder.threads;
    this.parallelFrom = builder.parallelFrom;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Classifies the files in order, as one log (rotated files may be given oldest first). A large plain
   * file is split at line boundaries and its parts read in parallel, one per processor; the parts'
   * counts are merged as if read in one pass (requests whose two lines straddle a boundary still count
   * once).
   */
  public LogAnalysis analyze(List<Path> files) throws IOException {
    LogReading reading = new LogReading(ingress, deadline, clock);
    LineScanner scanner = new LineScanner(maxLineLength);
    for (Path file : files) {
      if (reading.stopped) {
        break;
      }
      int parts = parts(file);
      if (parts > 1) {
        readInParallel(file, parts, reading);
        continue;
      }
      try (InputStream in = Files.newInputStream(file)) {
        read(scanner, reading, file.toString(), in);
      }
    }
    return reading.finish();
  }

  /** How many parts to read {@code file} in: one unless it is a large, plain (not gzip) regular file. */
  private int parts(Path file) throws IOException {
    if (threads < 2 || !Files.isRegularFile(file)) {
      return 1;
    }
    long size = Files.size(file);
    if (size < parallelFrom) {
      return 1;
    }
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer magic = ByteBuffer.allocate(2);
      channel.read(magic, 0);
      if (magic.get(0) == (byte) 0x1f && magic.get(1) == (byte) 0x8b) {
        return 1;
      }
    }
    return (int) Math.min(threads, Math.max(1, size / (parallelFrom / 2)));
  }

  private void readInParallel(Path file, int parts, LogReading into) throws IOException {
    String name = file.toString();
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = channel.size();
      long[] starts = new long[parts + 1];
      starts[parts] = size;
      for (int i = 1; i < parts; i++) {
        starts[i] = lineStartAtOrAfter(channel, size * i / parts, size);
      }
      LogReading[] readings = new LogReading[parts];
      List<Thread> workers = new ArrayList<>();
      IOException[] failures = new IOException[parts];
      for (int i = 0; i < parts; i++) {
        LogReading part = new LogReading(ingress, deadline, clock);
        part.holdBoundaries();
        readings[i] = part;
        long from = starts[i];
        long to = Math.max(from, starts[i + 1]);
        Runnable work = new PartReader(new LineScanner(maxLineLength), part, name, new RangeInputStream(channel, from, to), failures, i);
        if (i == parts - 1) {
          work.run(); // the calling thread takes the last part
        } else {
          Thread worker = new Thread(work, "tunnel-diagnostics-logs-" + i);
          worker.setDaemon(true);
          worker.start();
          workers.add(worker);
        }
      }
      for (Thread worker : workers) {
        try {
          worker.join();
        } catch (InterruptedException e) {
          workers.forEach(Thread::interrupt);
          Thread.currentThread().interrupt();
          throw new java.io.InterruptedIOException("interrupted while reading " + name);
        }
      }
      for (IOException failure : failures) {
        if (failure != null) {
          throw failure;
        }
      }
      into.startFile(name);
      for (LogReading part : readings) {
        into.absorb(part);
      }
      into.endFile();
    }
  }

  /**
   * Reads one part of a file into its reading; an I/O failure is kept in {@code failures[index]}. A class,
   * not a lambda: a lambda's first creation binds method handles in the interpreter, tens of milliseconds
   * before the first line is read.
   */
  private static final class PartReader implements Runnable {
    private final LineScanner scanner;
    private final LogReading reading;
    private final String name;
    private final RangeInputStream in;
    private final IOException[] failures;
    private final int index;

    PartReader(LineScanner scanner, LogReading reading, String name, RangeInputStream in, IOException[] failures, int index) {
      this.scanner = scanner;
      this.reading = reading;
      this.name = name;
      this.in = in;
      this.failures = failures;
      this.index = index;
    }

    @Override
    public void run() {
      try {
        read(scanner, reading, name, in);
      } catch (IOException e) {
        failures[index] = e;
      }
    }
  }

  /** The offset just after the first newline at or after {@code at} (or {@code size}). */
  private static long lineStartAtOrAfter(FileChannel channel, long at, long size) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(8192);
    long position = at;
    while (position < size) {
      buffer.clear();
      int n = channel.read(buffer, position);
      if (n <= 0) {
        break;
      }
      for (int i = 0; i < n; i++) {
        if (buffer.get(i) == '\n') {
          return position + i + 1;
        }
      }
      position += n;
    }
    return size;
  }

  /** Classifies one stream (plain or gzip); {@code name} appears in evidence. The stream is not closed. */
  public LogAnalysis analyze(String name, InputStream in) throws IOException {
    LogReading reading = new LogReading(ingress, deadline, clock);
    read(new LineScanner(maxLineLength), reading, name, in);
    return reading.finish();
  }

  private static void read(LineScanner scanner, LogReading reading, String name, InputStream raw) throws IOException {
    reading.startFile(name);
    if (raw instanceof RangeInputStream) {
      try {
        scanner.scan(raw, reading); // a part of a plain file: no gzip to detect
      } finally {
        reading.bytes += scanner.takeBytesRead();
        reading.endFile();
      }
      return;
    }
    BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
    in.mark(2);
    int b0 = in.read();
    int b1 = in.read();
    in.reset();
    boolean gzip = b0 == 0x1f && b1 == 0x8b;
    try {
      InputStream source = in;
      if (gzip) {
        try {
          source = new GZIPInputStream(in, 1 << 16); // reads and checks the whole gzip header
        } catch (EOFException | ZipException e) {
          // gzip's magic bytes, then a header cut short or corrupt (reserved flag bits, a bad header CRC):
          // not a gzip file at all, reported as such; nothing of it is read
          reading.invalidGzipFiles.put(name, e instanceof EOFException ? "its header is cut short" : "its header is corrupt (" + e.getMessage() + ")");
          reading.truncatedFiles.add(name);
          return;
        }
      }
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
    private int threads = Runtime.getRuntime().availableProcessors();
    private long parallelFrom = PARALLEL_FROM;

    private Builder() {}

    /** How many threads may read one large file (default: the processors available; 1 reads in one pass). */
    public Builder threads(int count) {
      if (count < 1) {
        throw new IllegalArgumentException("'threads' must be at least 1 but was " + count);
      }
      this.threads = count;
      return this;
    }

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

    /** Tests: read files from this size on in parallel parts (default {@value LogClassifier#PARALLEL_FROM}). */
    Builder parallelFrom(long bytes) {
      this.parallelFrom = bytes;
      return this;
    }

    public LogClassifier build() {
      return new LogClassifier(this);
    }
  }
}
