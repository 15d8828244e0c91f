package io.github.tunneldiagnostics.core.internal.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.core.internal.connector.FixedCheckContext;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogsCheckTest {

  @Test
  void classifiesTheFilesAgainstTheDiagnosedModel() throws Exception {
    // given
    LogsCheck check = new LogsCheck(List.of(LogClassifierTest.fixture("console-2023.log")));
    FixedCheckContext context =
        new FixedCheckContext(
            LogClassifierTest.model("app.example.com", "http://localhost:8080", "*.example.com", "http://localhost:8080", "", "http_status:404"),
            Instant.now().plusSeconds(30));

    // when
    List<Finding> findings = check.run(context);

    // then
    assertThat(check.id()).isEqualTo("logs");
    assertThat(findings).extracting(Finding::subject)
        .containsExactly("rule #0 (app.example.com) http://localhost:8080", "rule #1 (*.example.com) http://localhost:8080", "connector log");
    assertThat(findings).allSatisfy(f -> assertThat(f.evidence()).containsEntry("source", "log"));
  }

  @Test
  void failsWithTheFileNameWhenALogIsMissing() {
    // given
    LogsCheck check = new LogsCheck(List.of(Path.of("/nonexistent/cloudflared.log")));
    FixedCheckContext context = new FixedCheckContext(LogClassifierTest.model("", "http_status:404"), Instant.now().plusSeconds(30));

    // then
    assertThatExceptionOfType(NoSuchFileException.class)
        .isThrownBy(() -> check.run(context))
        .withMessage(
            "/nonexistent/cloudflared.log: the log file does not exist or is not readable; pass the file cloudflared writes (--logfile) or save journalctl -u cloudflared output to a file");
  }
}
