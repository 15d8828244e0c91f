package io.github.tunneldiagnostics.core.internal.logs;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tunneldiagnostics.api.check.Finding;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file read in parallel parts gives what one sequential pass gives: every count, every finding. */
class ParallelReadTest {
  private static final String U =
      "Unable to reach the origin service. The service may be down or it may not be responding to traffic from cloudflared: ";
  private static final String[][] RULES = {
    {"app.example.com", "http://127.0.0.1:8080", "dial tcp 127.0.0.1:8080: connect: connection refused"},
    {"tls.example.com", "https://127.0.0.1:8443", "tls: failed to verify certificate: x509: certificate signed by unknown authority"},
    {"ssh.example.com", "ssh://127.0.0.1:22", "dial tcp 127.0.0.1:22: connect: connection refused"},
    {"odd.example.com", "http://127.0.0.1:9000", "http2: server sent GOAWAY and closed the connection"},
  };

  @TempDir Path dir;

  @Test
  void partsAreMergedAsIfTheFileWasReadInOnePass() throws Exception {
    // given: 40,000 lines in which each failed request's two lines may straddle any boundary
    Path log = dir.resolve("cloudflared.log");
    SplittableRandom random = new SplittableRandom(11);
    try (BufferedWriter out = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
      for (int i = 0; i < 20_000; i++) {
        String ts = String.format("2024-12-10T%02d:%02d:%02dZ", (i / 3600) % 24, (i / 60) % 60, i % 60);
        int dice = random.nextInt(10);
        if (dice < 5) {
          out.write(ts + " INF Registered tunnel connection connIndex=0 event=0 ip=198.41.200.13 location=fra08 protocol=quic\n");
          out.write(ts + " WRN Failed to refresh DNS local resolver error=\"i/o timeout\"\n");
        } else {
          String[] r = RULES[random.nextInt(RULES.length)];
          int rule = java.util.Arrays.asList(RULES).indexOf(r);
          String cause = r[1].startsWith("ssh") ? r[2] : U + r[2];
          int conn = random.nextInt(4);
          out.write(ts + " ERR  error=\"" + cause + "\" cfRay=8f1a-FRA connIndex=" + conn + " event=1 ingressRule=" + rule + " originService=" + r[1] + "\n");
          out.write(ts + " ERR Request failed error=\"" + cause + "\" connIndex=" + conn + " dest=https://" + r[0] + "/ event=0 type=http\n");
        }
      }
    }

    // when
    LogAnalysis sequential = LogClassifier.builder().threads(1).build().analyze(List.of(log));
    LogAnalysis parallel = LogClassifier.builder().threads(3).parallelFrom(64 << 10).build().analyze(List.of(log));

    // then
    assertThat(parallel.summary()).isEqualTo(sequential.summary());
    assertThat(parallel.summary().failedRequests()).isEqualTo(sequential.summary().failedRequests()).isBetween(9_000L, 11_000L);
    assertThat(digest(parallel)).containsExactlyInAnyOrderElementsOf(digest(sequential));
  }

  private static List<String> digest(LogAnalysis analysis) {
    return analysis.findings().stream().map(ParallelReadTest::withoutSample).collect(Collectors.toList());
  }

  private static String withoutSample(Finding f) {
    return f.code() + " " + f.severity() + " " + f.subject() + " " + f.message() + " " + f.evidence().entrySet().stream()
        .filter(e -> !e.getKey().equals("sample") && !e.getKey().equals("cause"))
        .map(Object::toString)
        .collect(Collectors.joining(","));
  }
}
