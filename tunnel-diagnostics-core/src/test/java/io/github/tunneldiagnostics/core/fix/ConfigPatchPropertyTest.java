package io.github.tunneldiagnostics.core.fix;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tunneldiagnostics.api.check.Remedy;
import io.github.tunneldiagnostics.api.ingress.IngressModel;
import io.github.tunneldiagnostics.api.ingress.IngressRule;
import io.github.tunneldiagnostics.core.internal.config.ConfigLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Property: on generated configs (block and flow rules, three quoting styles, comments, blank lines,
 * indentation 0/2/4, LF or CRLF), one remedy changes only the lines of the rule it is about, and the
 * patched file reads back with every other rule exactly as before and the intended value in place.
 */
class ConfigPatchPropertyTest {

  /** A generated config and where each rule's lines are (0-based, inclusive). */
  record Generated(String text, List<int[]> ruleLines, List<Boolean> flow, List<Boolean> typo) {}

  static Stream<Long> seeds() {
    return IntStream.range(0, 120).mapToObj(i -> 7919L * i + 17);
  }

  static Generated generate(Random random) {
    String nl = random.nextBoolean() ? "\n" : "\r\n";
    String indent = " ".repeat(random.nextInt(3) * 2);
    List<String> lines = new ArrayList<>();
    List<int[]> ruleLines = new ArrayList<>();
    List<Boolean> flow = new ArrayList<>();
    List<Boolean> typo = new ArrayList<>();
    lines.add("# generated config");
    lines.add("ingress:");
    int rules = 2 + random.nextInt(5);
    for (int i = 0; i < rules; i++) {
      if (random.nextInt(3) == 0) {
        lines.add("");
      }
      if (random.nextInt(3) == 0) {
        lines.add(indent + "# rule " + i);
      }
      int start = lines.size();
      String host = "h" + i + ".example.com";
      String service = "http://127.0.0.1:" + (20000 + i);
      boolean isFlow = random.nextInt(4) == 0;
      boolean hasTypo = !isFlow && random.nextBoolean();
      if (isFlow) {
        lines.add(indent + "- {hostname: " + quote(host, random, true) + ", service: " + quote(service, random, true) + "}");
      } else {
        String dash = random.nextBoolean() ? "- " : "-   ";
        String keyIndent = indent + " ".repeat(dash.length());
        lines.add(indent + dash + "hostname: " + quote(host, random, false) + (random.nextBoolean() ? "  # comment " + i : ""));
        lines.add(keyIndent + "service: " + quote(service, random, false));
        if (hasTypo || random.nextBoolean()) {
          int step = 2 + random.nextInt(3);
          lines.add(keyIndent + "originRequest:");
          lines.add(keyIndent + " ".repeat(step) + "connectTimeout: 10s");
          if (hasTypo) {
            lines.add(keyIndent + " ".repeat(step) + "noTlsVerify: false");
          }
        }
      }
      ruleLines.add(new int[] {start, lines.size() - 1});
      flow.add(isFlow);
      typo.add(hasTypo);
    }
    lines.add(indent + "- service: http_status:404");
    return new Generated(String.join(nl, lines) + nl, ruleLines, flow, typo);
  }

  private static String quote(String value, Random random, boolean flow) {
    return switch (random.nextInt(flow ? 2 : 3)) {
      case 0 -> value;
      case 1 -> "\"" + value + "\"";
      default -> "'" + value + "'";
    };
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void aRemedyTouchesOnlyItsRule(long seed) throws Exception {
    Random random = new Random(seed);
    Generated generated = generate(random);
    IngressModel before = ConfigLoader.parse(generated.text(), Path.of("config.yml"));
    int target = random.nextInt(generated.ruleLines().size());
    IngressRule rule = before.rules().get(target);
    Remedy remedy = switch (generated.typo().get(target) ? random.nextInt(3) : random.nextInt(2)) {
      case 0 -> new Remedy.SetService(target, rule.rawService(), "http://[::1]:" + (30000 + target), "property");
      case 1 -> new Remedy.SetOriginRequest(target, "originServerName", null, "name" + target + ".example.com", "property");
      default -> new Remedy.RenameKey(target, "originRequest", "noTlsVerify", "noTLSVerify", "property");
    };

    ConfigPatch patch = ConfigPatch.of(generated.text().getBytes(StandardCharsets.UTF_8), Path.of("config.yml"), List.of(remedy));

    assertThat(patch.refused()).as(generated.text()).isEmpty();
    assertThat(patch.problem()).as(generated.text()).isEmpty();
    List<String> original = ConfigPatchFormattingTest.lines(generated.text());
    List<String> patched = ConfigPatchFormattingTest.lines(patch.patched());
    int[] range = generated.ruleLines().get(target);
    int after = original.size() - range[1] - 1;
    assertThat(patched.subList(0, range[0])).as("lines above rule #" + target).isEqualTo(original.subList(0, range[0]));
    assertThat(patched.subList(patched.size() - after, patched.size())).as("lines below rule #" + target)
        .isEqualTo(original.subList(range[1] + 1, original.size()));
    IngressModel now = ConfigLoader.parse(patch.patched(), Path.of("config.yml"));
    for (int i = 0; i < before.rules().size(); i++) {
      IngressRule was = before.rules().get(i);
      IngressRule is = now.rules().get(i);
      if (i != target) {
        assertThat(is).as("rule #" + i).usingRecursiveComparison().ignoringFields("location").isEqualTo(was);
      }
    }
    IngressRule changed = now.rules().get(target);
    if (remedy instanceof Remedy.SetService set) {
      assertThat(changed.rawService()).isEqualTo(set.newService());
    } else if (remedy instanceof Remedy.SetOriginRequest set) {
      assertThat(changed.overrides().originServerName()).isEqualTo(set.newValue());
    } else {
      assertThat(now.loadFindings()).noneMatch(f -> f.code().equals("CONFIG_UNKNOWN_KEY") && f.ruleIndex().orElse(-1) == target);
    }
    assertThat(changed.hostname()).isEqualTo(rule.hostname());
  }
}
