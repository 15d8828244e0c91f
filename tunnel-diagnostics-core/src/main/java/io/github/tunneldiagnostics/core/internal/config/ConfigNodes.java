package io.github.tunneldiagnostics.core.internal.config;

import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/** Where a composed node sits (1-based, as yaml.v3 counts) and how the decoder names a key. */
final class ConfigNodes {
  private ConfigNodes() {}

  /** The node's 1-based line, or 1 when the node carries no position. */
  static int line(Node node) {
    return node.getStartMark().map(m -> m.getLine() + 1).orElse(1);
  }

  /** The node's 1-based column, or 1 when the node carries no position. */
  static int column(Node node) {
    return node.getStartMark().map(m -> m.getColumn() + 1).orElse(1);
  }

  /** True for a scalar yaml.v3 reads as null ({@code ~}, {@code null}, empty …). */
  static boolean isNull(Node node) {
    return node instanceof ScalarNode scalar && YamlScalar.of(scalar).isNull();
  }

  /** A key as messages name it: the scalar's text, or {@code [...]} / {@code {...}} for a list or mapping key. */
  static String keyText(Node key) {
    if (key instanceof ScalarNode scalar) {
      return scalar.getValue();
    }
    return key instanceof SequenceNode ? "[...]" : "{...}";
  }
}
