package io.github.tunneldiagnostics.core.internal.config;

import io.github.tunneldiagnostics.api.internal.golang.GoDuration;
import io.github.tunneldiagnostics.api.internal.golang.GoQuote;
import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.check.FindingCode;
import io.github.tunneldiagnostics.api.ingress.AccessConfig;
import io.github.tunneldiagnostics.api.ingress.IpRule;
import io.github.tunneldiagnostics.api.ingress.OriginRequestOverrides;
import io.github.tunneldiagnostics.api.ingress.SourceLocation;
import io.github.tunneldiagnostics.api.ingress.WarpRouting;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.snakeyaml.engine.v2.common.ScalarStyle;
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

  private static final String CONFIG_TYPE = "config.configFileSettings";
  private static final int RENDER_BUDGET = 10_000;
  private static final int VISIT_BUDGET = 1_000_000;

  private final Dialect dialect;
  private final String file;
  private final List<Problem> problems = new ArrayList<>();
  private final List<Finding> warnings = new ArrayList<>();
  private int visits;

  private ConfigDecoder(Dialect dialect, String file) {
    this.dialect = dialect;
    this.file = file;
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

  private static final class BudgetExceeded extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient Node node;

    BudgetExceeded(Node node) {
      super(null, null, false, false);
      this.node = node;
    }
  }

  static RawConfig decode(Optional<Node> root, Dialect dialect, String file) throws DecodeException {
    ConfigDecoder decoder = new ConfigDecoder(dialect, file);
    RawConfig config;
    try {
      config = decoder.document(root.orElse(null));
    } catch (BudgetExceeded e) {
      decoder.problems.add(
          decoder.problem(
              e.node,
              "line " + line(e.node) + ": aliases expand to more than " + VISIT_BUDGET + " values",
              "the config expands to more than " + VISIT_BUDGET + " values through aliases (*name); this looks like an alias bomb",
              "remove the repeated aliases; a real cloudflared config never needs them",
              ""));
      config = null;
    }
    if (!decoder.problems.isEmpty() || config == null) {
      throw new DecodeException(decoder.problems);
    }
    return config;
  }

  // ---------------------------------------------------------------------------------------- document

  private RawConfig document(@Nullable Node root) {
    String tunnel = null;
    OriginRequestOverrides originRequest = OriginRequestOverrides.NONE;
    List<RawRule> rules = List.of();
    WarpRouting warp = WarpRouting.DEFAULTS;
    Map<String, String> settings = new LinkedHashMap<>();
    String credentialsContents = null;
    boolean tokenSet = false;
    if (root == null || isNull(root)) {
      return new RawConfig(null, originRequest, rules, warp, settings, null, false, warnings, Map.of());
    }
    if (!(root instanceof MappingNode mapping)) {
      typeError(root, CONFIG_TYPE, "the whole file", "a mapping of keys such as tunnel: and ingress:", "start the file with keys like `tunnel: <uuid>` and `ingress:`");
      return new RawConfig(null, originRequest, rules, warp, settings, null, false, warnings, Map.of());
    }
    Map<String, String> keyLocations = new HashMap<>();
    for (NodeTuple entry : entries(mapping)) {
      String key = keyText(entry.getKeyNode());
      Node value = entry.getValueNode();
      keyLocations.put(key, subject(entry.getKeyNode()));
      if (key.equals("originRequest") && value instanceof MappingNode top) {
        for (NodeTuple field : top.getValue()) {
          keyLocations.putIfAbsent("originRequest." + keyText(field.getKeyNode()), subject(field.getKeyNode()));
        }
      }
      switch (key) {
        case "tunnel" -> {
          String text = string(value, "tunnel", "string");
          tunnel = text == null || text.isEmpty() ? null : text;
        }
        case "ingress" -> rules = ingress(value);
        case "warp-routing" -> warp = warpRouting(value);
        case "originRequest" -> originRequest = originRequest(value, "the top-level originRequest", "the top-level originRequest", -1);
        default -> {
          if (key.equals("credentials-contents")) {
            credentialsContents = value instanceof ScalarNode s ? s.getValue() : null;
            settings.put(key, Finding.REDACTED);
          } else if (key.equals("token")) {
            tokenSet = value instanceof ScalarNode s && !s.getValue().isEmpty() && !isNull(s);
            settings.put(key, Finding.REDACTED);
          } else {
            settings.put(key, render(value, key));
          }
          if (dialect == Dialect.YAML && !KnownKeys.isKnownTopLevel(key)) {
            unknownTopLevel(entry.getKeyNode(), key);
          }
        }
      }
    }
    return new RawConfig(tunnel, originRequest, rules, warp, settings, credentialsContents, tokenSet, warnings, keyLocations);
  }

  // ----------------------------------------------------------------------------------------- ingress

  private List<RawRule> ingress(Node node) {
    visit(node);
    if (isNull(node)) {
      return List.of();
    }
    if (!(node instanceof SequenceNode sequence)) {
      typeError(node, "[]config.UnvalidatedIngressRule", "ingress", "a list of rules, each starting with `- `",
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
    visit(node);
    SourceLocation location = location(node);
    String hostname = "";
    String path = "";
    String service = "";
    OriginRequestOverrides overrides = OriginRequestOverrides.NONE;
    if (isNull(node)) {
      return new RawRule(hostname, path, service, overrides, location);
    }
    String where = "rule #" + index;
    if (!(node instanceof MappingNode mapping)) {
      typeError(node, "config.UnvalidatedIngressRule", where, "a mapping with hostname:, service: and optionally path: and originRequest:",
          "write the rule as `- hostname: app.example.com` with `service: http://localhost:8080` on the next line, indented to match");
      return new RawRule(hostname, path, service, overrides, location);
    }
    for (NodeTuple entry : entries(mapping)) {
      String key = keyText(entry.getKeyNode());
      Node value = entry.getValueNode();
      switch (key) {
        case "hostname" -> hostname = orEmpty(string(value, where + " hostname", "string"));
        case "path" -> path = orEmpty(string(value, where + " path", "string"));
        case "service" -> service = orEmpty(string(value, where + " service", "string"));
        case "originRequest" -> overrides = originRequest(value, where + " originRequest", where + " originRequest", index);
        default -> {
          if (dialect == Dialect.YAML) {
            unknown(entry.getKeyNode(), key, where, "config.UnvalidatedIngressRule", KnownKeys.RULE, index);
          }
        }
      }
    }
    return new RawRule(hostname, path, service, overrides, location);
  }

  // ----------------------------------------------------------------------------------- originRequest

  private OriginRequestOverrides originRequest(Node node, String where, String section, int rule) {
    visit(node);
    OriginRequestOverrides.Builder builder = OriginRequestOverrides.builder();
    if (isNull(node)) {
      return builder.build();
    }
    if (!(node instanceof MappingNode mapping)) {
      typeError(node, "config.OriginRequestConfig", section, "a mapping of settings such as connectTimeout: 30s",
          "indent the settings under originRequest:, one `name: value` per line");
      return builder.build();
    }
    for (NodeTuple entry : entries(mapping)) {
      String key = keyText(entry.getKeyNode());
      Node value = entry.getValueNode();
      String field = where + "." + key;
      switch (key) {
        case "connectTimeout" -> set(duration(value, field, key), builder::connectTimeout);
        case "tlsTimeout" -> set(duration(value, field, key), builder::tlsTimeout);
        case "tcpKeepAlive" -> set(duration(value, field, key), builder::tcpKeepAlive);
        case "keepAliveTimeout" -> set(duration(value, field, key), builder::keepAliveTimeout);
        case "noHappyEyeballs" -> set(bool(value, field, key), builder::noHappyEyeballs);
        case "matchSNItoHost" -> set(bool(value, field, key), builder::matchSNItoHost);
        case "noTLSVerify" -> set(bool(value, field, key), builder::noTLSVerify);
        case "disableChunkedEncoding" -> set(bool(value, field, key), builder::disableChunkedEncoding);
        case "bastionMode" -> set(bool(value, field, key), builder::bastionMode);
        case "http2Origin" -> set(bool(value, field, key), builder::http2Origin);
        case "keepAliveConnections" -> set(toInt(integer(value, field, key, "int")), builder::keepAliveConnections);
        case "proxyPort" -> set(toInt(integer(value, field, key, "uint")), builder::proxyPort);
        case "httpHostHeader" -> set(string(value, field, "string"), builder::httpHostHeader);
        case "originServerName" -> set(string(value, field, "string"), builder::originServerName);
        case "caPool" -> set(string(value, field, "string"), builder::caPool);
        case "proxyAddress" -> set(string(value, field, "string"), builder::proxyAddress);
        case "proxyType" -> set(string(value, field, "string"), builder::proxyType);
        case "ipRules" -> set(ipRules(value, field, rule), builder::ipRules);
        case "access" -> set(access(value, field, rule), builder::access);
        default -> {
          if (dialect == Dialect.YAML) {
            unknown(entry.getKeyNode(), key, section, "config.OriginRequestConfig", KnownKeys.ORIGIN_REQUEST, rule);
          }
        }
      }
    }
    return builder.build();
  }

  private static <T> void set(@Nullable T value, Consumer<T> setter) {
    if (value != null) {
      setter.accept(value);
    }
  }

  private static @Nullable Integer toInt(@Nullable Long value) {
    if (value == null) {
      return null;
    }
    return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, value));
  }

  private @Nullable List<IpRule> ipRules(Node node, String where, int rule) {
    visit(node);
    if (isNull(node)) {
      return null;
    }
    if (!(node instanceof SequenceNode sequence)) {
      typeError(node, "[]config.IngressIPRule", where, "a list of {prefix, ports, allow} entries",
          "write each entry as a list item: `- prefix: 127.0.0.0/8` with `ports: [80, 443]` and `allow: true`");
      return null;
    }
    List<IpRule> rules = new ArrayList<>();
    for (Node item : sequence.getValue()) {
      visit(item);
      if (isNull(item)) {
        continue; // yaml.v3 drops a null list item
      }
      if (!(item instanceof MappingNode mapping)) {
        typeError(item, "config.IngressIPRule", where + " entry", "a mapping with prefix:, ports: and allow:",
            "write the entry as `- prefix: 127.0.0.0/8` with `allow: true`");
        continue;
      }
      String prefix = "";
      boolean hasPrefix = false;
      List<Integer> ports = List.of();
      boolean allow = false;
      for (NodeTuple entry : entries(mapping)) {
        String key = keyText(entry.getKeyNode());
        Node value = entry.getValueNode();
        switch (key) {
          case "prefix" -> {
            prefix = orEmpty(string(value, where + ".prefix", "string"));
            hasPrefix = true;
          }
          case "ports" -> ports = ports(value, where + ".ports");
          case "allow" -> allow = Boolean.TRUE.equals(bool(value, where + ".allow", "allow"));
          default -> {
            if (dialect == Dialect.YAML) {
              unknown(entry.getKeyNode(), key, where, "config.IngressIPRule", KnownKeys.IP_RULE, rule);
            }
          }
        }
      }
      if (dialect == Dialect.JSON && !hasPrefix) {
        continue; // a connector serialises its parsed ip rules as {} (no exported fields)
      }
      rules.add(new IpRule(prefix, ports, allow));
    }
    return rules;
  }

  private List<Integer> ports(Node node, String where) {
    visit(node);
    if (isNull(node)) {
      return List.of();
    }
    if (!(node instanceof SequenceNode sequence)) {
      typeError(node, "[]int", where, "a list of port numbers", "write the ports as a list: `ports: [80, 443]`");
      return List.of();
    }
    List<Integer> ports = new ArrayList<>();
    for (Node item : sequence.getValue()) {
      Integer port = toInt(integer(item, where + " entry", "port", "int"));
      if (port != null) {
        ports.add(port); // a null item is dropped, as yaml.v3 does
      }
    }
    return ports;
  }

  private @Nullable AccessConfig access(Node node, String where, int rule) {
    visit(node);
    if (isNull(node)) {
      return null;
    }
    if (!(node instanceof MappingNode mapping)) {
      typeError(node, "config.AccessConfig", where, "a mapping with required:, teamName: and audTag:",
          "indent required: true, teamName: <team> and audTag: [<tag>] under access:");
      return null;
    }
    boolean required = false;
    String teamName = "";
    List<String> audTag = List.of();
    String environment = "";
    for (NodeTuple entry : entries(mapping)) {
      String key = keyText(entry.getKeyNode());
      Node value = entry.getValueNode();
      switch (key) {
        case "required" -> required = Boolean.TRUE.equals(bool(value, where + ".required", key));
        case "teamName" -> teamName = orEmpty(string(value, where + ".teamName", "string"));
        case "environment" -> environment = orEmpty(string(value, where + ".environment", "string"));
        case "audTag" -> audTag = strings(value, where + ".audTag");
        default -> {
          if (dialect == Dialect.YAML) {
            unknown(entry.getKeyNode(), key, where, "config.AccessConfig", KnownKeys.ACCESS, rule);
          }
        }
      }
    }
    if (dialect == Dialect.JSON && !required && teamName.isEmpty() && audTag.isEmpty() && environment.isEmpty()) {
      return null; // the effective config always carries an access block; all zero means none is set
    }
    return new AccessConfig(required, teamName, audTag, environment);
  }

  private List<String> strings(Node node, String where) {
    visit(node);
    if (isNull(node)) {
      return List.of();
    }
    if (!(node instanceof SequenceNode sequence)) {
      typeError(node, "[]string", where, "a list of strings", "write the tags as a list: `audTag: [\"<aud tag>\"]`");
      return List.of();
    }
    List<String> values = new ArrayList<>();
    for (Node item : sequence.getValue()) {
      String value = string(item, where + " entry", "string");
      if (value != null) {
        values.add(value); // a null item is dropped, as yaml.v3 does
      }
    }
    return values;
  }

  // ------------------------------------------------------------------------------------ warp-routing

  private WarpRouting warpRouting(Node node) {
    visit(node);
    WarpRouting warp = WarpRouting.DEFAULTS;
    if (isNull(node)) {
      return warp;
    }
    if (!(node instanceof MappingNode mapping)) {
      typeError(node, "config.WarpRoutingConfig", "warp-routing", "a mapping with connectTimeout:, maxActiveFlows: or tcpKeepAlive:",
          "indent connectTimeout: 5s (or maxActiveFlows / tcpKeepAlive) under warp-routing:");
      return warp;
    }
    Duration connect = warp.connectTimeout();
    long flows = warp.maxActiveFlows();
    Duration keepAlive = warp.tcpKeepAlive();
    for (NodeTuple entry : entries(mapping)) {
      String key = keyText(entry.getKeyNode());
      Node value = entry.getValueNode();
      String field = "warp-routing." + key;
      switch (key) {
        case "connectTimeout" -> connect = orElse(duration(value, field, key), connect);
        case "tcpKeepAlive" -> keepAlive = orElse(duration(value, field, key), keepAlive);
        case "maxActiveFlows" -> flows = orElse(integer(value, field, key, "uint64"), flows);
        default -> {
          if (dialect == Dialect.YAML) {
            unknownWarpRouting(entry.getKeyNode(), key);
          }
        }
      }
    }
    return new WarpRouting(connect, flows, keepAlive);
  }

  private static <T> T orElse(@Nullable T value, T fallback) {
    return value != null ? value : fallback;
  }

  // ----------------------------------------------------------------------------------------- scalars

  private @Nullable String string(Node node, String where, String goType) {
    visit(node);
    if (node instanceof ScalarNode scalar) {
      return isNull(scalar) ? null : scalar.getValue();
    }
    typeError(node, goType, where, "a single value", "write one value after the colon (quote it if it contains `: ` or starts with `*`, `&`, `[` or `{`)");
    return null;
  }

  private @Nullable Boolean bool(Node node, String where, String key) {
    visit(node);
    if (node instanceof ScalarNode scalar) {
      YamlScalar resolved = YamlScalar.of(scalar);
      if (resolved.isNull()) {
        return null;
      }
      Boolean value = resolved.asBool();
      if (value != null) {
        return value;
      }
    }
    typeError(node, "bool", where, "true or false",
        "write `" + key + ": true` or `" + key + ": false` without quotes (a quoted \"true\" is a string to cloudflared)");
    return null;
  }

  /** An int, uint or uint64 field; null when absent or wrong (then a problem is recorded). */
  private @Nullable Long integer(Node node, String where, String key, String goType) {
    visit(node);
    if (node instanceof ScalarNode scalar) {
      YamlScalar resolved = YamlScalar.of(scalar);
      if (resolved.isNull()) {
        return null;
      }
      boolean unsigned = goType.startsWith("uint");
      if (resolved.value() instanceof BigInteger big) {
        boolean fits = unsigned ? big.signum() >= 0 : big.bitLength() < 64;
        if (fits) {
          return big.min(BigInteger.valueOf(Long.MAX_VALUE)).longValue();
        }
      } else if (resolved.value() instanceof Double d && !d.isNaN() && !d.isInfinite()
          && (unsigned ? d >= 0 && d < 0x1p64 : d < 0x1p63 && d >= -0x1p63)) {
        return (long) d.doubleValue(); // yaml.v3 truncates a float into an int field
      } else if (dialect == Dialect.JSON && resolved.value() instanceof Double d && !d.isNaN()) {
        return (long) d.doubleValue();
      }
    }
    typeError(node, goType, where, (goType.startsWith("uint") ? "a whole number of 0 or more" : "a whole number"),
        "write a plain number without quotes or units, e.g. `" + key + ": 100`");
    return null;
  }

  private @Nullable Duration duration(Node node, String where, String key) {
    visit(node);
    if (dialect == Dialect.JSON) {
      return jsonSeconds(node, where);
    }
    String goError = "";
    if (node instanceof ScalarNode scalar) {
      YamlScalar resolved = YamlScalar.of(scalar);
      if (resolved.isNull()) {
        return null;
      }
      if (resolved.value() instanceof String text) {
        try {
          return GoDuration.parse(text);
        } catch (GoDuration.ParseException e) {
          goError = e.getMessage();
        }
      }
      String remediation;
      if (resolved.value() instanceof BigInteger || resolved.value() instanceof Double) {
        remediation = "add a unit: `" + key + ": " + scalar.getValue() + "s` (units: ns, us, ms, s, m, h; e.g. 30s, 1m30s, 300ms)";
      } else if (resolved.tag().equals(YamlScalar.STR) && goError.contains("missing unit")) {
        remediation = "add a unit: `" + key + ": " + scalar.getValue() + "s` (units: ns, us, ms, s, m, h; e.g. 30s, 1m30s, 300ms)";
      } else {
        remediation = "write a Go duration such as `" + key + ": 30s`, `1m30s` or `300ms` (units: ns, us, ms, s, m, h)";
      }
      String detail = goError.isEmpty() ? "" : " (" + goError + ")";
      recordTypeError(node, "time.Duration",
          where + " is " + describe(node) + ", but cloudflared needs a Go duration string such as \"30s\", \"1m30s\" or \"300ms\"" + detail,
          remediation);
      return null;
    }
    typeError(node, "time.Duration", where, "a Go duration string such as \"30s\"", "write a Go duration such as `" + key + ": 30s`");
    return null;
  }

  private @Nullable Duration jsonSeconds(Node node, String where) {
    if (node instanceof ScalarNode scalar) {
      YamlScalar resolved = YamlScalar.of(scalar);
      if (resolved.isNull()) {
        return null;
      }
      if (resolved.value() instanceof BigInteger big) {
        return Duration.ofSeconds(big.min(BigInteger.valueOf(Long.MAX_VALUE / 1_000_000_000L)).longValue());
      }
      if (resolved.value() instanceof Double d && !d.isNaN() && !d.isInfinite()) {
        return Duration.ofNanos(new BigDecimal(d).movePointRight(9).longValue());
      }
    }
    typeError(node, "config.CustomDuration", where, "a number of seconds", "report this connector's /config output; durations there are numbers of seconds");
    return null;
  }

  // ----------------------------------------------------------------------------------- mapping keys

  /** The mapping's entries with {@code <<} merges applied (explicit keys win) and duplicates reported. */
  private List<NodeTuple> entries(MappingNode mapping) {
    return entries(mapping, new IdentityHashMap<>());
  }

  private List<NodeTuple> entries(MappingNode mapping, IdentityHashMap<Node, Boolean> merging) {
    visit(mapping);
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
        recordProblem(keyNode,
            "the key " + key + " appears twice in the same mapping (first at line " + earlier + ")",
            "keep one " + key + ": entry and delete the other", "line " + line(keyNode) + ": mapping key " + GoQuote.quote(key) + " already defined at line " + earlier);
        continue;
      }
      result.add(tuple);
    }
    for (Node merge : merges) {
      List<MappingNode> sources = new ArrayList<>();
      if (merge instanceof MappingNode m) {
        sources.add(m);
      } else if (merge instanceof SequenceNode s) {
        for (Node item : s.getValue()) {
          if (item instanceof MappingNode m) {
            sources.add(m);
          } else {
            recordProblem(item, "a << merge must name mappings (e.g. <<: *defaults)", "point << at an anchored mapping",
                "line " + line(item) + ": map merge requires map or sequence of maps as the value");
          }
        }
      } else {
        recordProblem(merge, "a << merge must name a mapping (e.g. <<: *defaults)", "point << at an anchored mapping",
            "line " + line(merge) + ": map merge requires map or sequence of maps as the value");
      }
      for (MappingNode source : sources) {
        if (merging.containsKey(source)) {
          recordProblem(source, "a << merge refers to a mapping that contains it, so the merge never ends",
              "remove the << that points back at its own mapping",
              "anchor '" + source.getAnchor().map(Object::toString).orElse("") + "' value contains itself");
          continue;
        }
        for (NodeTuple tuple : entries(source, merging)) {
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

  private static String keyText(Node key) {
    if (key instanceof ScalarNode scalar) {
      return scalar.getValue();
    }
    return key instanceof SequenceNode ? "[...]" : "{...}";
  }

  // ------------------------------------------------------------------------------------ unknown keys

  private void unknown(Node keyNode, String key, String where, String goType, List<String> valid, int rule) {
    Optional<String> suggestion = KnownKeys.closest(key, valid);
    String message = "cloudflared ignores the key " + key + " in " + where + " at " + file + " line " + line(keyNode)
        + ": it is not a field there" + suggestion.map(s -> "; did you mean " + s + "?").orElse(".");
    String remediation = suggestion
        .map(s -> "rename " + key + " to " + s + " (keys are case-sensitive)")
        .orElse("remove " + key + "; valid keys there are " + String.join(", ", valid));
    warn(keyNode, key, message, remediation, suggestion, "line " + line(keyNode) + ": field " + key + " not found in type " + goType, rule);
  }

  private void unknownWarpRouting(Node keyNode, String key) {
    if (key.equals("enabled")) {
      warn(keyNode, key,
          "cloudflared ignores warp-routing enabled at " + file + " line " + line(keyNode)
              + ": the key was removed in cloudflared 2023.10.0 (WARP routing is now turned on in the dashboard)",
          "remove warp-routing enabled; turn WARP routing on for the tunnel in the Cloudflare dashboard",
          Optional.empty(), "line " + line(keyNode) + ": field enabled not found in type config.WarpRoutingConfig", -1);
      return;
    }
    unknown(keyNode, key, "warp-routing", "config.WarpRoutingConfig", KnownKeys.WARP_ROUTING, -1);
  }

  private void unknownTopLevel(Node keyNode, String key) {
    Optional<String> suggestion = KnownKeys.closestTopLevel(key);
    String message = "the top-level key " + key + " at " + file + " line " + line(keyNode)
        + " is neither a config section nor a cloudflared flag, so cloudflared silently ignores it"
        + suggestion.map(s -> "; did you mean " + s + "?").orElse(".");
    String remediation = suggestion
        .map(s -> "rename " + key + " to " + s + " (keys are case-sensitive)")
        .orElse("remove " + key + ", or use one of tunnel, ingress, originRequest, warp-routing or a cloudflared flag name such as credentials-file");
    warn(keyNode, key, message, remediation, suggestion, "", -1);
  }

  private void warn(Node keyNode, String key, String message, String remediation, Optional<String> suggestion, String goLine, int rule) {
    Finding.Builder finding = Finding.warning(FindingCode.CONFIG_UNKNOWN_KEY)
        .check(ConfigFindings.CHECK)
        .subject(subject(keyNode))
        .message(message)
        .remediation(remediation)
        .evidence("source", "config")
        .evidence("key", key);
    suggestion.ifPresent(s -> finding.evidence("suggestion", s));
    finding.evidence("line", line(keyNode)).evidence("column", column(keyNode));
    if (!goLine.isEmpty()) {
      finding.evidence("cloudflaredMessage", "yaml: unmarshal errors:\n  " + goLine);
    }
    if (rule >= 0) {
      finding.rule(rule);
    }
    warnings.add(finding.build());
  }

  // ------------------------------------------------------------------------------------- type errors

  private void typeError(Node node, String goType, String where, String expectation, String remediation) {
    recordTypeError(node, goType, where + " is " + describe(node) + ", but cloudflared expects " + expectation, remediation);
  }

  private void recordTypeError(Node node, String goType, String message, String remediation) {
    recordProblem(node, message, remediation, goLine(node, goType));
  }

  private void recordProblem(Node node, String message, String remediation, String goLine) {
    String value = node instanceof ScalarNode s ? s.getValue() : "";
    problems.add(new Problem(line(node), column(node), goLine, message, remediation, value));
  }

  private Problem problem(Node node, String goLine, String message, String remediation, String value) {
    return new Problem(line(node), column(node), goLine, message, remediation, value);
  }

  /** yaml.v3's {@code terror}: {@code line N: cannot unmarshal !!int `30` into time.Duration}. */
  private static String goLine(Node node, String goType) {
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

  private static String describe(Node node) {
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

  // ------------------------------------------------------------------------------------- rendering

  /** A top-level setting as one string: the scalar's text, or a flow rendering of a list or mapping. */
  private String render(Node node, String key) {
    StringBuilder out = new StringBuilder();
    int[] budget = {RENDER_BUDGET};
    if (!render(node, out, budget, new IdentityHashMap<>())) {
      problems.add(problem(node, "line " + line(node) + ": " + key + " expands to too many values",
          "the value of " + key + " expands to more than " + RENDER_BUDGET + " values or refers to itself through aliases (*name)",
          "write " + key + " as a plain value", ""));
      return "";
    }
    return out.toString();
  }

  private boolean render(Node node, StringBuilder out, int[] budget, IdentityHashMap<Node, Boolean> path) {
    if (--budget[0] < 0 || path.containsKey(node)) {
      return false;
    }
    visit(node);
    if (node instanceof ScalarNode scalar) {
      out.append(isNull(scalar) ? "" : scalar.getValue());
      return true;
    }
    path.put(node, Boolean.TRUE);
    try {
      if (node instanceof SequenceNode sequence) {
        out.append('[');
        String separator = "";
        for (Node item : sequence.getValue()) {
          out.append(separator);
          separator = ", ";
          if (!render(item, out, budget, path)) {
            return false;
          }
        }
        out.append(']');
        return true;
      }
      MappingNode mapping = (MappingNode) node;
      out.append('{');
      String separator = "";
      for (NodeTuple tuple : mapping.getValue()) {
        out.append(separator).append(keyText(tuple.getKeyNode())).append(": ");
        separator = ", ";
        if (!render(tuple.getValueNode(), out, budget, path)) {
          return false;
        }
      }
      out.append('}');
      return true;
    } finally {
      path.remove(node);
    }
  }

  // ---------------------------------------------------------------------------------------- helpers

  private void visit(Node node) {
    if (++visits > VISIT_BUDGET) {
      throw new BudgetExceeded(node);
    }
  }

  private static boolean isNull(Node node) {
    return node instanceof ScalarNode scalar && YamlScalar.of(scalar).isNull();
  }

  private static String orEmpty(@Nullable String value) {
    return value == null ? "" : value;
  }

  static int line(Node node) {
    return node.getStartMark().map(m -> m.getLine() + 1).orElse(1);
  }

  static int column(Node node) {
    return node.getStartMark().map(m -> m.getColumn() + 1).orElse(1);
  }

  private @Nullable SourceLocation location(Node node) {
    if (dialect == Dialect.JSON) {
      return null; // a connector's /config body is not a file a person edits
    }
    return node.getStartMark().map(m -> new SourceLocation(file, m.getLine() + 1, m.getColumn() + 1)).orElse(null);
  }

  private String subject(Node node) {
    return file + ":" + line(node) + ":" + column(node);
  }
}
