package io.github.tunneldiagnostics.core.internal.config;

import static io.github.tunneldiagnostics.core.internal.config.DecoderNodes.FILE;
import static io.github.tunneldiagnostics.core.internal.config.DecoderNodes.root;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.check.FindingCode;
import io.github.tunneldiagnostics.core.internal.config.ConfigDecoder.Dialect;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;

class UnknownKeyWarningsTest {

  private static Node firstKey(String yaml) {
    return ((MappingNode) root(yaml)).getValue().get(0).getKeyNode();
  }

  @Test
  void theRemovedWarpRoutingEnabledKeyIsExplained() {
    // given
    ProblemCollector problems = new ProblemCollector(Dialect.YAML, FILE);

    // when
    new UnknownKeyWarnings(problems).inWarpRouting(firstKey("enabled: true"), "enabled");

    // then
    Finding warning = problems.warnings().get(0);
    assertThat(problems.warnings()).hasSize(1);
    assertThat(warning.code()).isEqualTo(FindingCode.CONFIG_UNKNOWN_KEY);
    assertThat(warning.subject()).isEqualTo(FILE + ":1:1");
    assertThat(warning.message()).isEqualTo("cloudflared ignores warp-routing enabled at " + FILE
        + " line 1: the key was removed in cloudflared 2023.10.0 (WARP routing is now turned on in the dashboard)");
    assertThat(warning.remediation())
        .isEqualTo("remove warp-routing enabled; turn WARP routing on for the tunnel in the Cloudflare dashboard");
    assertThat(warning.evidence()).isEqualTo(Map.of("source", "config", "key", "enabled", "line", "1", "column", "1",
        "cloudflaredMessage", "yaml: unmarshal errors:\n  line 1: field enabled not found in type config.WarpRoutingConfig"));
  }

  @Test
  void aTopLevelKeyWithNoCloseMatchListsTheSections() {
    // given
    ProblemCollector problems = new ProblemCollector(Dialect.YAML, FILE);

    // when
    new UnknownKeyWarnings(problems).atTopLevel(firstKey("frobnicate: 1"), "frobnicate");

    // then
    Finding warning = problems.warnings().get(0);
    assertThat(problems.warnings()).hasSize(1);
    assertThat(warning.message()).isEqualTo("the top-level key frobnicate at " + FILE
        + " line 1 is neither a config section nor a cloudflared flag, so cloudflared silently ignores it.");
    assertThat(warning.remediation()).isEqualTo("remove frobnicate, or use one of tunnel, ingress, originRequest, warp-routing"
        + " or a cloudflared flag name such as credentials-file");
    assertThat(warning.evidence()).isEqualTo(Map.of("source", "config", "key", "frobnicate", "line", "1", "column", "1"));
  }

  @Test
  void knownFlagsAndTheJsonDialectGetNoWarning() {
    // given
    ProblemCollector yaml = new ProblemCollector(Dialect.YAML, FILE);
    ProblemCollector json = new ProblemCollector(Dialect.JSON, "127.0.0.1:20241/config");
    Node key = firstKey("frobnicate: 1");

    // when
    new UnknownKeyWarnings(yaml).atTopLevel(firstKey("loglevel: debug"), "loglevel");
    new UnknownKeyWarnings(json).atTopLevel(key, "frobnicate");
    new UnknownKeyWarnings(json).inWarpRouting(key, "enabled");
    new UnknownKeyWarnings(json).inSection(key, "frobnicate", "rule #0", "config.UnvalidatedIngressRule", KnownKeys.RULE, 0);

    // then
    assertThat(yaml.warnings()).isEmpty();
    assertThat(json.warnings()).isEmpty();
  }
}
