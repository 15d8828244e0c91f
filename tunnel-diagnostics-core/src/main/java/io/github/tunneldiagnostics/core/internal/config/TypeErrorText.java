package io.github.tunneldiagnostics.core.internal.config;

import static io.github.tunneldiagnostics.core.internal.config.ConfigNodes.line;

import io.github.tunneldiagnostics.api.internal.golang.GoQuote;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * The two texts of a value of the wrong type: yaml.v3's own line, which cloudflared logs, and the words
 * our sentence uses for the value that was found.
 */
final class TypeErrorText {
  private TypeErrorText() {}

  /** yaml.v3's {@code terror}: {@code line N: cannot unmarshal !!int `30` into time.Duration}. */
  static String goLine(Node node, String goType) {
    String tag;
    String value = "";
    if (node instanceof ScalarNode scalar) {
      tag = YamlScalar.of(scalar).tag();
      String text = scalar.getValue();
      value = text.length() > 10 ? " `" + text.substring(0, 7) + "...`" : " `" + text + "`";
    } else {
      tag = node instanceof SequenceNode ? "!!seq" : "!!map";
    }
    return "line " + line(node) + ": cannot unmarshal " + tag + value + " into " + goType;
  }

  /** The value as our messages name it: {@code the integer 30}, {@code the string "x"}, {@code a list} … */
  static String describe(Node node) {
    if (node instanceof SequenceNode) {
      return "a list";
    }
    if (node instanceof MappingNode) {
      return "a mapping";
    }
    ScalarNode scalar = (ScalarNode) node;
    YamlScalar resolved = YamlScalar.of(scalar);
    String text = scalar.getValue().length() > 40 ? scalar.getValue().substring(0, 37) + "..." : scalar.getValue();
    return switch (resolved.tag()) {
      case YamlScalar.INT -> "the integer " + text;
      case YamlScalar.FLOAT -> "the number " + text;
      case YamlScalar.BOOL -> "the boolean " + text;
      case YamlScalar.TIMESTAMP -> "the date " + text;
      case YamlScalar.NULL -> "empty";
      default -> "the string " + GoQuote.quote(text);
    };
  }
}
