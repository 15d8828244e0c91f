package io.github.tunneldiagnostics.core.internal.config;

import static io.github.tunneldiagnostics.core.internal.config.DecoderNodes.FILE;
import static io.github.tunneldiagnostics.core.internal.config.DecoderNodes.value;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.tunneldiagnostics.core.internal.config.ConfigDecoder.Dialect;
import io.github.tunneldiagnostics.core.internal.config.ConfigDecoder.Problem;
import org.junit.jupiter.api.Test;

class SettingRendererTest {
  private final ProblemCollector problems = new ProblemCollector(Dialect.YAML, FILE);
  private final SettingRenderer renderer = new SettingRenderer(problems);

  @Test
  void rendersAScalarAsItsTextAndANullAsNothing() {
    // when / then
    assertThat(renderer.render(value("loglevel: 'debug'"), "loglevel")).isEqualTo("debug");
    assertThat(renderer.render(value("loglevel: ~"), "loglevel")).isEmpty();
    assertThat(problems.problems()).isEmpty();
  }

  @Test
  void rendersListsAndMappingsInFlowStyle() {
    // when
    String text = renderer.render(value("edge: {a: [1, ~, b], c: {d: e}}"), "edge");

    // then
    assertThat(text).isEqualTo("{a: [1, , b], c: {d: e}}");
    assertThat(problems.problems()).isEmpty();
  }

  @Test
  void rendersUpToTheBudgetOfValues() {
    // given: the list and 9,999 items
    String yaml = "edge: [x" + ", x".repeat(SettingRenderer.RENDER_BUDGET - 2) + "]";

    // when
    String text = renderer.render(value(yaml), "edge");

    // then
    assertThat(text).isEqualTo("[" + "x, ".repeat(9_998) + "x]");
    assertThat(problems.problems()).isEmpty();
  }

  @Test
  void refusesAValuePastTheBudget() {
    // given: the list and 10,000 items
    String yaml = "edge: [x" + ", x".repeat(SettingRenderer.RENDER_BUDGET - 1) + "]";

    // when
    String text = renderer.render(value(yaml), "edge");

    // then
    assertThat(text).isEmpty();
    assertThat(problems.problems()).containsExactly(new Problem(1, 7, "line 1: edge expands to too many values",
        "the value of edge expands to more than 10000 values or refers to itself through aliases (*name)", "write edge as a plain value", ""));
  }

  @Test
  void refusesAValueThatContainsItself() {
    // when
    String text = renderer.render(value("\nloop: &a [x, {y: *a}]"), "loop");

    // then
    assertThat(text).isEmpty();
    assertThat(problems.problems()).containsExactly(new Problem(2, 7, "line 2: loop expands to too many values",
        "the value of loop expands to more than 10000 values or refers to itself through aliases (*name)", "write loop as a plain value", ""));
  }
}
