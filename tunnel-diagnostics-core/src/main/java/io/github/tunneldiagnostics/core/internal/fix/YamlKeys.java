package io.github.tunneldiagnostics.core.internal.fix;

import io.github.tunneldiagnostics.api.check.Remedy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/** Finds keys and values in a config's node tree by what the loader reported: a line and column, or a kind of value. */
final class YamlKeys {
  /** A key found: rule index ({@link Remedy#TOP_LEVEL} outside ingress), the dotted path of its mapping, the key. */
  record KeyAt(int rule, String parentPath, String key) {}

  /** A bare number where cloudflared wants a duration string. */
  record BareDuration(int rule, String field, String value) {}

  static final Set<String> DURATION_FIELDS = Set.of("connectTimeout", "tlsTimeout", "tcpKeepAlive", "keepAliveTimeout");
  private static final Pattern NUMBER = Pattern.compile("[-+]?[0-9]+(\\.[0-9]*)?");

  private final YamlText yaml;

  YamlKeys(YamlText yaml) {
    this.yaml = yaml;
  }

  /** The key whose node starts at 1-based {@code line} and {@code column}. */
  Optional<KeyAt> keyAt(int line, int column) {
    MappingNode root = yaml.root();
    if (root == null) {
      return Optional.empty();
    }
    List<Node> rules = yaml.rules();
    for (int i = 0; i < rules.size(); i++) {
      if (rules.get(i) instanceof MappingNode rule) {
        KeyAt found = search(rule, i, "", line, column);
        if (found != null) {
          return Optional.of(found);
        }
      }
    }
    NodeTuple originRequest = YamlText.entry(root, "originRequest");
    if (originRequest != null && originRequest.getValueNode() instanceof MappingNode mapping) {
      KeyAt found = search(mapping, Remedy.TOP_LEVEL, "originRequest", line, column);
      if (found != null) {
        return Optional.of(found);
      }
    }
    return Optional.empty();
  }

  private @Nullable KeyAt search(MappingNode mapping, int rule, String path, int line, int column) {
    for (NodeTuple tuple : mapping.getValue()) {
      if (tuple.getKeyNode() instanceof ScalarNode key && at(key, line, column)) {
        return new KeyAt(rule, path, key.getValue());
      }
      if (tuple.getValueNode() instanceof MappingNode child && tuple.getKeyNode() instanceof ScalarNode key && !yaml.shared(child)) {
        KeyAt found = search(child, rule, path.isEmpty() ? key.getValue() : path + "." + key.getValue(), line, column);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  private static boolean at(Node node, int line, int column) {
    return node.getStartMark().map(m -> m.getLine() + 1 == line && m.getColumn() + 1 == column).orElse(false);
  }

  /** Every duration field of a rule's or the top-level originRequest written as a bare number. */
  List<BareDuration> bareDurations() {
    List<BareDuration> found = new ArrayList<>();
    MappingNode root = yaml.root();
    if (root == null) {
      return found;
    }
    collect(root, Remedy.TOP_LEVEL, found);
    List<Node> rules = yaml.rules();
    for (int i = 0; i < rules.size(); i++) {
      if (rules.get(i) instanceof MappingNode rule) {
        collect(rule, i, found);
      }
    }
    return found;
  }

  private void collect(MappingNode owner, int rule, List<BareDuration> into) {
    NodeTuple originRequest = YamlText.entry(owner, "originRequest");
    if (originRequest == null || !(originRequest.getValueNode() instanceof MappingNode fields) || yaml.shared(fields)) {
      return;
    }
    for (NodeTuple tuple : fields.getValue()) {
      if (tuple.getKeyNode() instanceof ScalarNode key && DURATION_FIELDS.contains(key.getValue())
          && tuple.getValueNode() instanceof ScalarNode value
          && NUMBER.matcher(value.getValue()).matches()) {
        into.add(new BareDuration(rule, key.getValue(), value.getValue()));
      }
    }
  }
}
