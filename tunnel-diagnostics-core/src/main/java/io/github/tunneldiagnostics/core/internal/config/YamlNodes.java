package io.github.tunneldiagnostics.core.internal.config;

import io.github.tunneldiagnostics.core.ConfigException;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * The config reader's YAML node tree for other internal packages (the config patcher edits the text at
 * these nodes' positions): composed with the same limits, and scalars resolved the yaml.v3 way.
 */
public final class YamlNodes {
  private YamlNodes() {}

  /**
   * The first document's root node, or empty for an empty document.
   *
   * @throws ConfigException with a {@code CONFIG_YAML_INVALID} finding when the text is not YAML
   */
  public static Optional<Node> compose(String text, String label) throws ConfigException {
    try {
      return YamlReader.compose(text, label);
    } catch (YamlReader.SyntaxException e) {
      throw ConfigFindings.syntax(label, e);
    }
  }

  /** True for a scalar yaml.v3 reads as null ({@code ~}, {@code null}, empty …); such list items are dropped. */
  public static boolean isNull(Node node) {
    return ConfigNodes.isNull(node);
  }
}
