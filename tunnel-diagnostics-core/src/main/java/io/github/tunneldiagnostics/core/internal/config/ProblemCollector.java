package io.github.tunneldiagnostics.core.internal.config;

import static io.github.tunneldiagnostics.core.internal.config.ConfigNodes.column;
import static io.github.tunneldiagnostics.core.internal.config.ConfigNodes.line;

import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.ingress.SourceLocation;
import io.github.tunneldiagnostics.core.internal.config.ConfigDecoder.Dialect;
import io.github.tunneldiagnostics.core.internal.config.ConfigDecoder.Problem;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * What one decode run has found so far, in file order: the wrong values (yaml.v3 collects them all
 * rather than stopping at the first) and the unknown-key warnings; it also names the file, the dialect,
 * and counts the nodes visited against {@value #VISIT_BUDGET} so aliases cannot multiply the work.
 */
final class ProblemCollector {
  static final int VISIT_BUDGET = 1_000_000;

  private final Dialect dialect;
  private final String file;
  private final List<Problem> problems = new ArrayList<>();
  private final List<Finding> warnings = new ArrayList<>();
  private int visits;

  ProblemCollector(Dialect dialect, String file) {
    this.dialect = dialect;
    this.file = file;
  }

  /** Thrown by {@link #visit} past the budget; {@link #recordBudgetExceeded} turns it into a problem. */
  static final class BudgetExceeded extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient Node node;

    BudgetExceeded(Node node) {
      super(null, null, false, false);
      this.node = node;
    }
  }

  Dialect dialect() {
    return dialect;
  }

  String file() {
    return file;
  }

  /** The wrong values so far, in the order they were found. */
  List<Problem> problems() {
    return problems;
  }

  /** The unknown-key warnings so far, in the order they were found (the list itself, not a copy). */
  List<Finding> warnings() {
    return warnings;
  }

  /** Counts one node read; past {@value #VISIT_BUDGET} the decode stops with {@link BudgetExceeded}. */
  void visit(Node node) {
    if (++visits > VISIT_BUDGET) {
      throw new BudgetExceeded(node);
    }
  }

  /** Records that aliases expanded the config past the visit budget (an alias bomb). */
  void recordBudgetExceeded(BudgetExceeded e) {
    recordLimit(
        e.node,
        "line " + line(e.node) + ": aliases expand to more than " + VISIT_BUDGET + " values",
        "the config expands to more than " + VISIT_BUDGET + " values through aliases (*name); this looks like an alias bomb",
        "remove the repeated aliases; a real cloudflared config never needs them");
  }

  /** A value of the wrong type: {@code <where> is <the value>, but cloudflared expects <expectation>}. */
  void typeError(Node node, String goType, String where, String expectation, String remediation) {
    recordTypeError(node, goType, where + " is " + TypeErrorText.describe(node) + ", but cloudflared expects " + expectation, remediation);
  }

  /** A value of the wrong type with our own sentence, and yaml.v3's line for {@code goType}. */
  void recordTypeError(Node node, String goType, String message, String remediation) {
    recordProblem(node, message, remediation, TypeErrorText.goLine(node, goType));
  }

  /** A wrong value at {@code node}; a scalar's text becomes the problem's value. */
  void recordProblem(Node node, String message, String remediation, String goLine) {
    String value = node instanceof ScalarNode s ? s.getValue() : "";
    problems.add(new Problem(line(node), column(node), goLine, message, remediation, value));
  }

  /** A value past one of our limits (no value is quoted: it is too large to). */
  void recordLimit(Node node, String goLine, String message, String remediation) {
    problems.add(new Problem(line(node), column(node), goLine, message, remediation, ""));
  }

  void warn(Finding warning) {
    warnings.add(warning);
  }

  /** {@code file:line:column} of the node, the subject of its findings. */
  String subject(Node node) {
    return file + ":" + line(node) + ":" + column(node);
  }

  /** Where a person edits the node; none for the JSON dialect (a connector's /config body is no file). */
  @Nullable SourceLocation location(Node node) {
    if (dialect == Dialect.JSON) {
      return null;
    }
    return node.getStartMark().map(m -> new SourceLocation(file, m.getLine() + 1, m.getColumn() + 1)).orElse(null);
  }
}
