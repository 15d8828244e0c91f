package io.github.tunneldiagnostics.core.internal.fix;

import io.github.tunneldiagnostics.api.check.Remedy;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Turns one {@link Remedy} into text edits at the positions of the nodes it changes, or says why it
 * cannot: the node is absent, no longer holds the value the finding saw, or is shared through an alias (an
 * edit there would change every rule that uses the anchor).
 */
final class RemedyEditor {
  /** The edits of one remedy. */
  record Edits(List<TextEdits.Replace> replaces, List<TextEdits.Move> moves) {}

  /** Why a remedy cannot be turned into edits. */
  static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;

    Refused(String reason) {
      super(reason, null, false, false);
    }
  }

  private final YamlText yaml;
  private final String nl;

  private final RuleItems items;

  RemedyEditor(YamlText yaml) {
    this.yaml = yaml;
    this.nl = yaml.newline();
    this.items = new RuleItems(yaml);
  }

  Edits edits(Remedy remedy, int owner) throws Refused {
    if (remedy instanceof Remedy.SetService set) {
      return setService(set, owner);
    } else if (remedy instanceof Remedy.SetOriginRequest set) {
      return setOriginRequest(set, owner);
    } else if (remedy instanceof Remedy.MoveRule move) {
      return moveRule(move, owner);
    } else if (remedy instanceof Remedy.AddRule add) {
      return addRule(add, owner);
    } else if (remedy instanceof Remedy.RenameKey rename) {
      return renameKey(rename, owner);
    }
    throw new Refused("it is not a config change: " + remedy.describe());
  }

  // ------------------------------------------------------------------------------------------ targets

  private MappingNode rule(int index) throws Refused {
    if (yaml.ingress() == null) {
      throw new Refused("the file has no ingress list");
    }
    List<Node> rules = yaml.rules();
    if (index >= rules.size()) {
      throw new Refused("the file has no rule #" + index + " (it has " + rules.size() + ")");
    }
    Node node = rules.get(index);
    if (!(node instanceof MappingNode mapping)) {
      throw new Refused("rule #" + index + " is not a mapping");
    }
    if (yaml.shared(mapping)) {
      throw new Refused("rule #" + index + " is an anchored or aliased mapping; editing it would change every use of the anchor");
    }
    return mapping;
  }

  private MappingNode target(int rule) throws Refused {
    if (rule == Remedy.TOP_LEVEL) {
      MappingNode root = yaml.root();
      if (root == null) {
        throw new Refused("the file is not a YAML mapping");
      }
      return root;
    }
    return rule(rule);
  }

  @SuppressWarnings("ReferenceEquality") // YAML nodes are compared by identity: the same node of the parsed tree
  private boolean flow(MappingNode mapping) {
    SequenceNode ingress = yaml.ingress();
    return mapping.getFlowStyle() == FlowStyle.FLOW
        || (ingress != null && ingress.getFlowStyle() == FlowStyle.FLOW && ingress.getValue().stream().anyMatch(n -> n == mapping));
  }

  private ScalarNode scalarValue(NodeTuple tuple, String what) throws Refused {
    if (!(tuple.getValueNode() instanceof ScalarNode scalar)) {
      throw new Refused(what + " is not a single value");
    }
    if (yaml.shared(scalar)) {
      throw new Refused(what + " is an anchored or aliased value; editing it would change every use of the anchor");
    }
    return scalar;
  }

  // ------------------------------------------------------------------------------------------ remedies

  private Edits setService(Remedy.SetService set, int owner) throws Refused {
    MappingNode rule = rule(set.rule());
    NodeTuple service = YamlText.entry(rule, "service");
    if (service == null) {
      throw new Refused("rule #" + set.rule() + " has no service key");
    }
    ScalarNode value = scalarValue(service, "rule #" + set.rule() + "'s service");
    if (!value.getValue().equals(set.oldService())) {
      throw new Refused("rule #" + set.rule() + "'s service is " + value.getValue() + " in the file, not " + set.oldService());
    }
    return replace(value, YamlText.scalarLike(value, set.newService(), flow(rule)), owner);
  }

  private Edits setOriginRequest(Remedy.SetOriginRequest set, int owner) throws Refused {
    MappingNode target = target(set.rule());
    String where = set.rule() == Remedy.TOP_LEVEL ? "the top-level originRequest" : "rule #" + set.rule() + "'s originRequest";
    NodeTuple originRequest = YamlText.entry(target, "originRequest");
    boolean flow = flow(target);
    if (originRequest == null) {
      if (set.oldValue() != null) {
        throw new Refused(where + " does not set " + set.field() + ", but the finding saw " + set.oldValue());
      }
      String value = YamlText.scalar(set.newValue(), flow || target.getFlowStyle() == FlowStyle.FLOW);
      if (flow) {
        return insertFlow(target, "originRequest: {" + set.field() + ": " + YamlText.scalar(set.newValue(), true) + "}", owner);
      }
      int column = keyColumn(target);
      String indent = " ".repeat(column);
      String text = indent + "originRequest:" + nl + " ".repeat(column + yaml.indentStep()) + set.field() + ": " + value + nl;
      return insertBlock(target, text, owner);
    }
    if (!(originRequest.getValueNode() instanceof MappingNode fields)) {
      throw new Refused(where + " is not a mapping");
    }
    if (yaml.shared(fields)) {
      throw new Refused(where + " is an anchored or aliased mapping shared with other rules; editing it would change them too");
    }
    NodeTuple field = YamlText.entry(fields, set.field());
    boolean fieldsFlow = flow || fields.getFlowStyle() == FlowStyle.FLOW;
    if (field == null) {
      if (set.oldValue() != null) {
        throw new Refused(where + " does not set " + set.field() + ", but the finding saw " + set.oldValue());
      }
      if (fieldsFlow) {
        return insertFlow(fields, set.field() + ": " + YamlText.scalar(set.newValue(), true), owner);
      }
      String text = " ".repeat(keyColumn(fields)) + set.field() + ": " + YamlText.scalar(set.newValue(), false) + nl;
      return insertBlock(fields, text, owner);
    }
    ScalarNode value = scalarValue(field, where + "." + set.field());
    if (set.oldValue() != null && !value.getValue().equals(set.oldValue())) {
      throw new Refused(where + "." + set.field() + " is " + value.getValue() + " in the file, not " + set.oldValue());
    }
    return replace(value, YamlText.scalarLike(value, set.newValue(), fieldsFlow), owner);
  }

  private Edits renameKey(Remedy.RenameKey rename, int owner) throws Refused {
    MappingNode mapping = target(rename.rule());
    String where = rename.rule() == Remedy.TOP_LEVEL ? "the file" : "rule #" + rename.rule();
    if (!rename.parentPath().isEmpty()) {
      for (String segment : rename.parentPath().split("\\.")) {
        NodeTuple tuple = YamlText.entry(mapping, segment);
        if (tuple == null || !(tuple.getValueNode() instanceof MappingNode child)) {
          throw new Refused(where + " has no mapping " + rename.parentPath());
        }
        if (yaml.shared(child)) {
          throw new Refused(where + "'s " + rename.parentPath() + " is an anchored or aliased mapping shared with other rules");
        }
        mapping = child;
      }
    }
    NodeTuple tuple = YamlText.entry(mapping, rename.oldKey());
    if (tuple == null || !(tuple.getKeyNode() instanceof ScalarNode key)) {
      throw new Refused(where + " has no key " + rename.oldKey());
    }
    if (YamlText.entry(mapping, rename.newKey()) != null) {
      throw new Refused(where + " sets both " + rename.oldKey() + " and " + rename.newKey()
          + "; renaming would make a duplicate key, which cloudflared refuses: remove " + rename.oldKey() + " by hand");
    }
    return replace(key, YamlText.scalarLike(key, rename.newKey(), flow(mapping) || mapping.getFlowStyle() == FlowStyle.FLOW), owner);
  }

  private Edits moveRule(Remedy.MoveRule move, int owner) throws Refused {
    rule(move.rule());
    rule(move.before());
    SequenceNode ingress = yaml.ingress();
    if (ingress == null) {
      throw new Refused("the file has no ingress list");
    }
    if (ingress.getFlowStyle() == FlowStyle.FLOW) {
      return moveFlowItem(ingress, move, owner);
    }
    int[] span = items.span(move.rule());
    int to = items.itemStart(move.before());
    String suffix = yaml.text().charAt(span[1] - 1) == '\n' ? "" : nl;
    return new Edits(List.of(), List.of(new TextEdits.Move(span[0], span[1], to, suffix, owner)));
  }

  /**
   * A move inside a flow sequence ({@code ingress: [{…}, {…}]}): the item travels with the separator that stood
   * before it ({@code ", "}, or a comma, a line break and the next line's indentation), which now follows it;
   * nothing else changes. A separator that holds a comment is refused: the comment belongs to the line it is on.
   */
  @SuppressWarnings("ReferenceEquality") // YAML nodes are compared by identity: the same node of the parsed tree
  private Edits moveFlowItem(SequenceNode ingress, Remedy.MoveRule move, int owner) throws Refused {
    Node item = yaml.rules().get(move.rule());
    Node target = yaml.rules().get(move.before());
    List<Node> raw = ingress.getValue();
    int position = 0;
    while (raw.get(position) != item) {
      position++;
    }
    // a rule that moves up always has an item before it
    Node previous = raw.get(position - 1);
    int separatorStart = yaml.end(previous);
    int start = yaml.start(item);
    int end = yaml.end(item);
    String separator = yaml.text().substring(separatorStart, start);
    if (separator.contains("#") || !separator.strip().equals(",")) {
      throw new Refused("the separator before rule #" + move.rule() + " in the flow-style ingress list holds more than a comma ("
          + separator.strip() + "); move the rule by hand");
    }
    return new Edits(List.of(new TextEdits.Replace(separatorStart, start, "", owner)),
        List.of(new TextEdits.Move(start, end, yaml.start(target), separator, owner)));
  }

  private Edits addRule(Remedy.AddRule add, int owner) throws Refused {
    MappingNode before = rule(add.before());
    SequenceNode ingress = yaml.ingress();
    String copied = null;
    NodeTuple copiedTuple = null;
    if (add.copyOriginRequestFrom() >= 0) {
      MappingNode source = rule(add.copyOriginRequestFrom());
      copiedTuple = YamlText.entry(source, "originRequest");
      if (copiedTuple != null && yaml.shared(copiedTuple.getValueNode())) {
        throw new Refused("rule #" + add.copyOriginRequestFrom() + "'s originRequest is an alias; add the rule by hand");
      }
    }
    boolean flowItem = before.getFlowStyle() == FlowStyle.FLOW
        && (copiedTuple == null || (copiedTuple.getValueNode() instanceof MappingNode m && m.getFlowStyle() == FlowStyle.FLOW));
    if (ingress != null && ingress.getFlowStyle() == FlowStyle.FLOW) {
      if (copiedTuple != null && !(copiedTuple.getValueNode() instanceof MappingNode m && m.getFlowStyle() == FlowStyle.FLOW)) {
        throw new Refused("the ingress list is written in flow style and the originRequest to copy is not; add the rule by hand");
      }
      String text = flowRule(add, copiedTuple) + ", ";
      return new Edits(List.of(new TextEdits.Replace(yaml.start(before), yaml.start(before), text, owner)), List.of());
    }
    int dash = items.dash(add.before());
    int dashColumn = yaml.column(dash);
    int at = items.itemStart(add.before());
    if (flowItem) {
      String text = " ".repeat(dashColumn) + "- " + flowRule(add, copiedTuple) + nl;
      return new Edits(List.of(new TextEdits.Replace(at, at, text, owner)), List.of());
    }
    int keyColumn = dashColumn + 2;
    if (before.getFlowStyle() == FlowStyle.BLOCK && !before.getValue().isEmpty()
        && yaml.lineStart(yaml.start(before.getValue().get(0).getKeyNode())) == yaml.lineStart(dash)) {
      keyColumn = yaml.column(yaml.start(before.getValue().get(0).getKeyNode()));
    }
    StringBuilder text = new StringBuilder()
        .append(" ".repeat(dashColumn)).append('-').append(" ".repeat(keyColumn - dashColumn - 1))
        .append("hostname: ").append(YamlText.scalar(add.hostname(), false)).append(nl)
        .append(" ".repeat(keyColumn)).append("service: ").append(YamlText.scalar(add.service(), false)).append(nl);
    if (copiedTuple != null) {
      copied = copyBlock(copiedTuple, keyColumn);
      text.append(copied);
    }
    return new Edits(List.of(new TextEdits.Replace(at, at, text.toString(), owner)), List.of());
  }

  private String flowRule(Remedy.AddRule add, @Nullable NodeTuple originRequest) {
    StringBuilder text = new StringBuilder("{hostname: ").append(YamlText.scalar(add.hostname(), true))
        .append(", service: ").append(YamlText.scalar(add.service(), true));
    if (originRequest != null) {
      Node value = originRequest.getValueNode();
      text.append(", originRequest: ").append(yaml.text(), yaml.start(value), yaml.end(value));
    }
    return text.append('}').toString();
  }

  /** The originRequest entry's lines, re-indented from its own key column to {@code column}. */
  private String copyBlock(NodeTuple tuple, int column) {
    int keyStart = yaml.start(tuple.getKeyNode());
    int shift = column - yaml.column(keyStart);
    int from = yaml.lineStart(keyStart);
    int to = yaml.nextLineStart(yaml.contentEnd(tuple.getValueNode()));
    String block = yaml.text().substring(from, to);
    if (!yaml.text().substring(from, keyStart).isBlank()) {
      block = " ".repeat(yaml.column(keyStart)) + yaml.text().substring(keyStart, to); // the key shares its line (e.g. after "- ")
    }
    StringBuilder out = new StringBuilder();
    for (String line : block.split("(?<=\n)")) {
      if (shift >= 0) {
        out.append(line.isBlank() ? line : " ".repeat(shift) + line);
      } else {
        int strip = 0;
        while (strip < -shift && strip < line.length() && line.charAt(strip) == ' ') {
          strip++;
        }
        out.append(line.substring(strip));
      }
    }
    if (out.length() > 0 && out.charAt(out.length() - 1) != '\n') {
      out.append(nl);
    }
    return out.toString();
  }

  // ------------------------------------------------------------------------------------------ positions

  private Edits replace(Node node, String text, int owner) {
    return new Edits(List.of(new TextEdits.Replace(yaml.start(node), yaml.end(node), text, owner)), List.of());
  }

  private int keyColumn(MappingNode mapping) throws Refused {
    if (mapping.getValue().isEmpty()) {
      throw new Refused("an empty mapping cannot take a new key here; add it by hand");
    }
    return yaml.column(yaml.start(mapping.getValue().get(0).getKeyNode()));
  }

  /** A new entry of a block mapping, on its own line after the mapping's last line. */
  private Edits insertBlock(MappingNode mapping, String line, int owner) throws Refused {
    if (mapping.getFlowStyle() == FlowStyle.FLOW) {
      throw new Refused("internal: block insertion into a flow mapping");
    }
    int at = yaml.nextLineStart(yaml.contentEnd(mapping));
    String text = at == yaml.text().length() && !yaml.text().isEmpty() && yaml.text().charAt(at - 1) != '\n' ? nl + line : line;
    return new Edits(List.of(new TextEdits.Replace(at, at, text, owner)), List.of());
  }

  /** A new entry of a flow mapping, after its last entry (or inside the empty braces). */
  private Edits insertFlow(MappingNode mapping, String entry, int owner) {
    if (mapping.getValue().isEmpty()) {
      int at = yaml.start(mapping) + 1;
      return new Edits(List.of(new TextEdits.Replace(at, at, entry, owner)), List.of());
    }
    NodeTuple last = mapping.getValue().get(mapping.getValue().size() - 1);
    int at = Math.max(yaml.contentEnd(last.getKeyNode()), yaml.contentEnd(last.getValueNode()));
    return new Edits(List.of(new TextEdits.Replace(at, at, ", " + entry, owner)), List.of());
  }
}
