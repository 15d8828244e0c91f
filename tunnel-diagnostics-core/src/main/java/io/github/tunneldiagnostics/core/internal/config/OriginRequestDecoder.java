package io.github.tunneldiagnostics.core.internal.config;

import static io.github.tunneldiagnostics.core.internal.config.ConfigNodes.isNull;
import static io.github.tunneldiagnostics.core.internal.config.ConfigNodes.keyText;
import static io.github.tunneldiagnostics.core.internal.config.GoScalarReader.toInt;

import io.github.tunneldiagnostics.api.ingress.AccessConfig;
import io.github.tunneldiagnostics.api.ingress.IpRule;
import io.github.tunneldiagnostics.api.ingress.OriginRequestOverrides;
import io.github.tunneldiagnostics.core.internal.config.ConfigDecoder.Dialect;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Decodes an {@code originRequest:} block (top level or a rule's) into the overrides it sets, as yaml.v3
 * decodes cloudflared's {@code config.OriginRequestConfig}: the scalar fields, {@code ipRules} with their
 * ports, and {@code access}. In the JSON dialect it also undoes how a connector serialises empty parts.
 */
final class OriginRequestDecoder {
  private final ProblemCollector problems;
  private final MergedEntries entries;
  private final GoScalarReader scalars;
  private final UnknownKeyWarnings unknownKeys;

  OriginRequestDecoder(ProblemCollector problems, MergedEntries entries, GoScalarReader scalars, UnknownKeyWarnings unknownKeys) {
    this.problems = problems;
    this.entries = entries;
    this.scalars = scalars;
    this.unknownKeys = unknownKeys;
  }

  /**
   * The overrides in {@code node}; {@code where} prefixes field names in messages, {@code section} names
   * the block, {@code rule} is the rule's index or -1 for the top level.
   */
  OriginRequestOverrides decode(Node node, String where, String section, int rule) {
    problems.visit(node);
    OriginRequestOverrides.Builder builder = OriginRequestOverrides.builder();
    if (isNull(node)) {
      return builder.build();
    }
    if (!(node instanceof MappingNode mapping)) {
      problems.typeError(node, "config.OriginRequestConfig", section, "a mapping of settings such as connectTimeout: 30s",
          "indent the settings under originRequest:, one `name: value` per line");
      return builder.build();
    }
    for (NodeTuple entry : entries.of(mapping)) {
      String key = keyText(entry.getKeyNode());
      Node value = entry.getValueNode();
      String field = where + "." + key;
      switch (key) {
        case "connectTimeout" -> set(scalars.duration(value, field, key), builder::connectTimeout);
        case "tlsTimeout" -> set(scalars.duration(value, field, key), builder::tlsTimeout);
        case "tcpKeepAlive" -> set(scalars.duration(value, field, key), builder::tcpKeepAlive);
        case "keepAliveTimeout" -> set(scalars.duration(value, field, key), builder::keepAliveTimeout);
        case "noHappyEyeballs" -> set(scalars.bool(value, field, key), builder::noHappyEyeballs);
        case "matchSNItoHost" -> set(scalars.bool(value, field, key), builder::matchSNItoHost);
        case "noTLSVerify" -> set(scalars.bool(value, field, key), builder::noTLSVerify);
        case "disableChunkedEncoding" -> set(scalars.bool(value, field, key), builder::disableChunkedEncoding);
        case "bastionMode" -> set(scalars.bool(value, field, key), builder::bastionMode);
        case "http2Origin" -> set(scalars.bool(value, field, key), builder::http2Origin);
        case "keepAliveConnections" -> set(toInt(scalars.integer(value, field, key, "int")), builder::keepAliveConnections);
        case "proxyPort" -> set(toInt(scalars.integer(value, field, key, "uint")), builder::proxyPort);
        case "httpHostHeader" -> set(scalars.string(value, field, "string"), builder::httpHostHeader);
        case "originServerName" -> set(scalars.string(value, field, "string"), builder::originServerName);
        case "caPool" -> set(scalars.string(value, field, "string"), builder::caPool);
        case "proxyAddress" -> set(scalars.string(value, field, "string"), builder::proxyAddress);
        case "proxyType" -> set(scalars.string(value, field, "string"), builder::proxyType);
        case "ipRules" -> set(ipRules(value, field, rule), builder::ipRules);
        case "access" -> set(access(value, field, rule), builder::access);
        default -> unknownKeys.inSection(entry.getKeyNode(), key, section, "config.OriginRequestConfig", KnownKeys.ORIGIN_REQUEST, rule);
      }
    }
    return builder.build();
  }

  private static <T> void set(@Nullable T value, Consumer<T> setter) {
    if (value != null) {
      setter.accept(value);
    }
  }

  private @Nullable List<IpRule> ipRules(Node node, String where, int rule) {
    problems.visit(node);
    if (isNull(node)) {
      return null;
    }
    if (!(node instanceof SequenceNode sequence)) {
      problems.typeError(node, "[]config.IngressIPRule", where, "a list of {prefix, ports, allow} entries",
          "write each entry as a list item: `- prefix: 127.0.0.0/8` with `ports: [80, 443]` and `allow: true`");
      return null;
    }
    List<IpRule> rules = new ArrayList<>();
    for (Node item : sequence.getValue()) {
      problems.visit(item);
      if (isNull(item)) {
        continue; // yaml.v3 drops a null list item
      }
      if (!(item instanceof MappingNode mapping)) {
        problems.typeError(item, "config.IngressIPRule", where + " entry", "a mapping with prefix:, ports: and allow:",
            "write the entry as `- prefix: 127.0.0.0/8` with `allow: true`");
        continue;
      }
      String prefix = "";
      boolean hasPrefix = false;
      List<Integer> ports = List.of();
      boolean allow = false;
      for (NodeTuple entry : entries.of(mapping)) {
        String key = keyText(entry.getKeyNode());
        Node value = entry.getValueNode();
        switch (key) {
          case "prefix" -> {
            prefix = scalars.stringOrEmpty(value, where + ".prefix", "string");
            hasPrefix = true;
          }
          case "ports" -> ports = ports(value, where + ".ports");
          case "allow" -> allow = Boolean.TRUE.equals(scalars.bool(value, where + ".allow", "allow"));
          default -> unknownKeys.inSection(entry.getKeyNode(), key, where, "config.IngressIPRule", KnownKeys.IP_RULE, rule);
        }
      }
      if (problems.dialect() == Dialect.JSON && !hasPrefix) {
        continue; // a connector serialises its parsed ip rules as {} (no exported fields)
      }
      rules.add(new IpRule(prefix, ports, allow));
    }
    return rules;
  }

  private List<Integer> ports(Node node, String where) {
    problems.visit(node);
    if (isNull(node)) {
      return List.of();
    }
    if (!(node instanceof SequenceNode sequence)) {
      problems.typeError(node, "[]int", where, "a list of port numbers", "write the ports as a list: `ports: [80, 443]`");
      return List.of();
    }
    List<Integer> ports = new ArrayList<>();
    for (Node item : sequence.getValue()) {
      Integer port = toInt(scalars.integer(item, where + " entry", "port", "int"));
      if (port != null) {
        ports.add(port); // a null item is dropped, as yaml.v3 does
      }
    }
    return ports;
  }

  private @Nullable AccessConfig access(Node node, String where, int rule) {
    problems.visit(node);
    if (isNull(node)) {
      return null;
    }
    if (!(node instanceof MappingNode mapping)) {
      problems.typeError(node, "config.AccessConfig", where, "a mapping with required:, teamName: and audTag:",
          "indent required: true, teamName: <team> and audTag: [<tag>] under access:");
      return null;
    }
    boolean required = false;
    String teamName = "";
    List<String> audTag = List.of();
    String environment = "";
    for (NodeTuple entry : entries.of(mapping)) {
      String key = keyText(entry.getKeyNode());
      Node value = entry.getValueNode();
      switch (key) {
        case "required" -> required = Boolean.TRUE.equals(scalars.bool(value, where + ".required", key));
        case "teamName" -> teamName = scalars.stringOrEmpty(value, where + ".teamName", "string");
        case "environment" -> environment = scalars.stringOrEmpty(value, where + ".environment", "string");
        case "audTag" -> audTag = strings(value, where + ".audTag");
        default -> unknownKeys.inSection(entry.getKeyNode(), key, where, "config.AccessConfig", KnownKeys.ACCESS, rule);
      }
    }
    if (problems.dialect() == Dialect.JSON && !required && teamName.isEmpty() && audTag.isEmpty() && environment.isEmpty()) {
      return null; // the effective config always carries an access block; all zero means none is set
    }
    return new AccessConfig(required, teamName, audTag, environment);
  }

  private List<String> strings(Node node, String where) {
    problems.visit(node);
    if (isNull(node)) {
      return List.of();
    }
    if (!(node instanceof SequenceNode sequence)) {
      problems.typeError(node, "[]string", where, "a list of strings", "write the tags as a list: `audTag: [\"<aud tag>\"]`");
      return List.of();
    }
    List<String> values = new ArrayList<>();
    for (Node item : sequence.getValue()) {
      String value = scalars.string(item, where + " entry", "string");
      if (value != null) {
        values.add(value); // a null item is dropped, as yaml.v3 does
      }
    }
    return values;
  }
}
