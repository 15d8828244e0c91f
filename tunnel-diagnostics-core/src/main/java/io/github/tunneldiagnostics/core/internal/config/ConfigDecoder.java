package io.github.tunneldiagnostics.core.internal.config;

import static io.github.tunneldiagnostics.core.internal.config.ConfigNodes.isNull;
import static io.github.tunneldiagnostics.core.internal.config.ConfigNodes.keyText;

import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.ingress.OriginRequestOverrides;
import io.github.tunneldiagnostics.api.ingress.SourceLocation;
import io.github.tunneldiagnostics.api.ingress.WarpRouting;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Decodes a composed config into typed values the way yaml.v3 decodes cloudflared's structs: the same
 * accepted forms, the same {@code line N: cannot unmarshal ...} texts for wrong types (all collected, as
 * yaml.v3 does), and a {@code CONFIG_UNKNOWN_KEY} warning where cloudflared's strict re-decode warns.
 * The JSON dialect reads a connector's {@code /config}: durations are seconds and unknown keys are fine.
 *
 * <p>This class reads the document's structure (the top-level keys, {@code ingress} and its rules,
 * {@code warp-routing}); {@link OriginRequestDecoder} reads {@code originRequest} blocks, {@link
 * GoScalarReader} single values, {@link MergedEntries} a mapping's keys with {@code <<} merges, {@link
 * UnknownKeyWarnings} and {@link ProblemCollector} what is reported, {@link SettingRenderer} flag values.
 */
final class ConfigDecoder {
  enum Dialect {
    YAML,
    JSON
  }

  /** One wrong value: yaml.v3's line, and our sentence and fix. */
  record Problem(int line, int column, String goLine, String message, String remediation, String value) {}

  record RawRule(
      String hostname, String path, String service, OriginRequestOverrides overrides, @Nullable SourceLocation location) {}

  record RawConfig(
      @Nullable String tunnel,
      OriginRequestOverrides originRequest,
      List<RawRule> rules,
      WarpRouting warpRouting,
      Map<String, String> settings,
      @Nullable String credentialsContents,
      boolean tokenSet,
      List<Finding> warnings,
      Map<String, String> keyLocations) {

    /** {@code file:line:column} of a top-level key, or {@code fallback} when absent. */
    String locationOf(String key, String fallback) {
      return keyLocations.getOrDefault(key, fallback);
    }
  }

  /** Thrown when the config cannot be used; {@link #problems()} lists every wrong value in file order. */
  static final class DecodeException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient List<Problem> problems;

    DecodeException(List<Problem> problems) {
      super(problems.get(0).message(), null, false, false);
      this.problems = List.copyOf(problems);
    }

    List<Problem> problems() {
      return problems;
    }
  }

  private static final String CONFIG_TYPE = "config.configFileSettings";

  private final ProblemCollector problems;
  private final MergedEntries entries;
  private final GoScalarReader scalars;
  private final UnknownKeyWarnings unknownKeys;
  private final OriginRequestDecoder originRequests;
  private final SettingRenderer settingRenderer;

  private ConfigDecoder(Dialect dialect, String file) {
    this.problems = new ProblemCollector(dialect, file);
    this.entries = new MergedEntries(problems);
    this.scalars = new GoScalarReader(problems);
    this.unknownKeys = new UnknownKeyWarnings(problems);
    this.originRequests = new OriginRequestDecoder(problems, entries, scalars, unknownKeys);
    this.settingRenderer = new SettingRenderer(problems);
  }

  static RawConfig decode(Optional<Node> root, Dialect dialect, String file) throws DecodeException {
    ConfigDecoder decoder = new ConfigDecoder(dialect, file);
    RawConfig config;
    try {
      config = decoder.document(root.orElse(null));
    } catch (ProblemCollector.BudgetExceeded e) {
      decoder.problems.recordBudgetExceeded(e);
      config = null;
    }
    if (!decoder.problems.problems().isEmpty() || config == null) {
      throw new DecodeException(decoder.problems.problems());
    }
    return config;
  }

  private RawConfig document(@Nullable Node root) {
    String tunnel = null;
    OriginRequestOverrides originRequest = OriginRequestOverrides.NONE;
    List<RawRule> rules = List.of();
    WarpRouting warp = WarpRouting.DEFAULTS;
    Map<String, String> settings = new LinkedHashMap<>();
    String credentialsContents = null;
    boolean tokenSet = false;
    List<Finding> warnings = problems.warnings();
    if (root == null || isNull(root)) {
      return new RawConfig(null, originRequest, rules, warp, settings, null, false, warnings, Map.of());
    }
    if (!(root instanceof MappingNode mapping)) {
      problems.typeError(root, CONFIG_TYPE, "the whole file", "a mapping of keys such as tunnel: and ingress:", "start the file with keys like `tunnel: <uuid>` and `ingress:`");
      return new RawConfig(null, originRequest, rules, warp, settings, null, false, warnings, Map.of());
    }
    Map<String, String> keyLocations = new HashMap<>();
    for (NodeTuple entry : entries.of(mapping)) {
      String key = keyText(entry.getKeyNode());
      Node value = entry.getValueNode();
      keyLocations.put(key, problems.subject(entry.getKeyNode()));
      if (key.equals("originRequest") && value instanceof MappingNode top) {
        for (NodeTuple field : top.getValue()) {
          keyLocations.putIfAbsent("originRequest." + keyText(field.getKeyNode()), problems.subject(field.getKeyNode()));
        }
      }
      switch (key) {
        case "tunnel" -> {
          String text = scalars.string(value, "tunnel", "string");
          tunnel = text == null || text.isEmpty() ? null : text;
        }
        case "ingress" -> rules = ingress(value);
        case "warp-routing" -> warp = warpRouting(value);
        case "originRequest" -> originRequest = originRequests.decode(value, "the top-level originRequest", "the top-level originRequest", -1);
        default -> {
          if (key.equals("credentials-contents")) {
            credentialsContents = value instanceof ScalarNode s ? s.getValue() : null;
            settings.put(key, Finding.REDACTED);
          } else if (key.equals("token")) {
            tokenSet = value instanceof ScalarNode s && !s.getValue().isEmpty() && !isNull(s);
            settings.put(key, Finding.REDACTED);
          } else {
            settings.put(key, settingRenderer.render(value, key));
          }
          unknownKeys.atTopLevel(entry.getKeyNode(), key);
        }
      }
    }
    return new RawConfig(tunnel, originRequest, rules, warp, settings, credentialsContents, tokenSet, warnings, keyLocations);
  }

  private List<RawRule> ingress(Node node) {
    problems.visit(node);
    if (isNull(node)) {
      return List.of();
    }
    if (!(node instanceof SequenceNode sequence)) {
      problems.typeError(node, "[]config.UnvalidatedIngressRule", "ingress", "a list of rules, each starting with `- `",
          "write each rule as a list item: `ingress:` then `  - hostname: app.example.com` / `    service: http://localhost:8080`");
      return List.of();
    }
    List<RawRule> rules = new ArrayList<>();
    for (Node item : sequence.getValue()) {
      if (isNull(item)) {
        continue; // yaml.v3 drops a null list item it cannot decode into a struct
      }
      rules.add(rule(item, rules.size()));
    }
    return rules;
  }

  private RawRule rule(Node node, int index) {
    problems.visit(node);
    SourceLocation location = problems.location(node);
    String hostname = "";
    String path = "";
    String service = "";
    OriginRequestOverrides overrides = OriginRequestOverrides.NONE;
    if (isNull(node)) {
      return new RawRule(hostname, path, service, overrides, location);
    }
    String where = "rule #" + index;
    if (!(node instanceof MappingNode mapping)) {
      problems.typeError(node, "config.UnvalidatedIngressRule", where, "a mapping with hostname:, service: and optionally path: and originRequest:",
          "write the rule as `- hostname: app.example.com` with `service: http://localhost:8080` on the next line, indented to match");
      return new RawRule(hostname, path, service, overrides, location);
    }
    for (NodeTuple entry : entries.of(mapping)) {
      String key = keyText(entry.getKeyNode());
      Node value = entry.getValueNode();
      switch (key) {
        case "hostname" -> hostname = scalars.stringOrEmpty(value, where + " hostname", "string");
        case "path" -> path = scalars.stringOrEmpty(value, where + " path", "string");
        case "service" -> service = scalars.stringOrEmpty(value, where + " service", "string");
        case "originRequest" -> overrides = originRequests.decode(value, where + " originRequest", where + " originRequest", index);
        default -> unknownKeys.inSection(entry.getKeyNode(), key, where, "config.UnvalidatedIngressRule", KnownKeys.RULE, index);
      }
    }
    return new RawRule(hostname, path, service, overrides, location);
  }

  private WarpRouting warpRouting(Node node) {
    problems.visit(node);
    WarpRouting warp = WarpRouting.DEFAULTS;
    if (isNull(node)) {
      return warp;
    }
    if (!(node instanceof MappingNode mapping)) {
      problems.typeError(node, "config.WarpRoutingConfig", "warp-routing", "a mapping with connectTimeout:, maxActiveFlows: or tcpKeepAlive:",
          "indent connectTimeout: 5s (or maxActiveFlows / tcpKeepAlive) under warp-routing:");
      return warp;
    }
    Duration connect = warp.connectTimeout();
    long flows = warp.maxActiveFlows();
    Duration keepAlive = warp.tcpKeepAlive();
    for (NodeTuple entry : entries.of(mapping)) {
      String key = keyText(entry.getKeyNode());
      Node value = entry.getValueNode();
      String field = "warp-routing." + key;
      switch (key) {
        case "connectTimeout" -> connect = orElse(scalars.duration(value, field, key), connect);
        case "tcpKeepAlive" -> keepAlive = orElse(scalars.duration(value, field, key), keepAlive);
        case "maxActiveFlows" -> flows = orElse(scalars.integer(value, field, key, "uint64"), flows);
        default -> unknownKeys.inWarpRouting(entry.getKeyNode(), key);
      }
    }
    return new WarpRouting(connect, flows, keepAlive);
  }

  private static <T> T orElse(@Nullable T value, T fallback) {
    return value != null ? value : fallback;
  }
}
