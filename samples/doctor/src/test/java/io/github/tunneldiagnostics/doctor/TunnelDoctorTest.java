package io.github.tunneldiagnostics.doctor;

import static io.github.tunneldiagnostics.doctor.DoctorRun.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TunnelDoctorTest {

  @Test
  void noCommandOnTheRawCommandLineIsAUsageErrorWhileMainRunsDiagnose() {
    // when: main() puts 'diagnose' in front (see DiagnoseCommandTest); the bare picocli command line does not
    DoctorRun run = DoctorRun.of();

    // then
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).startsWith("Missing required subcommand\nUsage: tunnel-doctor [-hV] [COMMAND]\n");
    assertThat(TunnelDoctor.withDefaultCommand(new String[0])).containsExactly("diagnose");
  }

  @Test
  void unknownOptionIsAUsageError() {
    // when
    DoctorRun run = DoctorRun.of("validate", "--config", fixture("healthy.yml"), "--frobnicate");

    // then
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).startsWith("Unknown option: '--frobnicate'\nUsage: tunnel-doctor validate ");
  }

  @Test
  void unknownFormatIsAUsageError() {
    // when
    DoctorRun run = DoctorRun.of("validate", "--config", fixture("healthy.yml"), "--format", "yaml");

    // then
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).startsWith(
        "Invalid value for option '--format': expected one of [TEXT, JSON, MARKDOWN, SARIF, JUNIT, HTML] (case-insensitive) but was 'yaml'\n");
  }

  @Test
  void helpListsTheCommandsAndExitsWithZero() {
    // when
    DoctorRun run = DoctorRun.of("--help");

    // then
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("Commands:\n  validate  Check a config like ", "\n  match     Show which ingress rule serves");
  }

  @Test
  void subcommandHelpShowsTheOptionsAndExitCodes() {
    // when
    DoctorRun run = DoctorRun.of("validate", "--help");

    // then
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).startsWith("Usage: tunnel-doctor validate [-hV] [--no-color] [--strict] [--config=FILE]\n");
    assertThat(run.out()).endsWith(
        "Exit codes: 0 healthy (or degraded without --strict), 1 broken (or degraded\n"
            + "with --strict), 2 usage error or unreadable config, 3 internal error.\n");
  }

  @Test
  void aBugIsAnInternalErrorThatSaysWhereToReportIt() {
    // when
    DoctorRun run = DoctorRun.with(Map.of(), false, path -> {
      throw new IllegalStateException("boom");
    }, "validate", "--config", fixture("healthy.yml"));

    // then
    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).startsWith("tunnel-doctor: internal error: java.lang.IllegalStateException: boom\n  at ");
    assertThat(run.err()).endsWith(
        "This is a bug in tunnel-doctor. Please report it at https://github.com/tunneldiagnostics/tunnel-diagnostics/issues\n"
            + "with the command you ran and the lines above.\n");
  }
}
