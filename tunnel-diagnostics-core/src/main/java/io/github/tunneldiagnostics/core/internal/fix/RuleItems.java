package io.github.tunneldiagnostics.core.internal.fix;

import java.util.List;
import java.util.Objects;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Where each rule's lines stand in a block {@code ingress} list: its {@code -}, the comment lines directly
 * above it (they travel with it), and the blank lines after it up to the next item.
 */
final class RuleItems {
  private final YamlText yaml;

  RuleItems(YamlText yaml) {
    this.yaml = yaml;
  }

  /** The offset of the {@code -} that starts rule {@code index} in a block sequence. */
  int dash(int index) throws RemedyEditor.Refused {
    List<Node> rules = yaml.rules();
    int start = yaml.start(rules.get(index));
    int floor = previousEnd(index);
    String text = yaml.text();
    for (int p = start - 1; p >= floor; p--) {
      if (text.charAt(p) == '-' && text.substring(yaml.lineStart(p), p).isBlank()
          && (p + 1 >= text.length() || Character.isWhitespace(text.charAt(p + 1)))) {
        return p;
      }
    }
    throw new RemedyEditor.Refused("the list item of rule #" + index + " could not be found in the text");
  }

  /** Where the item before rule {@code index} (a dropped null item too) ends, or the ingress key's line. */
  @SuppressWarnings("ReferenceEquality") // YAML nodes are compared by identity: the same node of the parsed tree
  int previousEnd(int index) {
    SequenceNode ingress = Objects.requireNonNull(yaml.ingress());
    Node item = yaml.rules().get(index);
    int position = 0;
    while (ingress.getValue().get(position) != item) {
      position++;
    }
    if (position == 0) {
      return yaml.lineStart(yaml.start(ingress));
    }
    return yaml.contentEnd(ingress.getValue().get(position - 1));
  }

  /** The start of rule {@code index}'s lines, with the comment lines directly above its {@code -}. */
  int itemStart(int index) throws RemedyEditor.Refused {
    int start = yaml.lineStart(dash(index));
    int floor = yaml.nextLineStart(previousEnd(index));
    String text = yaml.text();
    while (start > floor) {
      int previous = yaml.lineStart(start - 1);
      String line = text.substring(previous, start).strip();
      if (!line.startsWith("#")) {
        break;
      }
      start = previous;
    }
    return start;
  }

  /** Rule {@code index}'s lines: from its comments and {@code -} to the next item (blank lines kept with it). */
  @SuppressWarnings("ReferenceEquality") // YAML nodes are compared by identity: the same node of the parsed tree
  int[] span(int index) throws RemedyEditor.Refused {
    SequenceNode ingress = Objects.requireNonNull(yaml.ingress());
    Node item = yaml.rules().get(index);
    int position = 0;
    while (ingress.getValue().get(position) != item) {
      position++;
    }
    int start = itemStart(index);
    int end;
    if (position + 1 < ingress.getValue().size()) {
      Node next = ingress.getValue().get(position + 1);
      int nextRule = yaml.rules().indexOf(next);
      end = nextRule >= 0 ? itemStart(nextRule) : yaml.nextLineStart(yaml.contentEnd(item));
    } else {
      end = yaml.nextLineStart(yaml.contentEnd(item));
    }
    return new int[] {start, end};
  }
}
