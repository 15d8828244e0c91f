package io.github.tunneldiagnostics.doctor;

import io.github.tunneldiagnostics.core.TunnelDiagnostics;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import picocli.CommandLine;

/** Runs the doctor in-process with captured output. */
record DoctorRun(int exitCode, String out, String err) {

  static DoctorRun of(String... args) {
    return with(Map.of(), false, TunnelDiagnostics::forConfig, args);
  }

  static DoctorRun with(Map<String, String> environment, boolean console, Function<Path, TunnelDiagnostics> diagnostics, String... args) {
    return with(environment, console, diagnostics, new StringWriter(), args);
  }

  /** As above, writing standard error to {@code err}, which a test's check may watch while the run goes on. */
  static DoctorRun with(
      Map<String, String> environment, boolean console, Function<Path, TunnelDiagnostics> diagnostics, StringWriter err, String... args) {
    StringWriter out = new StringWriter();
    CommandLine commandLine = TunnelDoctor.commandLine(new DoctorContext(environment, console, diagnostics, Duration.ofMillis(100)));
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    int exitCode = commandLine.execute(args);
    return new DoctorRun(exitCode, out.toString(), err.toString());
  }

  static String fixture(String name) {
    try {
      return Path.of(Objects.requireNonNull(DoctorRun.class.getResource("/fixtures/TunnelDoctorTest/" + name), name).toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
