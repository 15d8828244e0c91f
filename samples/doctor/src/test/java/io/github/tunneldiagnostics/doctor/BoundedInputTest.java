package io.github.tunneldiagnostics.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inputs that are not regular files end the run at once, with exit code 2 and one line naming them: a FIFO
 * would block the reader forever and {@code /dev/zero} never ends.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS) // a safety net against hangs, not a performance measure
class BoundedInputTest {
  @TempDir Path dir;

  private Path fifo(String name) throws Exception {
    Path fifo = dir.resolve(name);
    assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
    return fifo;
  }

  @Test
  void aFifoAsConfigEndsAtOnceForEveryCommand() throws Exception {
    // given
    Path fifo = fifo("config.yml");
    String line = "tunnel-doctor: cannot read the config file '" + fifo
        + "': it is a named pipe (FIFO), not a regular file; pass the config.yml cloudflared reads\n";

    for (String command : new String[] {"validate", "diagnose"}) {
      // when
      DoctorRun run = DoctorRun.of(command, "--config", fifo.toString());

      // then
      assertThat(run.exitCode()).as(command).isEqualTo(2);
      assertThat(run.out()).as(command).isEmpty();
      assertThat(run.err()).as(command).isEqualTo(line);
    }
    DoctorRun match = DoctorRun.of("match", "--config", fifo.toString(), "https://app.example.com/");
    assertThat(match.exitCode()).isEqualTo(2);
    assertThat(match.err()).isEqualTo(line);
  }

  @Test
  void devZeroAsConfigEndsAtOnce() {
    // when
    DoctorRun run = DoctorRun.of("validate", "--config", "/dev/zero");

    // then
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).isEqualTo(
        "tunnel-doctor: cannot read the config file '/dev/zero': it is a character device, not a regular file;"
            + " pass the config.yml cloudflared reads\n");
  }

  @Test
  void aFifoAsLogEndsAtOnce() throws Exception {
    // given
    Path fifo = fifo("cloudflared.log");

    // when
    DoctorRun run = DoctorRun.of("logs", fifo.toString());

    // then
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).isEqualTo("tunnel-doctor: cannot read the log file '" + fifo
        + "': it is a named pipe (FIFO), not a regular file; save the log to a file first (e.g. journalctl -u cloudflared > cloudflared.log)\n");
  }

  @Test
  void aFifoAsCredentialsFileIsNamedWithoutOpeningIt() throws Exception {
    // given
    Path fifo = fifo("creds.json");
    Path config = Files.writeString(dir.resolve("config.yml"), String.join("\n",
        "tunnel: 6ff42ae2-765d-4adf-8112-31c55c1551ef",
        "credentials-file: " + fifo,
        "ingress:",
        "  - service: http_status:404",
        ""));

    // when
    DoctorRun run = DoctorRun.of("validate", "--config", config.toString(), "--format", "json");

    // then
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).contains("\"message\": \"the credentials file " + fifo
        + " named by credentials-file is a named pipe (FIFO), not a regular file (it was not opened), so cloudflared cannot run the tunnel\"");
  }
}
