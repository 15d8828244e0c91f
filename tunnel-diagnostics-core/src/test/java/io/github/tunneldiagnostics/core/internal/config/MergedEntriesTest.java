package io.github.tunneldiagnostics.core.internal.config;

import static io.github.tunneldiagnostics.core.internal.config.DecoderNodes.FILE;
import static io.github.tunneldiagnostics.core.internal.config.DecoderNodes.root;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.tunneldiagnostics.core.internal.config.ConfigDecoder.Dialect;
import io.github.tunneldiagnostics.core.internal.config.ConfigDecoder.Problem;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

class MergedEntriesTest {
  private final ProblemCollector problems = new ProblemCollector(Dialect.YAML, FILE);
  private final MergedEntries entries = new MergedEntries(problems);

  /** The entries of the mapping under the document's last key, as {@code key=value} texts. */
  private List<String> entriesOfLast(String yaml) {
    List<NodeTuple> top = ((MappingNode) root(yaml)).getValue();
    MappingNode mapping = (MappingNode) top.get(top.size() - 1).getValueNode();
    return entries.of(mapping).stream()
        .map(t -> ConfigNodes.keyText(t.getKeyNode()) + "=" + ((ScalarNode) t.getValueNode()).getValue())
        .toList();
  }

  @Test
  void explicitKeysWinOverMergedOnesWhereverTheMergeIsWritten() {
    // when
    List<String> merged = entriesOfLast("base: &base {a: 1, b: 2}\nm:\n  <<: *base\n  b: 3\n");

    // then
    assertThat(merged).containsExactly("b=3", "a=1");
    assertThat(problems.problems()).isEmpty();
  }

  @Test
  void inAListOfMergesTheFirstMappingWithTheKeyWins() {
    // when
    List<String> merged = entriesOfLast("x: &x {a: 1}\ny: &y {a: 2, c: 3}\nm:\n  <<: [*x, *y]\n  d: 4\n");

    // then
    assertThat(merged).containsExactly("d=4", "a=1", "c=3");
  }

  @Test
  void aQuotedMergeKeyIsAnOrdinaryKey() {
    // when
    List<String> merged = entriesOfLast("m:\n  '<<': v\n");

    // then
    assertThat(merged).containsExactly("<<=v");
  }

  @Test
  void aKeyWrittenTwiceIsAProblemWithYamlV3sText() {
    // when
    List<String> merged = entriesOfLast("m:\n  a: 1\n  a: 2\n");

    // then
    assertThat(merged).containsExactly("a=1");
    assertThat(problems.problems()).containsExactly(new Problem(3, 3, "line 3: mapping key \"a\" already defined at line 2",
        "the key a appears twice in the same mapping (first at line 2)", "keep one a: entry and delete the other", "a"));
  }

  @Test
  void aMergeOfAScalarIsAProblemWithYamlV3sText() {
    // when
    List<String> merged = entriesOfLast("m:\n  <<: 5\n  a: 1\n");

    // then
    assertThat(merged).containsExactly("a=1");
    assertThat(problems.problems()).containsExactly(new Problem(2, 7, "line 2: map merge requires map or sequence of maps as the value",
        "a << merge must name a mapping (e.g. <<: *defaults)", "point << at an anchored mapping", "5"));
  }

  @Test
  void aScalarInAListOfMergesIsAProblemAndTheMappingsStillMerge() {
    // when
    List<String> merged = entriesOfLast("x: &x {a: 1}\nm:\n  <<: [*x, 5]\n");

    // then
    assertThat(merged).containsExactly("a=1");
    assertThat(problems.problems()).containsExactly(new Problem(3, 12, "line 3: map merge requires map or sequence of maps as the value",
        "a << merge must name mappings (e.g. <<: *defaults)", "point << at an anchored mapping", "5"));
  }

  @Test
  void aMergeOfTheMappingThatContainsItIsAProblemNotALoop() {
    // when
    List<String> merged = entriesOfLast("m: &loop\n  a: 1\n  <<: *loop\n");

    // then
    assertThat(merged).containsExactly("a=1");
    assertThat(problems.problems()).containsExactly(new Problem(1, 4, "anchor 'loop' value contains itself",
        "a << merge refers to a mapping that contains it, so the merge never ends", "remove the << that points back at its own mapping", ""));
  }
}
