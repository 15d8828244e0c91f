package io.github.tunneldiagnostics.core.internal.config;

import static io.github.tunneldiagnostics.core.internal.config.ConfigNodes.keyText;
import static io.github.tunneldiagnostics.core.internal.config.ConfigNodes.line;

import java.util.IdentityHashMap;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * A top-level setting (a cloudflared flag written in the config) as one string: the scalar's text, or a
 * flow rendering such as {@code [a, b]} or {@code {k: v}}. At most {@value #RENDER_BUDGET} values are
 * rendered, and a value that contains itself through aliases is refused as a problem.
 */
final class SettingRenderer {
  static final int RENDER_BUDGET = 10_000;

  private final ProblemCollector problems;

  SettingRenderer(ProblemCollector problems) {
    this.problems = problems;
  }

  /** The setting's text, or the empty string after recording a problem when it expands too far. */
  String render(Node node, String key) {
    StringBuilder out = new StringBuilder();
    int[] budget = {RENDER_BUDGET};
    if (!render(node, out, budget, new IdentityHashMap<>())) {
      problems.recordLimit(node, "line " + line(node) + ": " + key + " expands to too many values",
          "the value of " + key + " expands to more than " + RENDER_BUDGET + " values or refers to itself through aliases (*name)",
          "write " + key + " as a plain value");
      return "";
    }
    return out.toString();
  }

  private boolean render(Node node, StringBuilder out, int[] budget, IdentityHashMap<Node, Boolean> path) {
    if (--budget[0] < 0 || path.containsKey(node)) {
      return false;
    }
    problems.visit(node);
    if (node instanceof ScalarNode scalar) {
      out.append(ConfigNodes.isNull(scalar) ? "" : scalar.getValue());
      return true;
    }
    path.put(node, Boolean.TRUE);
    try {
      if (node instanceof SequenceNode sequence) {
        out.append('[');
        String separator = "";
        for (Node item : sequence.getValue()) {
          out.append(separator);
          separator = ", ";
          if (!render(item, out, budget, path)) {
            return false;
          }
        }
        out.append(']');
        return true;
      }
      MappingNode mapping = (MappingNode) node;
      out.append('{');
      String separator = "";
      for (NodeTuple tuple : mapping.getValue()) {
        out.append(separator).append(keyText(tuple.getKeyNode())).append(": ");
        separator = ", ";
        if (!render(tuple.getValueNode(), out, budget, path)) {
          return false;
        }
      }
      out.append('}');
      return true;
    } finally {
      path.remove(node);
    }
  }
}
