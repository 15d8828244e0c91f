package io.github.tunneldiagnostics.core.internal.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.tunneldiagnostics.api.DiagnosisReport;
import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.core.TunnelDiagnostics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

class SarifReportWriterTest {
  static final Path CONFIG = Path.of("src/test/resources/fixtures/SarifReportWriterTest/config.yml");

  private final SarifReportWriter writer = new SarifReportWriter(FindingCatalog.standard(), "0.1.0");

  @Test
  void pointsEachResultAtItsLineAndColumnInTheConfig() {
    // given: a relative config path, as a CI job passes it from the checkout's root
    DiagnosisReport report = TunnelDiagnostics.forConfig(CONFIG).validate();

    // when
    Map<String, Object> log = parse(writer.render(report));

    // then: the loader's own position, a file:line:column subject, else the rule's first line
    List<String> places = new ArrayList<>();
    for (Map<String, Object> result : list(run(log).get("results"))) {
      Map<String, Object> physical = map(map(list(result.get("locations")).get(0)).get("physicalLocation"));
      Map<String, Object> artifact = map(physical.get("artifactLocation"));
      Map<String, Object> region = map(physical.get("region"));
      places.add(result.get("ruleId") + " " + result.get("level") + " " + artifact.get("uriBaseId") + "/" + artifact.get("uri")
          + ":" + region.get("startLine") + ":" + region.get("startColumn"));
    }
    // (validate runs off the connector host: a missing credentials file is a warning there)
    assertThat(places).containsExactly(
        "CONFIG_UNKNOWN_KEY warning %SRCROOT%/src/test/resources/fixtures/SarifReportWriterTest/config.yml:8:7",
        "CREDENTIALS_MISSING warning %SRCROOT%/src/test/resources/fixtures/SarifReportWriterTest/config.yml:1:1",
        "RULE_UNREACHABLE warning %SRCROOT%/src/test/resources/fixtures/SarifReportWriterTest/config.yml:5:5",
        "WILDCARD_APEX_UNMATCHED warning %SRCROOT%/src/test/resources/fixtures/SarifReportWriterTest/config.yml:3:5");
  }

  @Test
  void rulesAreTheReportsFindingCodesWithTheContractsHelpAndThisRunsFix() {
    // given
    DiagnosisReport report = TunnelDiagnostics.forConfig(CONFIG).validate();

    // when
    Map<String, Object> log = parse(writer.render(report));

    // then
    List<Map<String, Object>> rules = list(map(map(run(log).get("tool")).get("driver")).get("rules"));
    assertThat(rules).extracting(rule -> rule.get("id"))
        .containsExactly("CONFIG_UNKNOWN_KEY", "CREDENTIALS_MISSING", "RULE_UNREACHABLE", "WILDCARD_APEX_UNMATCHED");
    Map<String, Object> unreachable = rules.get(2);
    assertThat(unreachable.get("name")).isEqualTo("RuleUnreachable");
    assertThat(map(unreachable.get("shortDescription")).get("text")).isEqualTo("Rule unreachable");
    assertThat(map(unreachable.get("help")).get("text")).isEqualTo(
        "Reported when: An earlier rule matches every request a later rule could match (e.g. *.example.com before api.example.com, "
            + "or the same hostname twice without paths).\n"
            + "Fix:\n"
            + "- move rule #1 above rule #0 (most specific rules first), or remove it");
    assertThat(map(unreachable.get("defaultConfiguration")).get("level")).isEqualTo("warning");
    Map<String, Object> result = list(run(log).get("results")).get(2);
    assertThat(result.get("ruleIndex")).isEqualTo(2);
    assertThat(map(result.get("message")).get("text")).isEqualTo(
        "rule #1 (api.example.com) is never used: rule #0 (*.example.com) comes first and matches every request it could match, "
            + "and cloudflared takes the first rule that matches. Fix: move rule #1 above rule #0 (most specific rules first), or remove it");
  }

  @Test
  void rendersTheWholeLog() {
    // given: findings of every severity, an absolute config path, rules without a known line
    DiagnosisReport report = ReportFixtures.broken();

    // when
    String rendered = writer.render(report);

    // then
    assertThat(rendered).isEqualTo(ReportFixtures.text("SarifReportWriterTest/broken.sarif"));
  }

  /**
   * The properties that the SARIF 2.1.0 schema (sarif-schema-2.1.0.json, OASIS) marks required, on every
   * object this writer emits: sarifLog {version, runs}, run {tool}, tool {driver}, toolComponent {name},
   * reportingDescriptor {id}, multiformatMessageString {text}, result {message}, message {text or id},
   * invocation {executionSuccessful}, physicalLocation {artifactLocation or address}; plus the version's
   * fixed value and levels from its enumeration.
   */
  @Test
  void holdsEveryPropertyTheSarifSchemaRequires() {
    for (DiagnosisReport report : List.of(ReportFixtures.broken(), ReportFixtures.empty(), TunnelDiagnostics.forConfig(CONFIG).validate())) {
      Map<String, Object> log = parse(writer.render(report));

      assertThat(log).containsKeys("version", "runs").containsEntry("version", "2.1.0");
      assertThat(list(log.get("runs"))).hasSize(1);
      Map<String, Object> run = run(log);
      Map<String, Object> driver = map(map(run.get("tool")).get("driver"));
      assertThat(driver.get("name")).isEqualTo("tunnel-doctor");
      for (Map<String, Object> rule : list(driver.get("rules"))) {
        assertThat(rule).containsKey("id");
        for (String text : List.of("shortDescription", "fullDescription", "help")) {
          assertThat(map(rule.get(text))).as(text).containsKey("text");
        }
        assertThat(map(rule.get("defaultConfiguration")).get("level")).isIn("none", "note", "warning", "error");
      }
      for (Map<String, Object> invocation : list(run.get("invocations"))) {
        assertThat(invocation).containsKey("executionSuccessful");
      }
      for (Map<String, Object> result : list(run.get("results"))) {
        assertThat(map(result.get("message"))).containsKey("text");
        assertThat(result.get("level")).isIn("none", "note", "warning", "error");
        assertThat((int) result.get("ruleIndex")).isBetween(0, list(driver.get("rules")).size() - 1);
        assertThat(map(list(driver.get("rules")).get((int) result.get("ruleIndex"))).get("id")).isEqualTo(result.get("ruleId"));
        for (Map<String, Object> location : list(result.getOrDefault("locations", List.of()))) {
          Map<String, Object> physical = map(location.get("physicalLocation"));
          assertThat(physical).containsKey("artifactLocation");
          assertThat((int) map(physical.get("region")).get("startLine")).isPositive();
        }
      }
    }
  }

  @Test
  void aFindingWithoutAConfigFileIsAResultWithoutLocation() {
    // given: a log-only report has no model
    Finding finding = Finding.error("ORIGIN_CONNECTION_REFUSED").check("logs").subject("http://127.0.0.1:8080")
        .message("cloudflared could not reach 127.0.0.1:8080 (3 times).").build();
    DiagnosisReport report = DiagnosisReport.of(ReportFixtures.STARTED, Duration.ZERO, null, List.of(), List.of(finding));

    // when
    Map<String, Object> result = list(run(parse(writer.render(report))).get("results")).get(0);

    // then
    assertThat(result).doesNotContainKey("locations");
    assertThat(map(result.get("message")).get("text")).isEqualTo("cloudflared could not reach 127.0.0.1:8080 (3 times).");
  }

  @Test
  void refusesAMatchReport() {
    assertThatThrownBy(() -> writer.render(ReportFixtures.matches()))
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessage("SARIF describes findings; 'match' prints text, json or markdown");
  }

  @Test
  void namesAndWordsOfACode() {
    assertThat(SarifReportWriter.pascalCase("TLS_VERIFY_DISABLED")).isEqualTo("TlsVerifyDisabled");
    assertThat(SarifReportWriter.words("TLS_VERIFY_DISABLED")).isEqualTo("TLS verify disabled");
    assertThat(SarifReportWriter.words("DNS_RECORD_MISSING")).isEqualTo("DNS record missing");
    assertThat(SarifReportWriter.level("ERROR / WARNING")).isEqualTo("error");
    assertThat(SarifReportWriter.level("INFO")).isEqualTo("note");
  }

  static Map<String, Object> parse(String json) {
    return map(new Load(LoadSettings.builder().build()).loadFromString(json));
  }

  private static Map<String, Object> run(Map<String, Object> log) {
    return map(list(log.get("runs")).get(0));
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object value) {
    assertThat(value).isInstanceOf(Map.class);
    return (Map<String, Object>) value;
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> list(Object value) {
    assertThat(value).isInstanceOf(List.class);
    return (List<Map<String, Object>>) value;
  }
}
