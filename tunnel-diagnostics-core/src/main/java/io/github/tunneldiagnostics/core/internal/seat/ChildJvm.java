package io.github.tunneldiagnostics.core.internal.seat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Starts {@link InsideNamespaceMain} in a second JVM under {@code nsenter --target PID --net} (only the
 * network namespace is entered: host binaries and files stay visible), reads its JSON lines within a
 * byte budget, and kills it at the deadline (containers.md §3.3).
 */
final class ChildJvm {
  static final int MAX_STDOUT = 16 << 20;
  static final int MAX_STDERR = 8 << 10;

  /**
   * How the run ended.
   *
   * @param exitCode the exit code, or -1 when it did not end
   * @param lines stdout's lines
   * @param stderr the start of stderr
   * @param timedOut whether it was killed at the deadline
   * @param launchError why it could not start (e.g. {@code nsenter} missing), or null
   */
  record Result(int exitCode, List<String> lines, String stderr, boolean timedOut, @Nullable String launchError) {
    Result {
      lines = List.copyOf(lines);
    }

    /** True when nsenter itself refused: no privilege to enter the namespace. */
    boolean notPermitted() {
      return exitCode != 0 && (stderr.contains("Operation not permitted") || stderr.contains("Permission denied"));
    }

    boolean nsenterMissing() {
      return launchError != null;
    }

    /** True when the target process is gone. */
    boolean targetGone() {
      return exitCode != 0 && stderr.contains("No such file or directory") && stderr.contains("nsenter");
    }
  }

  private ChildJvm() {}

  /** The command that runs the child in {@code pid}'s network namespace. */
  static List<String> command(long pid, List<String> args) {
    List<String> cmd = new ArrayList<>(List.of("nsenter", "--target", Long.toString(pid), "--net", "--"));
    cmd.addAll(javaCommand(args));
    return cmd;
  }

  /** {@code java … InsideNamespaceMain args}, with this JVM's binary and the class path the child needs. */
  static List<String> javaCommand(List<String> args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(javaExecutable());
    cmd.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx192m", "-Xshare:auto", "-Djava.net.preferIPv4Stack=false",
        "-cp", classPath(), InsideNamespaceMain.class.getName()));
    cmd.addAll(args);
    return cmd;
  }

  static String javaExecutable() {
    return ProcessHandle.current().info().command()
        .filter(c -> c.endsWith("/java"))
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
  }

  /** The locations of the classes the child loads: this module, the API, YAML, RE2/J (tunnel-diagnostics-re2j), dnsjava and SLF4J. */
  static String classPath() {
    Set<String> entries = new LinkedHashSet<>();
    for (Class<?> anchor : List.of(
        InsideNamespaceMain.class,
        io.github.tunneldiagnostics.api.check.Finding.class,
        org.snakeyaml.engine.v2.api.Load.class,
        io.github.tunneldiagnostics.re2j.internal.Pattern.class,
        org.xbill.DNS.Name.class,
        org.slf4j.LoggerFactory.class,
        org.jspecify.annotations.Nullable.class)) {
      CodeSource source = anchor.getProtectionDomain().getCodeSource();
      if (source != null && source.getLocation() != null) {
        try {
          entries.add(Path.of(source.getLocation().toURI()).toString());
        } catch (URISyntaxException | IllegalArgumentException e) {
          // not a file location: the class path below still has it
        }
      }
    }
    String own = System.getProperty("java.class.path", "");
    if (!own.isEmpty()) {
      for (String entry : own.split(java.io.File.pathSeparator)) {
        entries.add(entry);
      }
    }
    return String.join(java.io.File.pathSeparator, entries);
  }

  /** Runs {@code command} until {@code deadline}; never throws for the child's failures. */
  static Result run(List<String> command, Instant deadline, Clock clock) throws InterruptedException {
    Path errors;
    Process process;
    try {
      errors = Files.createTempFile("tunnel-doctor-nsenter", ".err");
    } catch (IOException e) {
      return new Result(-1, List.of(), "", false, "cannot create a temporary file: " + e.getMessage());
    }
    try {
      try {
        process = new ProcessBuilder(command).redirectErrorStream(false).redirectError(errors.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
      } catch (IOException e) {
        String program = command.get(0);
        return new Result(-1, List.of(), "", false, program + " could not be started: " + e.getMessage());
      }
      List<String> lines = new ArrayList<>();
      Thread reader = new Thread(() -> readLines(process.getInputStream(), lines), "nsenter-child-stdout");
      reader.setDaemon(true);
      reader.start();
      long millis = Math.max(1, Duration.between(clock.instant(), deadline).toMillis());
      boolean ended = process.waitFor(millis, TimeUnit.MILLISECONDS);
      if (!ended) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(2, TimeUnit.SECONDS);
      }
      reader.join(1000);
      String stderr = readStart(errors);
      synchronized (lines) {
        return new Result(ended ? process.exitValue() : -1, lines, stderr, !ended, null);
      }
    } finally {
      try {
        Files.deleteIfExists(errors);
      } catch (IOException ignored) {
        // a temporary file
      }
    }
  }

  private static void readLines(InputStream in, List<String> into) {
    long total = 0;
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        total += line.length() + 1;
        if (total > MAX_STDOUT) {
          break;
        }
        synchronized (into) {
          into.add(line);
        }
      }
    } catch (IOException e) {
      // the child was killed
    }
  }

  private static String readStart(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return new String(in.readNBytes(MAX_STDERR), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      return "";
    }
  }
}
