package io.github.tunneldiagnostics.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./tunnel-doctor} launcher's first build, with a stand-in {@code mvn} that prints what Maven
 * prints: it says what it builds and how far, and with its output not a terminal, no escape code.
 */
class LauncherBuildProgressTest {
  @TempDir Path root;

  @Test
  void saysWhichModuleOfHowManyItBuildsWithoutEscapeCodesWhenNotATerminal() throws Exception {
    // given: a checkout without the jar, and a Maven that builds three modules, then fails
    String maven = """
        echo "[INFO] Scanning for projects..."
        echo "[INFO] Building tunnel-diagnostics 0.1.0-SNAPSHOT                                [1/3]"
        echo "[INFO] Building tunnel-diagnostics-core 0.1.0-SNAPSHOT                           [2/3]"
        echo "[INFO] Building tunnel-doctor 0.1.0-SNAPSHOT                                     [3/3]"
        echo "[ERROR] COMPILATION ERROR"
        exit 1
        """;

    // when
    Run run = launchWith(maven);

    // then
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.output()).doesNotContain("\u001b", "\r");
    assertThat(run.output().replaceAll("\\d+s so far", "Ns so far").replaceAll("the whole log: \\S+\\)", "the whole log: LOG)")).isEqualTo("""
        tunnel-doctor: first run since the sources changed: building samples/doctor/target/tunnel-doctor.jar with Maven (tests skipped)
        tunnel-doctor: building tunnel-diagnostics (module 1/3, Ns so far)
        tunnel-doctor: building tunnel-diagnostics-core (module 2/3, Ns so far)
        tunnel-doctor: building tunnel-doctor (module 3/3, Ns so far)
        [INFO] Scanning for projects...
        [INFO] Building tunnel-diagnostics 0.1.0-SNAPSHOT                                [1/3]
        [INFO] Building tunnel-diagnostics-core 0.1.0-SNAPSHOT                           [2/3]
        [INFO] Building tunnel-doctor 0.1.0-SNAPSHOT                                     [3/3]
        [ERROR] COMPILATION ERROR
        tunnel-doctor: the build failed (last lines of the Maven log above; the whole log: LOG).
        """);
  }

  @Test
  void aBuildThatSucceedsIsReportedAsBuiltAlsoWhenMavenEndsWithoutANewline() throws Exception {
    // given: a Maven that succeeds, writes the jar, and ends its output with colour resets and no newline
    // (as Maven 3.9 does on this machine), which once made the launcher read its status as a failure
    String maven = """
        echo "[INFO] Building tunnel-doctor 0.1.0-SNAPSHOT                                     [1/1]"
        mkdir -p samples/doctor/target && : > samples/doctor/target/tunnel-doctor.jar
        echo "[INFO] BUILD SUCCESS"
        printf '\\033[0m\\033[0m'
        exit 0
        """;

    // when: the jar it wrote is empty, so java refuses it once the launcher runs it
    Run run = launchWith(maven);

    // then: the build is reported as built, and the launcher goes on to run the jar
    assertThat(run.output().replaceAll("\\d+s", "Ns").replace(root.toString(), "ROOT")).isEqualTo("""
        tunnel-doctor: first run since the sources changed: building samples/doctor/target/tunnel-doctor.jar with Maven (tests skipped)
        tunnel-doctor: building tunnel-doctor (module 1/1, Ns so far)
        tunnel-doctor: built in Ns
        Error: Invalid or corrupt jarfile ROOT/samples/doctor/target/tunnel-doctor.jar
        """);
    assertThat(run.exitCode()).isEqualTo(1);
  }

  private record Run(String output, int exitCode) {}

  /** {@code ./tunnel-doctor --version} in a checkout without the jar, with {@code mvn} a script of these lines. */
  private Run launchWith(String mavenScript) throws Exception {
    Files.copy(Path.of("../../tunnel-doctor"), root.resolve("tunnel-doctor"));
    Files.writeString(root.resolve("pom.xml"), "<project/>");
    Path bin = Files.createDirectories(root.resolve("bin"));
    Path mvn = bin.resolve("mvn");
    Files.writeString(mvn, "#!/usr/bin/env bash\n" + mavenScript);
    Files.setPosixFilePermissions(mvn, PosixFilePermissions.fromString("rwxr-xr-x"));
    ProcessBuilder launcher = new ProcessBuilder("bash", root.resolve("tunnel-doctor").toString(), "--version").redirectErrorStream(true);
    launcher.environment().put("PATH", bin + ":" + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    Process process = launcher.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Run(output, process.exitValue());
  }
}
