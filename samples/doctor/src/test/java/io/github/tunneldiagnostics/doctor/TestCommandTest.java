package io.github.tunneldiagnostics.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestCommandTest {
  @TempDir Path dir;

  private Path config(String service0) throws IOException {
    Path file = dir.resolve("config.yml");
    Files.writeString(file, """
        ingress:
          - hostname: "*.example.com"
            service: %s
          - hostname: api.example.com
            service: http://127.0.0.1:8081
          - hostname: static.example.com
            service: http://127.0.0.1:8082
          - service: http_status:404
        """.formatted(service0));
    return file;
  }

  private Path table(String yaml) throws IOException {
    Path file = dir.resolve("routes.yaml");
    Files.writeString(file, yaml);
    return file;
  }

  private DoctorRun test(String... args) throws IOException {
    return LoopbackOrigin.run(LoopbackOrigin.context(LoopbackOrigin.noConnectorHere(), Optional::empty), args);
  }

  @Test
  void reportsEachCaseTheRulesNoCaseCoversAndFailsWhenACaseFails() throws IOException {
    try (LoopbackOrigin app = new LoopbackOrigin(200, "text/plain", "hello")) {
      // given: rule #1 is shadowed by the wildcard, so the API case fails
      config("http://" + app.address());
      Path routes = table("""
          config: config.yml
          cases:
            - url: https://www.example.com/
              hostname: "*.example.com"
              originAnswers: true
            - name: the API
              url: https://api.example.com/v1
              rule: 1
            - url: https://example.org/
              catchAll: true
          """);

      // when
      DoctorRun run = test("test", routes.toString());

      // then
      assertThat(run.exitCode()).isEqualTo(1);
      assertThat(run.out()).isEqualTo("""
          Route table %s against %s (4 rules)

            PASS  https://www.example.com/
                  -> rule #0 (*.example.com) http://%s
            FAIL  the API: https://api.example.com/v1
                  -> rule #0 (*.example.com) http://%s
                  x expected rule #1, got rule #0 (*.example.com) (http://%s)
            PASS  https://example.org/
                  -> rule #3 http_status:404 (catch-all)

          Coverage: 2 of 4 rules (50%%)
          Not covered by any case:
            rule #1 (api.example.com) http://127.0.0.1:8081
            rule #2 (static.example.com) http://127.0.0.1:8082
          1 of 3 cases failed
          """.formatted(routes, dir.resolve("config.yml"), app.address(), app.address(), app.address()));
      assertThat(run.err()).isEmpty();
    }
  }

  @Test
  void failUnderFailsAPassingTableThatCoversTooFewRulesAndJunitSaysSo() throws IOException {
    // given
    Path config = config("http://127.0.0.1:8080");
    Path routes = table("""
        cases:
          - url: https://example.org/logo.png
            catchAll: true
        """);

    // when
    DoctorRun run = test("test", routes.toString(), "--config", config.toString(), "--fail-under", "80", "--format", "junit");

    // then
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).isEqualTo("""
        <?xml version="1.0" encoding="UTF-8"?>
        <testsuites name="tunnel-doctor test" tests="2" failures="1" errors="0">
          <testsuite name="%s" tests="2" failures="1" errors="0" skipped="0">
            <testcase classname="tunnel-doctor.routes" name="https://example.org/logo.png"/>
            <testcase classname="tunnel-doctor.routes" name="coverage at least 80%%">
              <failure message="Coverage: 1 of 4 rules (25%%)">Not covered by any case:
        rule #0 (*.example.com) http://127.0.0.1:8080
        rule #1 (api.example.com) http://127.0.0.1:8081
        rule #2 (static.example.com) http://127.0.0.1:8082
        </failure>
            </testcase>
          </testsuite>
        </testsuites>
        """.formatted(routes));
  }

  @Test
  void anOriginThatDoesNotAnswerFailsItsCaseWithTheFindingAndFix() throws IOException {
    // given
    int closed = LoopbackOrigin.closedPort();
    Path config = config("http://127.0.0.1:" + closed);
    Path routes = table("""
        cases:
          - url: https://www.example.com/
            originAnswers: true
        """);

    // when
    DoctorRun run = test("test", routes.toString(), "--config", config.toString(), "--format", "json");

    // then
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).contains("\"failures\": [\n        \"expected the origin to answer, but ORIGIN_CONNECTION_REFUSED: ");
  }

  @Test
  void aCaseWithAnUnknownKeyIsAUsageErrorNamingLineColumnAndTheKeyMeant() throws IOException {
    // given
    Path config = config("http://127.0.0.1:8080");
    Path routes = table("""
        cases:
          - url: https://www.example.com/
            catch_all: true
        """);

    // when
    DoctorRun run = test("test", routes.toString(), "--config", config.toString());

    // then
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).isEqualTo("tunnel-doctor: " + routes + ":3:5: unknown key 'catch_all' in a case; did you mean 'catchAll'? "
        + "a case has name, url, rule, hostname, service, catchAll, originAnswers\n");
  }
}
