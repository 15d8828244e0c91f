package io.github.tunneldiagnostics.core.internal.routetable;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Reads a route table:
 *
 * <pre>{@code
 * config: config.yml            # optional, relative to this file
 * cases:
 *   - url: https://api.example.com/v1
 *     rule: 1                   # and/or hostname:, service:, catchAll: true|false
 *     originAnswers: true       # optional: probe the serving rule's origin
 *     name: the API             # optional
 * }</pre>
 */
public final class RouteTableLoader {
  private static final int MAX_BYTES = 4 * 1024 * 1024;
  private static final Set<String> TOP = Set.of("config", "cases");
  private static final List<String> CASE_KEYS = List.of("name", "url", "rule", "hostname", "service", "catchAll", "originAnswers");

  private RouteTableLoader() {}

  public static RouteTable load(Path file) throws RouteTableException {
    String text;
    try {
      if (Files.size(file) > MAX_BYTES) {
        throw new RouteTableException(file + ": the route table is larger than 4 MiB; split it");
      }
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new RouteTableException(file + ": no such file; pass the route table's path, e.g. tunnel-doctor test routes.yaml");
    } catch (IOException e) {
      throw new RouteTableException(file + ": cannot be read: " + e.getMessage());
    }
    return parse(file, text);
  }

  static RouteTable parse(Path file, String text) throws RouteTableException {
    Optional<Node> document;
    try {
      LoadSettings settings = LoadSettings.builder().setLabel(file.toString()).setMaxAliasesForCollections(10).setAllowDuplicateKeys(false).build();
      Composer composer = new Composer(settings, new ParserImpl(settings, new StreamReader(settings, text)));
      document = composer.hasNext() ? Optional.of(composer.next()) : Optional.empty();
    } catch (YamlEngineException e) {
      throw new RouteTableException(file + ": not valid YAML: " + String.valueOf(e.getMessage()).replace('\n', ' '));
    }
    if (document.isEmpty() || !(document.get() instanceof MappingNode top)) {
      throw new RouteTableException(file + ":1:1: a route table is a mapping with 'cases:' (and optionally 'config:'); see the README");
    }
    Path config = null;
    List<RouteCase> cases = null;
    for (NodeTuple entry : top.getValue()) {
      String key = scalar(file, entry.getKeyNode(), "a key");
      if (!TOP.contains(key)) {
        throw new RouteTableException(at(file, entry.getKeyNode()) + ": unknown key '" + key + "'; a route table has 'config' and 'cases'");
      }
      if (key.equals("config")) {
        Path named = Path.of(scalar(file, entry.getValueNode(), "config"));
        Path dir = file.toAbsolutePath().getParent();
        config = named.isAbsolute() || dir == null ? named : dir.resolve(named).normalize();
      } else {
        cases = cases(file, entry.getValueNode());
      }
    }
    if (cases == null || cases.isEmpty()) {
      throw new RouteTableException(file + ":1:1: no cases; add 'cases:' with at least one '- url: ...' and what should serve it");
    }
    return new RouteTable(file, config, cases);
  }

  private static List<RouteCase> cases(Path file, Node node) throws RouteTableException {
    if (!(node instanceof SequenceNode list)) {
      throw new RouteTableException(at(file, node) + ": 'cases' must be a list of cases ('- url: ...')");
    }
    List<RouteCase> cases = new ArrayList<>();
    for (Node item : list.getValue()) {
      if (!(item instanceof MappingNode mapping)) {
        throw new RouteTableException(at(file, item) + ": a case is a mapping such as '- url: https://app.example.com/' with 'rule: 0'");
      }
      cases.add(oneCase(file, mapping));
    }
    return cases;
  }

  private static RouteCase oneCase(Path file, MappingNode mapping) throws RouteTableException {
    String name = null;
    String url = null;
    Integer rule = null;
    String hostname = null;
    String service = null;
    Boolean catchAll = null;
    boolean originAnswers = false;
    for (NodeTuple entry : mapping.getValue()) {
      String key = scalar(file, entry.getKeyNode(), "a key");
      Node value = entry.getValueNode();
      switch (key) {
        case "name" -> name = scalar(file, value, key);
        case "url" -> url = scalar(file, value, key);
        case "rule" -> rule = index(file, value);
        case "hostname" -> hostname = scalar(file, value, key);
        case "service" -> service = scalar(file, value, key);
        case "catchAll" -> catchAll = bool(file, value, key);
        case "originAnswers" -> originAnswers = bool(file, value, key);
        default -> throw new RouteTableException(at(file, entry.getKeyNode()) + ": unknown key '" + key + "' in a case; "
            + nearest(key).map(k -> "did you mean '" + k + "'? ").orElse("") + "a case has " + String.join(", ", CASE_KEYS));
      }
    }
    if (url == null) {
      throw new RouteTableException(at(file, mapping) + ": a case needs 'url:', the URL a visitor requests");
    }
    if (rule == null && hostname == null && service == null && catchAll == null && !originAnswers) {
      throw new RouteTableException(at(file, mapping) + ": the case for " + url
          + " expects nothing; add rule:, hostname:, service:, catchAll: or originAnswers:");
    }
    int line = mapping.getStartMark().map(m -> m.getLine() + 1).orElse(1);
    return new RouteCase(name != null ? name : url, url, rule, hostname, service, catchAll, originAnswers, line);
  }

  private static String scalar(Path file, Node node, String what) throws RouteTableException {
    if (node instanceof ScalarNode scalar) {
      return scalar.getValue();
    }
    throw new RouteTableException(at(file, node) + ": " + what + " must be a single value, not a list or mapping");
  }

  private static int index(Path file, Node node) throws RouteTableException {
    String value = scalar(file, node, "rule");
    try {
      int index = Integer.parseInt(value.trim());
      if (index >= 0) {
        return index;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new RouteTableException(at(file, node) + ": rule must be a 0-based rule index like 0 or 3, not '" + value + "'");
  }

  private static boolean bool(Path file, Node node, String key) throws RouteTableException {
    String value = scalar(file, node, key).trim().toLowerCase(Locale.ROOT);
    if (value.equals("true")) {
      return true;
    }
    if (value.equals("false")) {
      return false;
    }
    throw new RouteTableException(at(file, node) + ": " + key + " must be true or false, not '" + value + "'");
  }

  private static Optional<String> nearest(String key) {
    String lower = key.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
    return CASE_KEYS.stream().filter(k -> k.toLowerCase(Locale.ROOT).equals(lower)).findFirst();
  }

  private static String at(Path file, @Nullable Node node) {
    if (node == null) {
      return file.toString();
    }
    return node.getStartMark().map(m -> file + ":" + (m.getLine() + 1) + ":" + (m.getColumn() + 1)).orElse(file.toString());
  }
}
