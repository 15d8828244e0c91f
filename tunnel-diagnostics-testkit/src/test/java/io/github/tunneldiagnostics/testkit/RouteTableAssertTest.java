package io.github.tunneldiagnostics.testkit;

import static io.github.tunneldiagnostics.testkit.TunnelAssertions.assertThatRouteTable;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.tunneldiagnostics.core.TunnelDiagnostics;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RouteTableAssertTest {
  @TempDir Path dir;

  private Path table;

  @BeforeEach
  void writeConfigAndTable() throws Exception {
    Files.writeString(dir.resolve("config.yml"), """
        ingress:
          - hostname: app.example.com
            service: http://127.0.0.1:8080
          - hostname: api.example.com
            service: http://127.0.0.1:8081
          - service: http_status:404
        """);
    table = dir.resolve("routes.yaml");
    Files.writeString(table, """
        config: config.yml
        cases:
          - url: https://app.example.com/
            rule: 0
          - url: https://example.org/
            catchAll: true
        """);
  }

  @Test
  void passesWhenEveryCasePasses() {
    assertThatRouteTable(table).allCasesPass();
  }

  @Test
  void coversEveryRuleNamesTheRulesNoCaseLandsOn() {
    assertThatThrownBy(() -> assertThatRouteTable(table).allCasesPass().coversEveryRule())
        .isInstanceOf(AssertionError.class)
        .hasMessage("%nExpecting the route table %s to cover at least 100%% of the rules of %s, but it covers 2 of 3; no case lands on:%n"
            + "  rule #1 (api.example.com) http://127.0.0.1:8081%n", table, dir.resolve("config.yml"));
  }

  @Test
  void runsAgainstAModelAndSaysWhichCaseFailed() throws Exception {
    // given: the model under test serves app.example.com from rule #1 (another order than the table expects)
    Files.writeString(dir.resolve("other.yml"), """
        ingress:
          - hostname: api.example.com
            service: http://127.0.0.1:8081
          - hostname: app.example.com
            service: http://127.0.0.1:8080
          - service: http_status:404
        """);
    var model = TunnelDiagnostics.forConfig(dir.resolve("other.yml")).load();

    // then
    assertThatThrownBy(() -> TunnelAssertions.assertThat(model).routeTable(table).allCasesPass())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expecting every case of the route table " + table + " to pass, but 1 of 2 failed:")
        .hasMessageContaining("  FAIL  https://app.example.com/\n        -> rule #1 (app.example.com) http://127.0.0.1:8080\n"
            + "        x expected rule #0, got rule #1 (app.example.com)\n          (http://127.0.0.1:8080)\n");
  }
}
