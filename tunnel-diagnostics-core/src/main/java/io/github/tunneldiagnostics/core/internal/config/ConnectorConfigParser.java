package io.github.tunneldiagnostics.core.internal.config;

import io.github.tunneldiagnostics.core.ConfigException;
import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.check.FindingCode;
import io.github.tunneldiagnostics.api.ingress.ConfigSource;
import io.github.tunneldiagnostics.api.ingress.IngressModel;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * Reads the effective configuration a running cloudflared serves at {@code /config}
 * ({@code orchestration/orchestrator.go} {@code GetVersionedConfigJSON}):
 * {@code {"version":-1,"config":{"ingress":[...],"warp-routing":{...},"originRequest":{...}}}}. Durations
 * there are numbers of seconds; each rule's {@code originRequest} is already the effective one; parsed
 * {@code ipRules} serialise as {@code {}} and are skipped. Works for 2023.x (with {@code warp-routing.enabled})
 * and current connectors (with {@code matchSNItoHost}, {@code access.environment}).
 */
public final class ConnectorConfigParser {
  private ConnectorConfigParser() {}

  /**
   * Parses {@code /config} JSON fetched from {@code address}.
   *
   * @throws ConfigException CONFIG_YAML_INVALID when the body is not that JSON
   */
  public static IngressModel parse(String json, String address) throws ConfigException {
    String label = address + "/config";
    Optional<Node> root;
    try {
      root = YamlReader.compose(json, label);
    } catch (YamlReader.SyntaxException e) {
      throw ConfigFindings.syntax(label, e);
    }
    if (root.isEmpty() || !(root.get() instanceof MappingNode top)) {
      throw invalid(label, "the connector's /config answer is not a JSON object");
    }
    long version = -1;
    Node config = null;
    for (NodeTuple tuple : top.getValue()) {
      if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
        continue;
      }
      if (key.getValue().equals("version") && tuple.getValueNode() instanceof ScalarNode value) {
        if (YamlScalar.resolve(value.getValue()).value() instanceof BigInteger number) {
          version = number.longValue();
        } else {
          throw invalid(label, "the connector's /config answer has a version that is not a number: " + value.getValue());
        }
      } else if (key.getValue().equals("config")) {
        config = tuple.getValueNode();
      }
    }
    if (config == null) {
      throw invalid(label, "the connector's /config answer has no \"config\" object");
    }
    ConfigDecoder.RawConfig raw;
    try {
      raw = ConfigDecoder.decode(Optional.of(config), ConfigDecoder.Dialect.JSON, label);
    } catch (ConfigDecoder.DecodeException e) {
      ConfigDecoder.Problem first = e.problems().get(0);
      throw invalid(label, "the connector's /config answer has an unexpected value at line " + first.line() + ", column "
          + first.column() + ": " + first.message());
    }
    return ConfigLoader.build(ConfigSource.connector(address, version), raw, List.of());
  }

  private static ConfigException invalid(String label, String message) {
    return new ConfigException(
        Finding.error(FindingCode.CONFIG_YAML_INVALID)
            .check(ConfigFindings.CHECK)
            .subject(label)
            .message(message)
            .remediation("check that " + label + " is a cloudflared metrics server (cloudflared --metrics <address>) and not another service")
            .evidence("source", "metrics")
            .build());
  }
}
