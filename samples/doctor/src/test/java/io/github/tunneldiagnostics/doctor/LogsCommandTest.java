package io.github.tunneldiagnostics.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Objects;
import org.junit.jupiter.api.Test;

class LogsCommandTest {

  private static String fixture(String name) {
    try {
      return Path.of(Objects.requireNonNull(LogsCommandTest.class.getResource("/fixtures/LogsCommandTest/" + name), name).toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void consoleLogAgainstAConfigNamesTheRulesAndExitsWithOne() {
    // when
    DoctorRun run = DoctorRun.of("logs", fixture("cloudflared.log"), "--config", fixture("config.yml"));

    // then
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).startsWith("Verdict: BROKEN (");
    assertThat(run.out()).contains(
        "  ORIGIN_CONNECTION_REFUSED at rule #0 (app.example.com) http://localhost:8080\n    [logs]\n",
        "    cloudflared logged 2 failed requests for app.example.com to\n",
        "  EDGE_CONNECTION_FAILED at connector log [logs]\n");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void jsonReportCarriesCountFirstSeenLastSeenAndSample() {
    // when
    DoctorRun run = DoctorRun.of("logs", fixture("cloudflared-json.log"), "--format", "json");

    // then
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).contains(
        "\"config\": null",
        "\"code\": \"ORIGIN_CONNECTION_REFUSED\"",
        "\"source\": \"log\",\n        \"count\": \"2\",\n        \"firstSeen\": \"2024-12-10T10:00:03Z\",\n        \"lastSeen\": \"2024-12-10T10:00:05Z\",",
        "\"sample\": \"{\\\"level\\\":\\\"error\\\"");
  }

  @Test
  void missingLogFileIsAUsageError() {
    // when
    DoctorRun run = DoctorRun.of("logs", "/nonexistent/cloudflared.log");

    // then
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).isEqualTo("tunnel-doctor: cannot read the log file '/nonexistent/cloudflared.log': no such file\n");
  }
}
