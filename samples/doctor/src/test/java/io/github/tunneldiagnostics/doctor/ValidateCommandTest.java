package io.github.tunneldiagnostics.doctor;

import static io.github.tunneldiagnostics.doctor.DoctorRun.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.tunneldiagnostics.api.check.Check;
import io.github.tunneldiagnostics.api.check.CheckContext;
import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.check.FindingCode;
import io.github.tunneldiagnostics.core.TunnelDiagnostics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {

  /** A custom check that reports one warning, to make any config DEGRADED. */
  static final class WarningCheck implements Check {
    @Override
    public String id() {
      return "test.warning";
    }

    @Override
    public List<Finding> run(CheckContext context) {
      return List.of(Finding.warning(FindingCode.TLS_VERIFY_DISABLED).check(id()).subject("rule #0")
          .message("Rule #0 does not verify its origin's certificate.").remediation("Remove noTLSVerify.").rule(0).build());
    }
  }

  @Test
  void healthyConfigExitsWithZeroAndPrintsTheVerdictFirst() {
    // given
    String config = fixture("healthy.yml");

    // when
    DoctorRun run = DoctorRun.of("validate", "--config", config);

    // then
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).startsWith("Verdict: HEALTHY (0 errors, 0 warnings, ");
    assertThat(run.out().replaceAll("\\s+", " ")).contains("Config: " + config + ", 4 rules Checked: ");
    assertThat(run.out()).endsWith("\nNo findings.\n");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void invalidServiceExitsWithOneAndQuotesCloudflaredsMessage() {
    // given
    String config = fixture("invalid-service.yml");

    // when
    DoctorRun run = DoctorRun.of("validate", "--config", config);

    // then
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).startsWith("Verdict: BROKEN (");
    assertThat(run.out()).contains("INGRESS_INVALID");
    assertThat(run.out()).contains(
        "    [broken]   -> rule #0 (app.example.com): INGRESS_INVALID\n",
        "    localhost:8080 is an invalid address, please make sure it has a scheme and a\n    hostname\n");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void yamlThatDoesNotParseIsABrokenReportNotAnError() {
    // given
    String config = fixture("not-yaml.yml");

    // when
    DoctorRun run = DoctorRun.of("validate", "--config", config, "--format", "json");

    // then
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).contains("\"verdict\": \"BROKEN\"", "\"config\": null", "\"code\": \"CONFIG_YAML_INVALID\"");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void degradedExitsWithZeroWithoutStrictAndWithOneWithStrict() {
    // given
    String config = fixture("healthy.yml");

    // when
    DoctorRun lenient = DoctorRun.with(Map.of(), false, p -> TunnelDiagnostics.forConfig(p).check(new WarningCheck()),
        "validate", "--config", config);
    DoctorRun strict = DoctorRun.with(Map.of(), false, p -> TunnelDiagnostics.forConfig(p).check(new WarningCheck()),
        "validate", "--config", config, "--strict");

    // then
    assertThat(lenient.exitCode()).isZero();
    assertThat(lenient.out()).startsWith("Verdict: DEGRADED (0 errors, 1 warning, ");
    assertThat(strict.exitCode()).isEqualTo(1);
    assertThat(withoutTimes(strict.out())).isEqualTo(withoutTimes(lenient.out()));
  }

  private static String withoutTimes(String report) {
    return report.replaceFirst("Checked: .*\n", "");
  }

  @Test
  void jsonFormatPrintsTheReportDocumentWithOneRoutePerUrl() {
    // given
    String config = fixture("healthy.yml");

    // when
    DoctorRun run = DoctorRun.of("validate", "--config", config, "--format", "JSON", "--url", "https://APP.Example.COM:443/x");

    // then
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).startsWith("{\n  \"schema\": \"tunnel-diagnostics/report/v1\",\n  \"verdict\": \"HEALTHY\",\n");
    assertThat(run.out()).contains(
        """
          "config": {
            "path": "%s",
            "tunnel": null,
            "rules": 4
          },
          "routes": [
            {
              "url": "https://app.example.com:443/x",
              "rule": 0,
              "service": "http://127.0.0.1:8080",
              "verdict": "HEALTHY"
            }
          ],
        """.formatted(config));
    assertThat(run.out()).endsWith("}\n");
  }

  @Test
  void markdownFormatPrintsAHeadingWithTheVerdict() {
    // given
    String config = fixture("invalid-service.yml");

    // when
    DoctorRun run = DoctorRun.of("validate", "--config", config, "--format", "markdown");

    // then
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).startsWith("# Tunnel diagnosis: BROKEN\n\n- Config: `" + config + "`, 2 rules\n");
  }

  @Test
  void outputOptionWritesTheReportToTheFileAndNothingToStandardOutput(@TempDir Path dir) throws Exception {
    // given
    Path report = dir.resolve("report.json");

    // when
    DoctorRun run = DoctorRun.of("validate", "--config", fixture("healthy.yml"), "--format", "json", "--output", report.toString());

    // then
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).isEmpty();
    assertThat(Files.readString(report)).startsWith("{\n  \"schema\": \"tunnel-diagnostics/report/v1\",");
  }

  @Test
  void missingConfigFileIsAUsageErrorWithAMessageOnStandardError(@TempDir Path dir) {
    // given
    Path missing = dir.resolve("nope.yml");

    // when
    DoctorRun run = DoctorRun.of("validate", "--config", missing.toString());

    // then
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).isEqualTo("tunnel-doctor: cannot read the config file '" + missing + "': no such file\n");
  }

  @Test
  void directoryAsConfigIsAUsageError(@TempDir Path dir) {
    // when
    DoctorRun run = DoctorRun.of("validate", "--config", dir.toString());

    // then
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).isEqualTo(
        "tunnel-doctor: cannot read the config file '" + dir + "': it is a directory; pass the config.yml inside it\n");
  }

  @Test
  void unwritableOutputIsAUsageError(@TempDir Path dir) {
    // given
    Path output = dir.resolve("missing-dir").resolve("report.txt");

    // when
    DoctorRun run = DoctorRun.of("validate", "--config", fixture("healthy.yml"), "--output", output.toString());

    // then
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).isEqualTo("tunnel-doctor: cannot write the report to '" + output + "': no such file\n");
  }

  @Test
  void urlCloudflaredRefusesIsAUsageErrorWithCloudflaredsMessage() {
    // when
    DoctorRun run = DoctorRun.of("validate", "--config", fixture("healthy.yml"), "--url", "app.example.com");

    // then
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).isEqualTo("tunnel-doctor: app.example.com doesn't have a hostname, consider adding a scheme\n");
  }

  @Test
  void colourOnlyOnATerminalAndNeverWithNoColorOrTheEnvironmentVariable() {
    // given
    String config = fixture("healthy.yml");

    // when
    DoctorRun terminal = DoctorRun.with(Map.of(), true, TunnelDiagnostics::forConfig, "validate", "--config", config);
    DoctorRun pipe = DoctorRun.with(Map.of(), false, TunnelDiagnostics::forConfig, "validate", "--config", config);
    DoctorRun flag = DoctorRun.with(Map.of(), true, TunnelDiagnostics::forConfig, "validate", "--config", config, "--no-color");
    DoctorRun variable = DoctorRun.with(Map.of("NO_COLOR", "1"), true, TunnelDiagnostics::forConfig, "validate", "--config", config);
    DoctorRun emptyVariable = DoctorRun.with(Map.of("NO_COLOR", ""), true, TunnelDiagnostics::forConfig, "validate", "--config", config);

    // then
    assertThat(terminal.out()).startsWith("Verdict: \u001b[1m\u001b[32mHEALTHY\u001b[0m");
    assertThat(pipe.out()).doesNotContain("\u001b[");
    assertThat(flag.out()).doesNotContain("\u001b[");
    assertThat(variable.out()).doesNotContain("\u001b[");
    assertThat(emptyVariable.out()).contains("\u001b[");
  }

  @Test
  void saysOnStandardErrorWhichChecksAreStillRunningWhenARunTakesAMoment() {
    // given: on a terminal, the check runs until the progress line is out (no sleep racing the 100 ms timer)
    StringWriter terminalErr = new StringWriter();
    Check untilProgressShown = slowCheck(() -> {
      long giveUp = System.nanoTime() + 10_000_000_000L;
      while (!terminalErr.toString().contains("still checking") && System.nanoTime() < giveUp) {
        LockSupport.parkNanos(1_000_000);
      }
    });
    // on a pipe, nothing may ever be printed, however long the check takes
    Check longerThanTheMoment = slowCheck(() -> LockSupport.parkNanos(350_000_000));
    String config = fixture("healthy.yml");

    // when
    DoctorRun terminal = DoctorRun.with(Map.of(), true, p -> TunnelDiagnostics.forConfig(p).check(untilProgressShown), terminalErr,
        "validate", "--config", config);
    DoctorRun pipe = DoctorRun.with(Map.of(), false, p -> TunnelDiagnostics.forConfig(p).check(longerThanTheMoment), "validate", "--config", config);

    // then
    assertThat(terminal.exitCode()).isZero();
    assertThat(terminal.err()).containsPattern("(?m)^tunnel-doctor: still checking ([a-z.]+, )*test\\.slow(, [a-z.]+)* \\(\\d+ s so far\\)$");
    assertThat(terminal.out()).startsWith("Verdict: \u001b[1m\u001b[32mHEALTHY");
    assertThat(pipe.err()).isEmpty();
  }

  private static Check slowCheck(Runnable body) {
    return new Check() {
      @Override
      public String id() {
        return "test.slow";
      }

      @Override
      public List<Finding> run(CheckContext context) {
        body.run();
        return List.of();
      }
    };
  }

}
