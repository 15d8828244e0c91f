package io.github.tunneldiagnostics.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What `logs` says about input that is not (all) a cloudflared log, and that no secret in a log leaves. */
class LogsTrustTest {
  private static final String U =
      "Unable to reach the origin service. The service may be down or it may not be responding to traffic from cloudflared: ";

  @TempDir Path dir;

  @Test
  void randomBytesAreNeverHealthyAndTheReportSaysNothingWasACloudflaredLog() throws IOException {
    // given: 1 MB of random bytes (the 200 MB case runs the same code; README: "Resource bounds")
    byte[] junk = new byte[1 << 20];
    new SplittableRandom(7).nextBytes(junk);
    Path file = Files.write(dir.resolve("random.bin"), junk);

    // when
    DoctorRun run = DoctorRun.of("logs", file.toString());

    // then
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).startsWith("Verdict: DEGRADED (0 errors, 1 warning, 0 info)\nChecked: ");
    assertThat(run.out()).contains("\nLogs:    ", " 0 cloudflared, ", "  LOG_INPUT_SKIPPED at " + file + " [logs]\n    Nothing in " + file);
    assertThat(run.out().replaceAll("\\s+", " ")).contains(" so the verdict says nothing about the tunnel.");
  }

  @Test
  void countsAreInTheJsonReportEvenWhenNothingFailed() throws IOException {
    // given
    Path file = Files.writeString(dir.resolve("ok.log"), "2024-12-10T10:00:00Z INF Registered tunnel connection connIndex=0 event=0\n");

    // when
    DoctorRun run = DoctorRun.of("logs", file.toString(), "--format", "json");

    // then
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains(
        "\"verdict\": \"HEALTHY\"",
        "\"logs\": {\n    \"files\": [\n      \"" + file + "\"\n    ],\n    \"bytes\": 74,\n    \"lines\": 1,\n    \"cloudflaredLines\": 1,\n"
            + "    \"wrappers\": {\n      \"plain\": 1\n    },\n    \"skippedLines\": 0,\n    \"skipped\": {},\n    \"failedRequests\": 0,\n"
            + "    \"unexplainedRequests\": 0,\n    \"unexplainedErrorLines\": 0,\n    \"unexplainedSample\": \"\",\n    \"truncated\": false,\n"
            + "    \"complete\": true\n  }");
  }

  @Test
  void noSecretOfALogReachesAnyFormat() throws IOException {
    // given: secrets where real logs carry them
    String log =
        "2024-12-10T10:00:00Z ERR  error=\"" + U + "http2: unexpected answer to Authorization: Bearer SECRETMARKER1\" cfRay=8f1a2b3c4d5e6f70-FRA connIndex=0 "
            + "event=1 ingressRule=0 originService=http://bob:SECRETMARKER2@127.0.0.1:8080\n"
            + "2024-12-10T10:00:00Z ERR Request failed error=\"" + U + "http2: unexpected answer to Authorization: Bearer SECRETMARKER1\" connIndex=0 "
            + "dest=https://app.example.com/cb?access_token=SECRETMARKER3&x=1 event=0 type=http\n"
            + "2024-12-10T10:00:01Z ERR Couldn't start tunnel error=\"bad args: tunnel run --token SECRETMARKER4 with TunnelSecret=SECRETMARKER5\"\n"
            + "{\"level\":\"error\",\"error\":\"" + U + "EOF\",\"originService\":\"http://127.0.0.1:8081\",\"ingressRule\":1,"
            + "\"headers\":\"map[Authorization:[Basic U0VDUkVUTUFSS0VSNg==]]\",\"jwt\":\"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJTRUNSRVQifQ.c2lnbmF0dXJl\","
            + "\"time\":\"2024-12-10T10:00:02Z\"}\n";
    Path file = Files.writeString(dir.resolve("secrets.log"), log);

    for (String format : new String[] {"text", "json", "markdown"}) {
      // when
      DoctorRun run = DoctorRun.of("logs", file.toString(), "--format", format);

      // then
      assertThat(run.exitCode()).as(format).isEqualTo(1);
      assertThat(run.out()).as(format).contains("****").doesNotContain("SECRETMARKER", "U0VDUkVUTUFSS0VSNg", "eyJzdWIi");
      assertThat(run.err()).as(format).isEmpty();
    }
  }

  @Test
  void noSecretReachesAnErrorMessage() throws IOException {
    // when: a token typed as an option the command does not know, and a file name that holds one
    DoctorRun unknown = DoctorRun.of("logs", "x.log", "--token=SECRETMARKER7");
    DoctorRun missing = DoctorRun.of("logs", dir.resolve("token=SECRETMARKER8.log").toString());

    // then
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err()).startsWith("Unknown option: '--token=****'\nUsage: tunnel-doctor logs ").doesNotContain("SECRETMARKER");
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err()).isEqualTo("tunnel-doctor: cannot read the log file '" + dir + "/token=****': no such file\n");
  }
}
