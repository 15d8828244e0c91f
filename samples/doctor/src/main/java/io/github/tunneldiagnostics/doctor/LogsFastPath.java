package io.github.tunneldiagnostics.doctor;

import io.github.tunneldiagnostics.core.report.ReportFormat;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * {@code tunnel-doctor logs FILE...} without picocli, for the plain invocations: picocli is compiled for
 * Java 5, so class-data sharing cannot archive it, and loading, verifying and interpreting its 170 classes
 * costs more CPU than classifying a 100 MB log. Only arguments this class understands completely take the
 * fast path: files, {@code --config FILE}, {@code --strict}, {@code --format FORMAT}, {@code --output FILE}
 * and {@code --no-color}, each option at most once, in either {@code --name value} or {@code --name=value}
 * form. Anything else ({@code --help}, an unknown or repeated option, a missing value, a file name that
 * starts with {@code -}, an {@code @file} of arguments, no file at all) goes to picocli, so its help and its usage errors stay exactly as
 * they are. What runs is {@link LogsCommand#run}, the same code picocli calls.
 */
final class LogsFastPath {
  private LogsFastPath() {}

  /** Parsed arguments of {@code logs}, when they are all of the plain kind. */
  record Arguments(List<Path> files, @Nullable Path config, boolean strict, OutputOptions output) {}

  /**
   * Runs {@code logs} with {@code args} (starting with {@code "logs"}) and returns its exit code, or null
   * when picocli must parse these arguments.
   */
  static @Nullable Integer run(String[] args, DoctorContext context) {
    Arguments parsed = parse(args);
    if (parsed == null) {
      return null;
    }
    return run(parsed, context, standard(System.out), standard(System.err));
  }

  /** Runs parsed arguments, printing the report to {@code out} and errors to {@code err}, as picocli's execute would. */
  static int run(Arguments parsed, DoctorContext context, PrintWriter out, PrintWriter err) {
    try {
      return LogsCommand.run(context, parsed.files(), parsed.config(), parsed.strict(), parsed.output(), out);
    } catch (RuntimeException e) {
      return TunnelDoctor.failed(e, err);
    }
  }

  /** The arguments, or null when any of them is not of the plain kind this class handles. */
  static @Nullable Arguments parse(String[] args) {
    if (args.length < 2 || !args[0].equals("logs")) {
      return null;
    }
    List<Path> files = new ArrayList<>();
    Path config = null;
    Path outputFile = null;
    ReportFormat format = null;
    boolean strict = false;
    boolean noColor = false;
    for (int i = 1; i < args.length; i++) {
      String arg = args[i];
      if (arg.startsWith("@")) {
        return null; // picocli reads arguments from that file
      }
      if (!arg.startsWith("-")) {
        Path file = path(arg);
        if (file == null) {
          return null;
        }
        files.add(file);
        continue;
      }
      String name = arg;
      String value = null;
      int equals = arg.indexOf('=');
      if (equals > 0) {
        name = arg.substring(0, equals);
        value = arg.substring(equals + 1);
      }
      switch (name) {
        case "--strict", "--no-color" -> {
          boolean seen = name.equals("--strict") ? strict : noColor;
          if (value != null || seen) {
            return null;
          }
          if (name.equals("--strict")) {
            strict = true;
          } else {
            noColor = true;
          }
        }
        case "--config", "--output", "--format" -> {
          if (value == null) {
            if (i + 1 >= args.length || args[i + 1].startsWith("-")) {
              return null;
            }
            value = args[++i];
          }
          if (name.equals("--format")) {
            if (format != null || (format = format(value)) == null) {
              return null;
            }
          } else {
            Path path = value.isEmpty() ? null : path(value);
            boolean seen = name.equals("--config") ? config != null : outputFile != null;
            if (path == null || seen) {
              return null;
            }
            if (name.equals("--config")) {
              config = path;
            } else {
              outputFile = path;
            }
          }
        }
        default -> {
          return null;
        }
      }
    }
    if (files.isEmpty()) {
      return null;
    }
    OutputOptions output = new OutputOptions();
    output.format = format != null ? format : ReportFormat.TEXT;
    output.output = outputFile;
    output.noColor = noColor;
    return new Arguments(List.copyOf(files), config, strict, output);
  }

  /** A report format named as picocli accepts it (enum constant, any case), or null. */
  private static @Nullable ReportFormat format(String value) {
    for (ReportFormat format : ReportFormat.values()) {
      if (format.name().equals(value.toUpperCase(Locale.ROOT))) {
        return format;
      }
    }
    return null;
  }

  private static @Nullable Path path(String value) {
    try {
      return Path.of(value);
    } catch (InvalidPathException e) {
      return null; // picocli says what is wrong with it
    }
  }

  /** A writer on a standard stream as picocli makes it: its encoding, auto-flushed. */
  private static PrintWriter standard(PrintStream stream) {
    String name = System.getProperty(stream == System.err ? "sun.stderr.encoding" : "sun.stdout.encoding");
    Charset charset;
    try {
      charset = name == null ? Charset.defaultCharset() : Charset.forName(name.equalsIgnoreCase("cp65001") ? "UTF-8" : name);
    } catch (IllegalArgumentException e) {
      charset = Charset.defaultCharset();
    }
    return new PrintWriter(new BufferedWriter(new OutputStreamWriter(stream, charset)), true);
  }
}
