package io.github.tunneldiagnostics.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tunneldiagnostics.api.DiagnosisReport;
import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.check.Severity;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Our own corpus of cloudflared configs in the shapes real users write (credentials files that live on the
 * connector host, ${VAR} and Helm templates, glob-looking paths, warp-routing, a top-level originRequest,
 * odd catch-alls). Each file says in comments what it expects: {@code # error: CODE} for the ingress problems
 * cloudflared itself raises (no other ERROR is allowed), and {@code # url: URL -> N} for the rule that serves
 * a URL, as {@code cloudflared tunnel ingress rule} would answer.
 */
class ConfigCorpusTest {
  private static final String ERROR = "# error: ";
  private static final String URL = "# url: ";

  private static Path corpus() throws URISyntaxException {
    return Path.of(Objects.requireNonNull(ConfigCorpusTest.class.getResource("/corpus"), "corpus").toURI());
  }

  private static List<Path> files() throws IOException, URISyntaxException {
    try (Stream<Path> files = Files.list(corpus())) {
      return files.filter(f -> f.toString().endsWith(".yml")).sorted().toList();
    }
  }

  @Test
  void holdsAtLeastTwentyConfigs() throws Exception {
    assertThat(files()).hasSizeGreaterThanOrEqualTo(20);
  }

  @TestFactory
  Stream<DynamicTest> noErrorButCloudflaredsOwnAndEveryUrlOnItsRule() throws Exception {
    List<DynamicTest> tests = new ArrayList<>();
    for (Path file : files()) {
      tests.add(DynamicTest.dynamicTest(file.getFileName().toString(), () -> check(file)));
    }
    return tests.stream();
  }

  private static void check(Path file) throws Exception {
    List<String> lines = Files.readAllLines(file);
    TreeSet<String> expectedErrors = new TreeSet<>();
    List<String[]> urls = new ArrayList<>();
    for (String line : lines) {
      if (line.startsWith(ERROR)) {
        expectedErrors.add(line.substring(ERROR.length()).strip());
      } else if (line.startsWith(URL)) {
        urls.add(line.substring(URL.length()).split(" -> "));
      }
    }
    TunnelDiagnostics diagnostics = TunnelDiagnostics.forConfig(file);

    DiagnosisReport report = diagnostics.validate();

    TreeSet<String> errors = new TreeSet<>();
    for (Finding finding : report.findings()) {
      if (finding.severity() == Severity.ERROR) {
        errors.add(finding.code());
      }
    }
    assertThat(errors).as("ERROR codes of %s: %s", file.getFileName(), report.findings()).isEqualTo(expectedErrors);
    for (String[] url : urls) {
      assertThat(diagnostics.match(url[0]).index()).as("rule of %s in %s", url[0], file.getFileName())
          .isEqualTo(Integer.parseInt(url[1].strip()));
    }
  }
}
