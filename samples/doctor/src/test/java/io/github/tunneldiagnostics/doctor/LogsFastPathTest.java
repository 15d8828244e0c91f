package io.github.tunneldiagnostics.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tunneldiagnostics.core.TunnelDiagnostics;
import io.github.tunneldiagnostics.core.report.ReportFormat;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code logs} without picocli must behave exactly as with it, and leave everything unusual to picocli. */
class LogsFastPathTest {

  @TempDir Path dir;

  private static String fixture(String name) {
    try {
      return Path.of(Objects.requireNonNull(LogsFastPathTest.class.getResource("/fixtures/LogsCommandTest/" + name), name).toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static DoctorContext context() {
    return new DoctorContext(Map.of(), false, TunnelDiagnostics::forConfig, Duration.ofMillis(100));
  }

  private static DoctorRun fast(String... args) {
    LogsFastPath.Arguments parsed = LogsFastPath.parse(args);
    assertThat(parsed).as("the fast path takes %s", List.of(args)).isNotNull();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exitCode = LogsFastPath.run(Objects.requireNonNull(parsed), context(), new PrintWriter(out, true), new PrintWriter(err, true));
    return new DoctorRun(exitCode, out.toString(), err.toString());
  }

  /** The report's "Checked:" line (JSON: startedAt, durationMillis) holds the time of the run and how long it took. */
  private static String withoutRunTime(String report) {
    return report.replaceAll("(?m)^(- )?Checked: .*$", "$1Checked: …").replaceAll("\"(startedAt|durationMillis)\": [^,\\n]*", "\"$1\": …");
  }

  private static void assertSameAsPicocli(String... args) {
    DoctorRun fast = fast(args);
    DoctorRun picocli = DoctorRun.of(args);
    assertThat(fast.exitCode()).isEqualTo(picocli.exitCode());
    assertThat(withoutRunTime(fast.out())).isEqualTo(withoutRunTime(picocli.out()));
    assertThat(fast.err()).isEqualTo(picocli.err());
  }

  @Test
  void plainArgumentsAreParsedWithoutPicocli() {
    // when
    LogsFastPath.Arguments parsed = LogsFastPath.parse(new String[] {
        "logs", "a.log", "--config=config.yml", "--strict", "b.log.gz", "--format", "Json", "--output", "report.json", "--no-color"});

    // then
    assertThat(parsed).isNotNull();
    assertThat(parsed.files()).containsExactly(Path.of("a.log"), Path.of("b.log.gz"));
    assertThat(parsed.config()).isEqualTo(Path.of("config.yml"));
    assertThat(parsed.strict()).isTrue();
    assertThat(parsed.output().format).isEqualTo(ReportFormat.JSON);
    assertThat(parsed.output().output).isEqualTo(Path.of("report.json"));
    assertThat(parsed.output().noColor).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "logs",
    "logs --help",
    "logs a.log -h",
    "logs a.log --version",
    "logs a.log --strict --strict",
    "logs a.log --strict=true",
    "logs a.log --format",
    "logs a.log --format yaml",
    "logs a.log --format text --format json",
    "logs a.log --config",
    "logs a.log --config --strict",
    "logs a.log --config= ",
    "logs a.log --config a.yml --config b.yml",
    "logs a.log --output a --output b",
    "logs a.log --unknown",
    "logs @arguments.txt",
    "logs -- -a.log",
    "logs a.log -",
    "validate a.log",
  })
  void everythingElseIsLeftToPicocli(String line) {
    // when
    LogsFastPath.Arguments parsed = LogsFastPath.parse(line.split(" "));

    // then
    assertThat(parsed).isNull();
  }

  @Test
  void textReportAgainstAConfigIsTheSameAsWithPicocli() {
    assertSameAsPicocli("logs", fixture("cloudflared.log"), "--config", fixture("config.yml"));
  }

  @Test
  void strictJsonReportWithoutColourIsTheSameAsWithPicocli() {
    assertSameAsPicocli("logs", fixture("cloudflared-json.log"), "--format=json", "--strict", "--no-color");
  }

  @Test
  void reportWrittenToAFileIsTheSameAsWithPicocli() throws IOException {
    // given
    Path fast = dir.resolve("fast.md");
    Path picocli = dir.resolve("picocli.md");

    // when
    DoctorRun fastRun = fast("logs", fixture("cloudflared.log"), "--format", "markdown", "--output", fast.toString());
    DoctorRun picocliRun = DoctorRun.of("logs", fixture("cloudflared.log"), "--format", "markdown", "--output", picocli.toString());

    // then
    assertThat(fastRun).isEqualTo(picocliRun);
    assertThat(withoutRunTime(Files.readString(fast))).isEqualTo(withoutRunTime(Files.readString(picocli)));
  }

  @Test
  void missingLogFileIsTheSameUsageError() {
    // when
    DoctorRun run = fast("logs", "/nonexistent/cloudflared.log");

    // then
    assertThat(run).isEqualTo(new DoctorRun(2, "", "tunnel-doctor: cannot read the log file '/nonexistent/cloudflared.log': no such file\n"));
    assertSameAsPicocli("logs", "/nonexistent/cloudflared.log");
  }

  @Test
  void unreadableConfigIsTheSameUsageError() {
    assertSameAsPicocli("logs", fixture("cloudflared.log"), "--config", "/nonexistent/config.yml");
  }
}
