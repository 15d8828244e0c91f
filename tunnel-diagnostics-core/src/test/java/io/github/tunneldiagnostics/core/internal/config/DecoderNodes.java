package io.github.tunneldiagnostics.core.internal.config;

import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;

/** Composes test YAML with the config reader, for the decoder parts' unit tests. */
final class DecoderNodes {
  static final String FILE = "/t/config.yml";

  private DecoderNodes() {}

  static Node root(String yaml) {
    try {
      return YamlReader.compose(yaml, FILE).orElseThrow();
    } catch (YamlReader.SyntaxException e) {
      throw new AssertionError(e.getMessage(), e);
    }
  }

  /** The value of the first key of a one-line mapping such as {@code key: value}. */
  static Node value(String yaml) {
    return ((MappingNode) root(yaml)).getValue().get(0).getValueNode();
  }
}
