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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Rule moves in flow-style ingress lists ({@code ingress: [{…}, {…}]}, on one line or several, with any
 * quoting) and in block lists: the moved rule's text is the only thing that moves (in a block list with the
 * comment lines directly above it and the blank lines after it). Property: taking the moved
 * item (with the separator that stood before it) out of the original and out of the patched text leaves the
 * same text byte for byte, and the patched file reads back with the rules in the planned order, each exactly
 * as before.
 */
class ConfigPatchMovePropertyTest {

  /** A generated config: its text and, per rule, the exact text of its item and the separator before it. */
  record Generated(String text, List<String> items, List<String> separators) {}

  static Stream<Long> seeds() {
    return IntStream.range(0, 30).mapToObj(i -> 104729L * i + 3);
  }

  static Generated flow(Random random) {
    String nl = random.nextBoolean() ? "\n" : "\r\n";
    boolean multiLine = random.nextBoolean();
    String indent = " ".repeat(2 + 2 * random.nextInt(2));
    int rules = 2 + random.nextInt(5);
    List<String> items = new ArrayList<>();
    List<String> separators = new ArrayList<>();
    for (int i = 0; i < rules; i++) {
      String host = "h" + i + ".example.com";
      String service = "http://127.0.0.1:" + (20000 + i);
      String space = random.nextBoolean() ? " " : "";
      String item = random.nextInt(4) == 0
          ? "{hostname: " + quote(host, random) + ", service: " + quote(service, random) + ", originRequest: {connectTimeout: 10s}}"
          : "{" + space + "hostname: " + quote(host, random) + "," + (random.nextBoolean() ? " " : "  ") + "service: " + quote(service, random) + space + "}";
      items.add(item);
      separators.add(i == 0 ? "" : multiLine ? "," + nl + indent : random.nextBoolean() ? ", " : ",");
    }
    items.add("{service: http_status:404}");
    separators.add(multiLine ? "," + nl + indent : ", ");
    StringBuilder text = new StringBuilder("# generated, flow style").append(nl).append("tunnel: t").append(nl).append("ingress: [");
    if (multiLine) {
      text.append(nl).append(indent);
    }
    for (int i = 0; i < items.size(); i++) {
      text.append(separators.get(i)).append(items.get(i));
    }
    text.append(multiLine ? nl + "]" : "]").append("  # the rules").append(nl).append("# end").append(nl);
    return new Generated(text.toString(), items, separators);
  }

  private static String quote(String value, Random random) {
    return switch (random.nextInt(3)) {
      case 0 -> value;
      case 1 -> "\"" + value + "\"";
      default -> "'" + value + "'";
    };
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void aMoveInAFlowListMovesOnlyTheRuleAndItsSeparator(long seed) throws Exception {
    Random random = new Random(seed);
    Generated generated = flow(random);
    int rules = generated.items().size() - 1;
    int rule = 1 + random.nextInt(rules - 1);
    int before = random.nextInt(rule);

    ConfigPatch patch = ConfigPatch.of(generated.text().getBytes(StandardCharsets.UTF_8), Path.of("config.yml"),
        List.of(new Remedy.MoveRule(rule, before, "property")));

    assertThat(patch.refused()).as(generated.text()).isEmpty();
    assertThat(patch.problem()).as(generated.text()).isEmpty();
    String moved = generated.separators().get(rule) + generated.items().get(rule);
    String movedAfter = generated.items().get(rule) + generated.separators().get(rule);
    assertThat(patch.patched()).as("the moved rule stands, with its separator, just before rule #" + before)
        .contains(movedAfter + generated.items().get(before));
    assertThat(patch.patched().replace(movedAfter, "")).as("everything else, byte for byte")
        .isEqualTo(generated.text().replace(moved, ""));
    assertRulesInPlannedOrder(generated.text(), patch.patched(), rule, before);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void aMoveInABlockListMovesOnlyTheRulesLines(long seed) throws Exception {
    Random random = new Random(seed);
    ConfigPatchPropertyTest.Generated generated = ConfigPatchPropertyTest.generate(random);
    int rules = generated.ruleLines().size();
    int rule = 1 + random.nextInt(rules - 1);
    int before = random.nextInt(rule);

    ConfigPatch patch = ConfigPatch.of(generated.text().getBytes(StandardCharsets.UTF_8), Path.of("config.yml"),
        List.of(new Remedy.MoveRule(rule, before, "property")));

    assertThat(patch.refused()).as(generated.text()).isEmpty();
    List<String> original = ConfigPatchFormattingTest.lines(generated.text());
    List<String> patched = ConfigPatchFormattingTest.lines(patch.patched());
    // the unit that moves: the comment lines directly above the rule, its lines, and the blank lines after it
    int first = withCommentsAbove(original, generated.ruleLines().get(rule)[0]);
    int next = rule + 1 < rules ? generated.ruleLines().get(rule + 1)[0] : original.size() - 1;
    int[] lines = {first, withCommentsAbove(original, next) - 1};
    List<String> item = original.subList(lines[0], lines[1] + 1);
    assertThat(patched).as("the rule's lines are all there").containsSubsequence(item);
    List<String> rest = new ArrayList<>(original);
    rest.subList(lines[0], lines[1] + 1).clear();
    List<String> patchedRest = new ArrayList<>(patched);
    int at = java.util.Collections.indexOfSubList(patchedRest, item);
    patchedRest.subList(at, at + item.size()).clear();
    assertThat(patchedRest).as("every other line, byte for byte and in order").isEqualTo(rest);
    assertRulesInPlannedOrder(generated.text(), patch.patched(), rule, before);
  }

  private static int withCommentsAbove(List<String> lines, int line) {
    int start = line;
    while (start - 1 > 1 && lines.get(start - 1).strip().startsWith("#")) { // lines 0 and 1: the header comment and "ingress:"
      start--;
    }
    return start;
  }

  private static void assertRulesInPlannedOrder(String original, String patched, int rule, int before) throws Exception {
    IngressModel was = ConfigLoader.parse(original, Path.of("config.yml"));
    IngressModel now = ConfigLoader.parse(patched, Path.of("config.yml"));
    List<IngressRule> expected = new ArrayList<>(was.rules());
    IngressRule moving = expected.remove(rule);
    expected.add(before, moving);
    assertThat(now.rules()).hasSameSizeAs(expected);
    for (int i = 0; i < expected.size(); i++) {
      assertThat(now.rules().get(i)).as("rule #" + i).usingRecursiveComparison().ignoringFields("location", "index")
          .isEqualTo(expected.get(i));
    }
  }

  @Test
  void aSeparatorThatHoldsACommentIsRefusedWithTheReason() {
    String yaml = "ingress: [\n  {hostname: a.example.com, service: http://127.0.0.1:1},  # the first\n  {hostname: b.example.com, service: http://127.0.0.1:2},\n"
        + "  {service: http_status:404}\n]\n";

    ConfigPatch patch = ConfigPatch.of(yaml.getBytes(StandardCharsets.UTF_8), Path.of("config.yml"), List.of(new Remedy.MoveRule(1, 0, "order")));

    assertThat(patch.changesFile()).isFalse();
    assertThat(patch.refused()).extracting(ConfigPatch.Refusal::reason).containsExactly(
        "the separator before rule #1 in the flow-style ingress list holds more than a comma (,  # the first); move the rule by hand");
  }

  @Test
  void aMovedFlowRuleTakesItsNewServiceAlong() {
    String yaml = "ingress: [{hostname: '*.example.com', service: http://127.0.0.1:1}, {hostname: api.example.com, service: \"http://127.0.0.1:2\"}, "
        + "{service: http_status:404}]  # keep\n";

    ConfigPatch patch = ConfigPatch.of(yaml.getBytes(StandardCharsets.UTF_8), Path.of("config.yml"), List.of(
        new Remedy.MoveRule(1, 0, "order"), new Remedy.SetService(1, "http://127.0.0.1:2", "http://127.0.0.1:3", "port")));

    assertThat(patch.refused()).isEmpty();
    assertThat(patch.patched()).isEqualTo("ingress: [{hostname: api.example.com, service: \"http://127.0.0.1:3\"}, {hostname: '*.example.com', "
        + "service: http://127.0.0.1:1}, {service: http_status:404}]  # keep\n");
  }
}
