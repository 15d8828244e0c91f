package io.github.tunneldiagnostics.core.internal.fix;

import io.github.tunneldiagnostics.core.ConfigException;
import io.github.tunneldiagnostics.core.internal.config.YamlNodes;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * A config's text with its composed YAML nodes: where each node stands in the text (as char offsets),
 * which nodes are shared through aliases, the file's line separator and indentation step, and how a
 * new scalar is written. The text is never re-serialised; edits are made at these positions.
 */
final class YamlText {
  private static final Pattern PLAIN_BLOCK = Pattern.compile("[A-Za-z0-9_./][A-Za-z0-9_.:/\\[\\]@%+=~-]*");
  private static final Pattern PLAIN_FLOW = Pattern.compile("[A-Za-z0-9_./][A-Za-z0-9_.:/@%+=~-]*");

  private final String text;
  private final @Nullable MappingNode root;
  private final int[] charOffsets; // code point index -> char offset, or empty when the text is all BMP
  private final IdentityHashMap<Node, Integer> references = new IdentityHashMap<>();
  private final String newline;

  private YamlText(String text, @Nullable MappingNode root) {
    this.text = text;
    this.root = root;
    this.charOffsets = text.codePointCount(0, text.length()) == text.length() ? new int[0] : codePointOffsets(text);
    this.newline = text.contains("\r\n") ? "\r\n" : "\n";
    if (root != null) {
      count(root);
    }
  }

  static YamlText parse(String text, String label) throws ConfigException {
    Optional<Node> node = YamlNodes.compose(text, label);
    return new YamlText(text, node.orElse(null) instanceof MappingNode mapping ? mapping : null);
  }

  String text() {
    return text;
  }

  String newline() {
    return newline;
  }

  @Nullable MappingNode root() {
    return root;
  }

  private static int[] codePointOffsets(String text) {
    int[] offsets = new int[text.codePointCount(0, text.length()) + 1];
    int index = 0;
    for (int i = 0; i < text.length(); i = text.offsetByCodePoints(i, 1)) {
      offsets[index++] = i;
    }
    offsets[index] = text.length();
    return offsets;
  }

  private void count(Node node) {
    Integer seen = references.merge(node, 1, Integer::sum);
    if (seen > 1) {
      return; // an alias: its children were counted at the anchor
    }
    if (node instanceof MappingNode mapping) {
      for (NodeTuple tuple : mapping.getValue()) {
        count(tuple.getKeyNode());
        count(tuple.getValueNode());
      }
    } else if (node instanceof SequenceNode sequence) {
      sequence.getValue().forEach(this::count);
    }
  }

  /** True when the node is reached more than once (an anchor with aliases) or carries an anchor. */
  boolean shared(Node node) {
    return references.getOrDefault(node, 0) > 1 || node.getAnchor().isPresent();
  }

  int start(Node node) {
    return offset(node.getStartMark().orElseThrow());
  }

  int end(Node node) {
    return offset(node.getEndMark().orElseThrow());
  }

  private int offset(Mark mark) {
    int index = mark.getIndex();
    return charOffsets.length == 0 ? index : charOffsets[index];
  }

  /** 0-based column of a char offset. */
  int column(int offset) {
    return offset - lineStart(offset);
  }

  int lineStart(int offset) {
    int newlineAt = text.lastIndexOf('\n', offset - 1);
    return newlineAt + 1;
  }

  /** The offset just past the line holding {@code offset} (after its line break), or the text's end. */
  int nextLineStart(int offset) {
    if (offset > 0 && offset <= text.length() && text.charAt(offset - 1) == '\n') {
      return offset; // already at a line start
    }
    int newlineAt = text.indexOf('\n', offset);
    return newlineAt < 0 ? text.length() : newlineAt + 1;
  }

  /** 1-based line number of an offset. */
  int lineNumber(int offset) {
    int line = 1;
    for (int i = 0; i < offset && i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }

  /**
   * Where the node's own content ends: a block collection's end mark lies at the next token (past any
   * comments that follow), so its content ends where its last value does.
   */
  int contentEnd(Node node) {
    if (node instanceof MappingNode mapping && mapping.getFlowStyle() == FlowStyle.BLOCK && !mapping.getValue().isEmpty()) {
      NodeTuple last = mapping.getValue().get(mapping.getValue().size() - 1);
      return Math.max(contentEnd(last.getKeyNode()), contentEnd(last.getValueNode()));
    }
    if (node instanceof SequenceNode sequence && sequence.getFlowStyle() == FlowStyle.BLOCK && !sequence.getValue().isEmpty()) {
      return contentEnd(sequence.getValue().get(sequence.getValue().size() - 1));
    }
    int end = end(node);
    if (node instanceof ScalarNode scalar && (scalar.getScalarStyle() == ScalarStyle.LITERAL || scalar.getScalarStyle() == ScalarStyle.FOLDED)) {
      // a block scalar's end mark includes its trailing line breaks: stop at the last content line
      while (end > 0 && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
        end--;
      }
    }
    return end;
  }

  /** The tuple of {@code key} in a mapping, when present (the last one, as a later duplicate wins). */
  static @Nullable NodeTuple entry(MappingNode mapping, String key) {
    NodeTuple found = null;
    for (NodeTuple tuple : mapping.getValue()) {
      if (tuple.getKeyNode() instanceof ScalarNode scalar && scalar.getValue().equals(key)) {
        found = tuple;
      }
    }
    return found;
  }

  /** The ingress sequence, when the root is a mapping with one. */
  @Nullable SequenceNode ingress() {
    if (root == null) {
      return null;
    }
    NodeTuple tuple = entry(root, "ingress");
    return tuple != null && tuple.getValueNode() instanceof SequenceNode sequence ? sequence : null;
  }

  /** The ingress items cloudflared numbers: null items are dropped, as yaml.v3 drops them. */
  List<Node> rules() {
    SequenceNode ingress = ingress();
    List<Node> rules = new ArrayList<>();
    if (ingress != null) {
      for (Node item : ingress.getValue()) {
        if (!YamlNodes.isNull(item)) {
          rules.add(item);
        }
      }
    }
    return rules;
  }

  /**
   * The indentation step the file uses for nested block mappings (the first one found), 2 when none.
   */
  int indentStep() {
    if (root == null) {
      return 2;
    }
    int found = step(root);
    return found > 0 ? found : 2;
  }

  private int step(MappingNode mapping) {
    for (NodeTuple tuple : mapping.getValue()) {
      if (tuple.getValueNode() instanceof MappingNode child && child.getFlowStyle() == FlowStyle.BLOCK && !child.getValue().isEmpty()
          && !shared(child)) {
        int parent = column(start(tuple.getKeyNode()));
        int nested = column(start(child.getValue().get(0).getKeyNode()));
        if (nested > parent) {
          return nested - parent;
        }
      }
    }
    for (NodeTuple tuple : mapping.getValue()) {
      Node value = tuple.getValueNode();
      if (value instanceof MappingNode child && !shared(child)) {
        int found = step(child);
        if (found > 0) {
          return found;
        }
      } else if (value instanceof SequenceNode sequence && !shared(sequence)) {
        for (Node item : sequence.getValue()) {
          if (item instanceof MappingNode child) {
            int found = step(child);
            if (found > 0) {
              return found;
            }
          }
        }
      }
    }
    return 0;
  }

  /** A new scalar written in the given context: plain when that reads back as the same string, else double-quoted. */
  static String scalar(String value, boolean flow) {
    return (flow ? PLAIN_FLOW : PLAIN_BLOCK).matcher(value).matches() && !value.contains(": ") && !value.contains(" #")
        ? value
        : doubleQuoted(value);
  }

  /** A replacement for an existing scalar, in the same quoting style when it was quoted. */
  static String scalarLike(ScalarNode existing, String value, boolean flow) {
    return switch (existing.getScalarStyle()) {
      case DOUBLE_QUOTED -> doubleQuoted(value);
      case SINGLE_QUOTED -> "'" + value.replace("'", "''") + "'";
      default -> scalar(value, flow);
    };
  }

  static String doubleQuoted(String value) {
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\x%02x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
