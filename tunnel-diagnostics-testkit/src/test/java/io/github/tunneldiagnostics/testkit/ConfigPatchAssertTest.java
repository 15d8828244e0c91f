package io.github.tunneldiagnostics.testkit;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

import io.github.tunneldiagnostics.api.check.Remedy;
import io.github.tunneldiagnostics.core.fix.ConfigPatch;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigPatchAssertTest {
  static final String YAML = "ingress:\n  - hostname: app.example.com\n    service: http://127.0.0.1:3000\n  - service: http_status:404\n";
  static final Remedy PORT = new Remedy.SetService(0, "http://127.0.0.1:3000", "http://127.0.0.1:3001", "the app listens on 3001");
  static final Remedy STALE = new Remedy.SetService(0, "http://127.0.0.1:9", "http://127.0.0.1:3001", "a value the file no longer holds");

  static ConfigPatch patch(Remedy... remedies) {
    return ConfigPatch.of(YAML.getBytes(StandardCharsets.UTF_8), Path.of("config.yml"), List.of(remedies));
  }

  @Test
  void aPatchThatAppliesItsRemedyPassesEveryAssertionAboutIt() {
    assertThatNoException().isThrownBy(() -> TunnelAssertions.assertThat(patch(PORT)).appliesEveryRemedy().applies(PORT).changesTargetsOfRules(0)
        .hasDiff("""
            --- a/config.yml
            +++ b/config.yml
            @@ -1,4 +1,4 @@
             ingress:
               - hostname: app.example.com
            -    service: http://127.0.0.1:3000
            +    service: http://127.0.0.1:3001
               - service: http_status:404
            """));
  }

  @Test
  void aRefusedRemedyFailsAppliesEveryRemedyNamingTheReason() {
    assertThatNoException().isThrownBy(() -> TunnelAssertions.assertThat(patch(STALE)).changesNothing().changesTargetsOfRules()
        .refuses(STALE, "rule #0's service is http://127.0.0.1:3000 in the file, not http://127.0.0.1:9"));
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> TunnelAssertions.assertThat(patch(STALE)).appliesEveryRemedy())
        .withMessage(String.join("\n",
            "",
            "Expecting the patch to apply every remedy",
            "but",
            "  applied: none",
            "  refused:",
            "    setService: rule #0: service http://127.0.0.1:9 → http://127.0.0.1:3001 — rule #0's service is http://127.0.0.1:3000 in the file, "
                + "not http://127.0.0.1:9",
            "  rules with a new target: []",
            ""));
  }
}
