package io.github.tunneldiagnostics.core.internal.config;

import static io.github.tunneldiagnostics.core.internal.config.ConfigNodes.keyText;
import static io.github.tunneldiagnostics.core.internal.config.ConfigNodes.line;

import io.github.tunneldiagnostics.api.internal.golang.GoQuote;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * A mapping's entries as yaml.v3 decodes them into a struct: {@code <<} merges applied (a plain
 * {@code <<} key naming a mapping or a list of mappings; explicit keys win, then the first merge that
 * has the key), and a key written twice reported with yaml.v3's text.
 */
final class MergedEntries {
  private final ProblemCollector problems;

  MergedEntries(ProblemCollector problems) {
    this.problems = problems;
  }

  /** The mapping's entries with {@code <<} merges applied (explicit keys win) and duplicates reported. */
  List<NodeTuple> of(MappingNode mapping) {
    return of(mapping, new IdentityHashMap<>());
  }

  private List<NodeTuple> of(MappingNode mapping, IdentityHashMap<Node, Boolean> merging) {
    problems.visit(mapping);
    merging.put(mapping, Boolean.TRUE);
    List<NodeTuple> result = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    List<Node> merges = new ArrayList<>();
    for (NodeTuple tuple : mapping.getValue()) {
      Node keyNode = tuple.getKeyNode();
      if (keyNode instanceof ScalarNode scalar && scalar.getScalarStyle() == ScalarStyle.PLAIN && scalar.getValue().equals("<<")) {
        merges.add(tuple.getValueNode());
        continue;
      }
      String key = keyText(keyNode);
      Integer earlier = seen.putIfAbsent(key, line(keyNode));
      if (earlier != null) {
        problems.recordProblem(keyNode,
            "the key " + key + " appears twice in the same mapping (first at line " + earlier + ")",
            "keep one " + key + ": entry and delete the other", "line " + line(keyNode) + ": mapping key " + GoQuote.quote(key) + " already defined at line " + earlier);
        continue;
      }
      result.add(tuple);
    }
    for (Node merge : merges) {
      for (MappingNode source : sources(merge)) {
        if (merging.containsKey(source)) {
          problems.recordProblem(source, "a << merge refers to a mapping that contains it, so the merge never ends",
              "remove the << that points back at its own mapping",
              "anchor '" + source.getAnchor().map(Object::toString).orElse("") + "' value contains itself");
          continue;
        }
        for (NodeTuple tuple : of(source, merging)) {
          String key = keyText(tuple.getKeyNode());
          if (seen.putIfAbsent(key, line(tuple.getKeyNode())) == null) {
            result.add(tuple);
          }
        }
      }
    }
    merging.remove(mapping);
    return result;
  }

  /** The mappings a {@code <<} value names; anything else is reported with yaml.v3's text. */
  private List<MappingNode> sources(Node merge) {
    List<MappingNode> sources = new ArrayList<>();
    if (merge instanceof MappingNode m) {
      sources.add(m);
    } else if (merge instanceof SequenceNode s) {
      for (Node item : s.getValue()) {
        if (item instanceof MappingNode m) {
          sources.add(m);
        } else {
          problems.recordProblem(item, "a << merge must name mappings (e.g. <<: *defaults)", "point << at an anchored mapping",
              "line " + line(item) + ": map merge requires map or sequence of maps as the value");
        }
      }
    } else {
      problems.recordProblem(merge, "a << merge must name a mapping (e.g. <<: *defaults)", "point << at an anchored mapping",
          "line " + line(merge) + ": map merge requires map or sequence of maps as the value");
    }
    return sources;
  }
}
