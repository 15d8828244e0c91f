package io.github.tunneldiagnostics.core.internal.config;

import static io.github.tunneldiagnostics.core.internal.config.DecoderNodes.FILE;
import static io.github.tunneldiagnostics.core.internal.config.DecoderNodes.root;
import static io.github.tunneldiagnostics.core.internal.config.DecoderNodes.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.tunneldiagnostics.api.ingress.SourceLocation;
import io.github.tunneldiagnostics.core.internal.config.ConfigDecoder.DecodeException;
import io.github.tunneldiagnostics.core.internal.config.ConfigDecoder.Dialect;
import io.github.tunneldiagnostics.core.internal.config.ConfigDecoder.Problem;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.nodes.Node;

class ProblemCollectorTest {
  private final ProblemCollector yaml = new ProblemCollector(Dialect.YAML, FILE);

  @Test
  void aTypeErrorCarriesOurSentenceYamlV3sLineAndTheScalarsText() {
    // given
    Node node = value("\nproxyPort: -80\n");

    // when
    yaml.typeError(node, "uint", "originRequest.proxyPort", "a whole number of 0 or more", "write a plain number");

    // then
    assertThat(yaml.problems()).containsExactly(new Problem(2, 12, "line 2: cannot unmarshal !!int `-80` into uint",
        "originRequest.proxyPort is the integer -80, but cloudflared expects a whole number of 0 or more", "write a plain number", "-80"));
  }

  @Test
  void aProblemAtAListOrMappingQuotesNoValue() {
    // when
    yaml.recordProblem(value("tunnel: [a]"), "the message", "the fix", "the go line");

    // then
    assertThat(yaml.problems()).containsExactly(new Problem(1, 9, "the go line", "the message", "the fix", ""));
  }

  @Test
  void theVisitBudgetStopsTheDecodeAtTheNodePastIt() {
    // given
    Node node = value("v: x");
    for (int i = 0; i < ProblemCollector.VISIT_BUDGET; i++) {
      yaml.visit(node);
    }

    // when
    ProblemCollector.BudgetExceeded e = catchThrowableOfType(ProblemCollector.BudgetExceeded.class, () -> yaml.visit(node));
    yaml.recordBudgetExceeded(e);

    // then
    assertThat(e.node).isSameAs(node);
    assertThat(yaml.problems()).containsExactly(new Problem(1, 4, "line 1: aliases expand to more than 1000000 values",
        "the config expands to more than 1000000 values through aliases (*name); this looks like an alias bomb",
        "remove the repeated aliases; a real cloudflared config never needs them", ""));
  }

  @Test
  void aliasesThatExpandPastTheBudgetRefuseTheConfig() {
    // given: 50 ip rules share one list of 25,000 ports, each an alias of the same scalar: 1.25 million values
    StringBuilder text = new StringBuilder("originRequest:\n  ipRules:\n    - prefix: &o 1\n      ports: &p [*o");
    text.append(", *o".repeat(24_999)).append("]\n");
    text.append("    - {prefix: x, ports: *p}\n".repeat(49));

    // when
    DecodeException e = catchThrowableOfType(DecodeException.class,
        () -> ConfigDecoder.decode(Optional.of(root(text.toString())), Dialect.YAML, FILE));

    // then
    assertThat(e.problems()).containsExactly(new Problem(3, 15, "line 3: aliases expand to more than 1000000 values",
        "the config expands to more than 1000000 values through aliases (*name); this looks like an alias bomb",
        "remove the repeated aliases; a real cloudflared config never needs them", ""));
  }

  @Test
  void subjectAndLocationNameTheFileLineAndColumn() {
    // given
    Node node = value("\ningress:\n  - service: x\n");

    // when / then
    assertThat(yaml.subject(node)).isEqualTo(FILE + ":3:3");
    assertThat(yaml.location(node)).isEqualTo(new SourceLocation(FILE, 3, 3));
    assertThat(new ProblemCollector(Dialect.JSON, "127.0.0.1:20241/config").location(node)).isNull();
  }
}
