package io.github.tunneldiagnostics.core.internal.logs;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.check.FindingCode;
import io.github.tunneldiagnostics.api.check.Severity;
import io.github.tunneldiagnostics.api.ingress.ConfigSource;
import io.github.tunneldiagnostics.api.ingress.IngressModel;
import io.github.tunneldiagnostics.api.ingress.IngressRule;
import io.github.tunneldiagnostics.api.ingress.OriginRequest;
import io.github.tunneldiagnostics.api.ingress.OriginRequestOverrides;
import io.github.tunneldiagnostics.api.ingress.WarpRouting;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class LogClassifierTest {

  /** What every format of the 2024 fixture must yield: code, rule, service, hostname, count. */
  private static final List<String> EXPECTED_2024 =
      List.of(
          "ORIGIN_CONNECTION_REFUSED rule=0 http://127.0.0.1:8080 app.example.com x2",
          "ORIGIN_CONNECT_TIMEOUT rule=1 http://127.0.0.1:8081 api.example.com x1",
          "ORIGIN_UNRESOLVABLE rule=2 http://origin.nonexistent.invalid:80 dns.example.com x1",
          "ORIGIN_CERT_UNTRUSTED rule=3 https://127.0.0.1:8443 ca.example.com x1",
          "ORIGIN_CERT_NAME_MISMATCH rule=4 https://localhost:8444 name.example.com x1",
          "ORIGIN_CERT_NAME_MISMATCH rule=5 https://127.0.0.1:8445 ipsan.example.com x1",
          "ORIGIN_CERT_EXPIRED rule=6 https://127.0.0.1:8446 expired.example.com x1",
          "ORIGIN_SPEAKS_PLAINTEXT rule=7 https://127.0.0.1:8080 plain.example.com x1",
          "ORIGIN_SPEAKS_TLS rule=8 http://127.0.0.1:8443 tls.example.com x1",
          "ORIGIN_SPEAKS_TLS rule=9 http://127.0.0.1:18443 reset.example.com x1",
          "ORIGIN_NO_RESPONSE rule=10 https://127.0.0.1:9443 eof.example.com x1",
          "ORIGIN_NO_RESPONSE rule=11 https://127.0.0.1:9444 slowtls.example.com x1",
          "ORIGIN_UNIX_SOCKET_MISSING rule=12 unix:/run/app/missing.sock sock.example.com x1",
          "ORIGIN_CONNECTION_REFUSED rule=13 ssh://127.0.0.1:22 - x1",
          "ORIGIN_CONNECTION_REFUSED rule=14 http://127.0.0.1:8090 - x1",
          "EDGE_CONNECTION_FAILED rule=- - - x1",
          "TUNNEL_UNAUTHORIZED rule=- - - x1",
          "NO_INGRESS_LOADED rule=- - - x1",
          "CONNECTOR_REMOTE_CONFIG rule=- - - x1",
          "CREDENTIALS_INVALID rule=- - - x1");

  @Test
  void classifiesEveryCauseInConsoleLogsCountingEachFailedRequestOnce() throws Exception {
    // given
    Path log = fixture("console-2024.log");

    // when
    LogAnalysis analysis = LogClassifier.builder().build().analyze(List.of(log));

    // then
    List<String> expected = new ArrayList<>(EXPECTED_2024);
    expected.add("CREDENTIALS_MISSING rule=- - - x1");
    assertThat(digest(analysis)).containsExactlyInAnyOrderElementsOf(expected);
    LogSummary summary = analysis.summary();
    assertThat(summary.failedRequests()).isEqualTo(16);
    assertThat(summary.abandonedRequests()).isEqualTo(1);
    assertThat(summary.unclassifiedErrors()).isEqualTo(1);
    assertThat(summary.consoleLines()).isEqualTo(42);
    assertThat(summary.lines()).isEqualTo(43);
    assertThat(summary.skippedLines()).isZero();
    assertThat(summary.complete()).isTrue();
  }

  @Test
  void classifiesJsonLinesLikeConsoleLines() throws Exception {
    // given
    Path log = fixture("json-2024.log");

    // when
    LogAnalysis analysis = LogClassifier.builder().build().analyze(List.of(log));

    // then
    assertThat(digest(analysis)).containsExactlyInAnyOrderElementsOf(EXPECTED_2024);
    assertThat(analysis.summary().jsonLines()).isEqualTo(42);
    assertThat(analysis.summary().failedRequests()).isEqualTo(16);
  }

  @Test
  void classifiesColouredConsoleLinesLikePlainOnes() throws Exception {
    // given
    Path log = fixture("console-color.log");

    // when
    LogAnalysis analysis = LogClassifier.builder().build().analyze(List.of(log));

    // then
    assertThat(digest(analysis)).containsExactlyInAnyOrderElementsOf(EXPECTED_2024);
  }

  @Test
  void readsGzipLogsDetectedByTheirMagicBytes() throws Exception {
    // given
    Path log = fixture("console-2024.log.gz");

    // when
    LogAnalysis analysis = LogClassifier.builder().build().analyze(List.of(log));

    // then
    assertThat(digest(analysis)).contains(EXPECTED_2024.get(0), EXPECTED_2024.get(12));
    assertThat(analysis.summary().bytes()).isEqualTo(Files.size(fixture("console-2024.log")));
  }

  @Test
  void namesTheRuleAndReportsCountFirstLastSeenAndSample() throws Exception {
    // given
    IngressModel model = model("app.example.com", "http://127.0.0.1:8080", "", "http_status:404");

    // when
    LogAnalysis analysis = LogClassifier.builder().ingress(model).build().analyze(List.of(fixture("console-2024.log")));

    // then
    Finding refused = analysis.findings().get(0);
    assertThat(refused.code()).isEqualTo(FindingCode.ORIGIN_CONNECTION_REFUSED);
    assertThat(refused.severity()).isEqualTo(Severity.ERROR);
    assertThat(refused.check()).isEqualTo("logs");
    assertThat(refused.subject()).isEqualTo("rule #0 (app.example.com) http://127.0.0.1:8080");
    assertThat(refused.message())
        .isEqualTo(
            "cloudflared logged 2 failed requests for app.example.com to http://127.0.0.1:8080 (rule #0 (app.example.com)) between 2024-12-10T10:00:03Z and 2024-12-10T10:00:05Z: nothing accepted the connection (connection refused).");
    assertThat(refused.remediation()).isEqualTo("Start the app, or change the rule's service to the address and port the app really listens on.");
    assertThat(refused.evidence())
        .containsEntry("source", "log")
        .containsEntry("count", "2")
        .containsEntry("firstSeen", "2024-12-10T10:00:03Z")
        .containsEntry("lastSeen", "2024-12-10T10:00:05Z")
        .containsEntry("rule", "0")
        .containsEntry("originService", "http://127.0.0.1:8080")
        .containsEntry("hostname", "app.example.com")
        .containsEntry("cause", "dial tcp 127.0.0.1:8080: connect: connection refused");
    assertThat(refused.evidence().get("sample")).startsWith("2024-12-10T10:00:03Z ERR  error=\"Unable to reach the origin service.");
    assertThat(refused.ruleIndex()).hasValue(0);
  }

  @Test
  void pairsTheTwoLinesOf2023StyleLogsAndMapsLoneLinesThroughTheIngress() throws Exception {
    // given
    IngressModel model =
        model("app.example.com", "http://localhost:8080", "*.example.com", "http://localhost:8080", "", "http_status:404");

    // when
    LogAnalysis analysis = LogClassifier.builder().ingress(model).build().analyze(List.of(fixture("console-2023.log")));

    // then
    assertThat(digest(analysis))
        .containsExactlyInAnyOrder(
            "ORIGIN_CONNECTION_REFUSED rule=0 http://localhost:8080 app.example.com x2",
            "ORIGIN_CONNECTION_REFUSED rule=1 http://localhost:8080 other.example.com x1",
            "EDGE_CONNECTION_FAILED rule=- - - x1");
    Finding edge = analysis.findings().stream().filter(f -> f.code().equals(FindingCode.EDGE_CONNECTION_FAILED)).findFirst().orElseThrow();
    assertThat(edge.severity()).isEqualTo(Severity.WARNING);
    assertThat(edge.evidence()).containsEntry("recovered", "a tunnel connection registered after the last failure");
    assertThat(edge.message())
        .isEqualTo(
            "cloudflared logged this 1 time at 2023-07-20T10:06:00Z: the connector could not connect to, or lost its connection with, Cloudflare's edge.");
  }

  @Test
  void skipsAndCountsLongBinaryInvalidAndForeignLinesAndHandlesCrlf() throws Exception {
    // given: the fixture plus a 1 MB line and a last line without a newline that pairs with the one before
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.write(Files.readAllBytes(fixture("junk.log")));
    bytes.write(("2024-12-10T10:00:03Z ERR  error=\"" + "A".repeat(1024 * 1024) + "\"\n").getBytes(StandardCharsets.US_ASCII));
    bytes.write("2024-12-10T10:00:07Z ERR Request failed error=\"EOF\" connIndex=0 dest=https://x.example.com/ type=http".getBytes(StandardCharsets.US_ASCII));

    // when
    LogAnalysis analysis = LogClassifier.builder().build().analyze("junk.log", new ByteArrayInputStream(bytes.toByteArray()));

    // then
    LogSummary summary = analysis.summary();
    assertThat(summary.skipped())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(SkipReason.BINARY, 1L, SkipReason.INVALID_UTF8, 1L, SkipReason.NOT_A_LOG_LINE, 1L, SkipReason.TOO_LONG, 1L));
    assertThat(summary.crlfLines()).isEqualTo(3); // the binary line also ended in CRLF but was skipped first
    assertThat(summary.lines()).isEqualTo(11);
    assertThat(digest(analysis))
        .containsExactlyInAnyOrder(
            "ORIGIN_CONNECTION_REFUSED rule=0 http://127.0.0.1:8080 app.example.com x1",
            "ORIGIN_NO_RESPONSE rule=1 https://127.0.0.1:9443 x.example.com x1");
    assertThat(summary.describe())
        .isEqualTo("11 lines (" + bytes.size() + " bytes) read from 1 file, 4 skipped (1 too long, 1 binary, 1 invalid utf8, 1 not a log line), 2 failed requests");
  }

  @Test
  void neverShowsTokenValuesInSamples() throws Exception {
    // when
    LogAnalysis analysis = LogClassifier.builder().build().analyze(List.of(fixture("console-2024.log")));

    // then
    Finding invalid = analysis.findings().stream().filter(f -> f.code().equals(FindingCode.CREDENTIALS_INVALID)).findFirst().orElseThrow();
    assertThat(invalid.evidence().get("sample"))
        .isEqualTo("2024-12-10T10:00:40Z ERR Provided Tunnel token is not valid. args=\"tunnel run --token ****\"");
    assertThat(analysis.findings()).allSatisfy(f -> assertThat(f.toString()).doesNotContain("eyJhIjoi"));
  }

  @Test
  void redactsTokensSecretsAndTokenShapedValues() {
    assertThat(SecretRedactor.redact("run --token eyJhIjoiYWJj and TUNNEL_TOKEN=abc123 secret: s3cr3t --token-file /etc/t"))
        .isEqualTo("run --token **** and TUNNEL_TOKEN=**** secret: **** --token-file /etc/t");
    assertThat(SecretRedactor.redact("{\"TunnelSecret\":\"c2VjcmV0\",\"AccountTag\":\"x\"}"))
        .isEqualTo("{\"TunnelSecret\":\"****\",\"AccountTag\":\"x\"}");
    assertThat(SecretRedactor.redact("map[a:b eyJhIjoiMDEyMzQ1Njc4OWFiY2RlZiIsInQiOiJh]")).isEqualTo("map[a:b ****]");
  }

  @Test
  void stopsAtTheDeadlineAndSaysSo() throws Exception {
    // given
    LogClassifier classifier = LogClassifier.builder().deadline(Instant.EPOCH).build();

    // when
    LogAnalysis analysis = classifier.analyze(List.of(fixture("console-2024.log")));

    // then
    assertThat(analysis.summary().complete()).isFalse();
    assertThat(analysis.summary().notes()).containsExactly("reading stopped at the deadline after 0 bytes");
    assertThat(analysis.findings()).isEmpty();
  }

  @Test
  void keepsWhatWasReadWhenAGzipFileEndsEarly() throws Exception {
    // given
    byte[] gz = Files.readAllBytes(fixture("console-2024.log.gz"));
    byte[] truncated = Arrays.copyOf(gz, gz.length - 200);

    // when
    LogAnalysis analysis = LogClassifier.builder().build().analyze("rotated.log.gz", new ByteArrayInputStream(truncated));

    // then
    assertThat(analysis.summary().notes()).singleElement().asString().startsWith("rotated.log.gz: the gzip data ends early or is corrupt (");
    assertThat(analysis.summary().lines()).isPositive();
    assertThat(digest(analysis)).contains(EXPECTED_2024.get(0));
  }

  @Test
  void readsJsonLinesWithNanosecondTimesAndMapsPercentEncodedPathsToRules() throws Exception {
    // given: JSON lines as an old --logfile writes them (RFC3339Nano), lone transport lines
    String u = OriginCause.UNABLE_TO_REACH;
    String log =
        "{\"level\":\"error\",\"connIndex\":0,\"dest\":\"https://app.example.com/api%2Fv1/x\",\"error\":\"" + u + "EOF\",\"type\":\"http\",\"time\":\"2023-07-20T10:00:00.123456789Z\",\"message\":\"Request failed\"}\n"
            + "{\"level\":\"error\",\"connIndex\":1,\"dest\":\"https://app.example.com/web\",\"error\":\"" + u + "EOF\",\"type\":\"http\",\"time\":\"2023-07-20T12:00:00.5+02:00\",\"message\":\"Request failed\"}\n";
    IngressModel model = model("app.example.com", "https://127.0.0.1:9443", "", "http_status:404");
    IngressModel withPath =
        model.toBuilder().rules(
            List.of(
                IngressRule.builder().index(0).hostname("app.example.com").path("^/api/").service("https://127.0.0.1:9443").build(),
                model.rule(1))).build();

    // when
    LogAnalysis analysis = LogClassifier.builder().ingress(withPath).build().analyze("json.log", new ByteArrayInputStream(log.getBytes(StandardCharsets.UTF_8)));

    // then
    assertThat(digest(analysis))
        .containsExactlyInAnyOrder(
            "ORIGIN_NO_RESPONSE rule=0 https://127.0.0.1:9443 app.example.com x1", "ORIGIN_NO_RESPONSE rule=1 http_status:404 app.example.com x1");
    assertThat(analysis.findings())
        .extracting(f -> f.evidence().get("firstSeen"))
        .containsExactlyInAnyOrder("2023-07-20T10:00:00.123456789Z", "2023-07-20T10:00:00.500Z");
  }

  @Test
  void readsTheSameWhenTheStreamArrivesInTinyChunks() throws Exception {
    // given: a stream that hands out at most 7 bytes per read, so lines and CRLFs straddle reads
    byte[] bytes = Files.readAllBytes(fixture("junk.log"));
    java.io.InputStream trickle =
        new java.io.FilterInputStream(new ByteArrayInputStream(bytes)) {
          @Override
          public int read(byte[] b, int off, int len) throws IOException {
            return super.read(b, off, Math.min(len, 7));
          }
        };

    // when
    LogAnalysis whole = LogClassifier.builder().build().analyze("junk.log", new ByteArrayInputStream(bytes));
    LogAnalysis chunked = LogClassifier.builder().build().analyze("junk.log", trickle);

    // then
    assertThat(digest(chunked)).isEqualTo(digest(whole));
    assertThat(chunked.summary().crlfLines()).isEqualTo(whole.summary().crlfLines());
    assertThat(chunked.summary().skipped()).isEqualTo(whole.summary().skipped());
  }

  static List<String> digest(LogAnalysis analysis) {
    return analysis.findings().stream()
        .map(
            f ->
                f.code()
                    + " rule="
                    + f.evidence().getOrDefault("rule", "-")
                    + " "
                    + f.evidence().getOrDefault("originService", "-")
                    + " "
                    + f.evidence().getOrDefault("hostname", "-")
                    + " x"
                    + f.evidence().get("count"))
        .collect(Collectors.toList());
  }

  static Path fixture(String name) throws URISyntaxException {
    return Path.of(LogClassifierTest.class.getResource("/fixtures/LogClassifierTest/" + name).toURI());
  }

  /** A model from (hostname, service) pairs; an empty hostname is the catch-all. */
  static IngressModel model(String... hostAndService) {
    List<IngressRule> rules = new ArrayList<>();
    for (int i = 0; i < hostAndService.length; i += 2) {
      String service = hostAndService[i + 1];
      rules.add(
          IngressRule.builder().index(i / 2).hostname(hostAndService[i]).service(service).build());
    }
    return IngressModel.builder().source(ConfigSource.inline("test")).rules(rules).build();
  }

  static byte[] read(Path p) throws IOException {
    return Files.readAllBytes(p);
  }
}
