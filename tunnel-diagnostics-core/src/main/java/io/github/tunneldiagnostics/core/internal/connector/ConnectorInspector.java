package io.github.tunneldiagnostics.core.internal.connector;

import io.github.tunneldiagnostics.core.ConnectorOptions;
import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.check.FindingCode;
import io.github.tunneldiagnostics.api.ingress.ConfigSource;
import io.github.tunneldiagnostics.api.ingress.IngressModel;
import io.github.tunneldiagnostics.api.ingress.IngressRule;
import io.github.tunneldiagnostics.api.ingress.OriginService;
import io.github.tunneldiagnostics.core.ConfigException;
import io.github.tunneldiagnostics.core.internal.config.ConnectorConfigParser;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds a running cloudflared and reads its metrics server: {@code /ready}, {@code /config},
 * {@code /diag/tunnel} (2024.12+) and {@code /metrics}. Reports CONNECTOR_NOT_FOUND, _NOT_READY,
 * _DEGRADED, _CONFIG_DRIFT, _REMOTE_CONFIG, _WRONG_TUNNEL and NO_INGRESS_LOADED, and exposes the
 * ingress the connector really serves. Endpoints an older connector lacks (404) are skipped silently.
 *
 * <p>Not thread-safe: use one inspector per run.
 */
public final class ConnectorInspector {
  /** The check id the findings carry. */
  public static final String CHECK_ID = "connector";

  private static final Logger LOG = LoggerFactory.getLogger(ConnectorInspector.class);
  private static final Pattern UUID =
      Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  static final int MAX_CONFIG_DEPTH = 64;

  private final ConnectorOptions options;
  private @Nullable String lastRawConfig;

  private final @Nullable MetricsTransport transport;

  public ConnectorInspector(ConnectorOptions options) {
    this(options, null);
  }

  /** An inspector that reaches the metrics server through {@code transport} (null: directly from this host). */
  public ConnectorInspector(ConnectorOptions options, @Nullable MetricsTransport transport) {
    this.options = Objects.requireNonNull(options, "options");
    this.transport = transport;
  }

  /** Inspects with the system clock and a deadline of {@code now + 2 × requestTimeout × endpoints}. */
  public ConnectorReport inspect() {
    Clock clock = Clock.systemUTC();
    return inspect(clock.instant().plus(options.requestTimeout().multipliedBy(12)), clock);
  }

  /** Inspects; every request ends by {@code deadline}. */
  public ConnectorReport inspect(Instant deadline, Clock clock) {
    MetricsClient client = new MetricsClient(options.connectTimeout(), options.requestTimeout(), deadline, clock, transport);
    List<ConnectorProcess> processes = options.procRoot() == null ? List.of() : new ProcessScanner(options.procRoot()).scan();

    Map<String, String> named = new LinkedHashMap<>(); // address -> who named it
    if (options.metricsAddress() != null) {
      named.put(options.metricsAddress(), "given");
    } else {
      for (ConnectorProcess p : processes) {
        if (p.metricsAddress() != null) {
          named.putIfAbsent(p.metricsAddress(), "--metrics of cloudflared process " + p.pid());
        }
      }
      IngressModel file = options.fileModel();
      if (file != null && file.setting("metrics").isPresent()) {
        named.putIfAbsent(file.setting("metrics").get(), "metrics: in " + file.source().location());
      }
    }
    Set<String> tried = new LinkedHashSet<>(named.keySet());
    if (options.metricsAddress() == null) {
      tried.addAll(options.candidates());
    }

    Map<String, String> attempts = new LinkedHashMap<>();
    String found = null;
    ReadyStatus ready = null;
    String hanging = null;
    BoundedGet.Reply hangingReply = null;
    List<String> others = new ArrayList<>();
    for (String address : tried) {
      URI base;
      try {
        base = MetricsAddress.parse(address);
      } catch (IllegalArgumentException e) {
        attempts.put(address, e.getMessage());
        continue;
      }
      BoundedGet.Reply reply = client.get(base, "/ready");
      if (reply.outcome() == BoundedGet.Outcome.NO_ANSWER || reply.outcome() == BoundedGet.Outcome.TOO_SLOW) {
        attempts.put(address, reply.detail());
        if (hanging == null) {
          hanging = address;
          hangingReply = reply;
        }
        continue;
      }
      if (!reply.complete() && reply.status() == 0) {
        attempts.put(address, reply.detail());
        continue;
      }
      ReadyStatus status = readyStatus(reply);
      if (status == null) {
        attempts.put(address, "answers HTTP " + reply.status() + " but is not a cloudflared metrics server");
      } else if (found == null) {
        found = address;
        ready = status;
        attempts.put(address, "cloudflared answered /ready with HTTP " + reply.status());
      } else {
        others.add(address);
        attempts.put(address, "another cloudflared answered");
      }
      if (found != null && named.containsKey(found)) {
        break; // the named connector answered: no need to look further
      }
    }

    List<Finding> findings = new ArrayList<>();
    if ((found == null || ready == null) && hanging != null && hangingReply != null) {
      findings.add(ConnectorFindings.hanging(hanging, hangingReply, client.requestTimeout(), attempts));
      return new ConnectorReport(findings, null, null, null, null, Map.of(), processes);
    }
    if (found == null || ready == null) {
      findings.add(ConnectorFindings.notFound(options.candidates(), named, attempts, processes));
      return new ConnectorReport(findings, null, null, null, null, Map.of(), processes);
    }
    URI base = MetricsAddress.parse(found);
    Map<String, String> metrics = metrics(findings, client, base, found);
    ConnectorFindings.readiness(findings, options.expectedConnections(), found, ready, metrics, others);
    String runningConfigFile = runningConfigFile(client, base, processes);
    IngressModel running = runningConfig(findings, client, base, found, runningConfigFile);
    TunnelState tunnel = tunnelState(findings, client, base, found);
    return new ConnectorReport(findings, found, ready, running, tunnel, metrics, processes, lastRawConfig);
  }

  private static @Nullable ReadyStatus readyStatus(BoundedGet.Reply reply) {
    if (reply.status() != 200 && reply.status() != 503) {
      return null;
    }
    return JsonObjects.parse(reply.body())
        .filter(json -> json.containsKey("readyConnections"))
        .map(json -> new ReadyStatus(reply.status(), JsonObjects.integer(json, "readyConnections", 0), JsonObjects.string(json, "connectorId")))
        .orElse(null);
  }

  private Map<String, String> metrics(List<Finding> findings, MetricsClient client, URI base, String address) {
    Map<String, String> out = new LinkedHashMap<>();
    BoundedGet.Reply reply = client.get(base, "/metrics");
    if (!reply.complete()) {
      if (reply.outcome() == BoundedGet.Outcome.TOO_LARGE || reply.outcome() == BoundedGet.Outcome.TOO_SLOW) {
        findings.add(ConnectorFindings.overBudget(address, "/metrics", reply, client.requestTimeout(), "its request and error counters were not read"));
      }
      LOG.debug("cannot read {}/metrics: {}", base, reply.detail());
      return out;
    }
    if (reply.status() != 200) {
      return out;
    }
    PrometheusText text = PrometheusText.parse(reply.body());
    put(out, "haConnections", text.sum("cloudflared_tunnel_ha_connections"));
    put(out, "totalRequests", text.sum("cloudflared_tunnel_total_requests"));
    put(out, "requestErrors", text.sum("cloudflared_tunnel_request_errors"));
    put(out, "streamErrors", text.sum("cloudflared_proxy_connect_streams_errors"));
    put(out, "configVersion", text.sum("cloudflared_orchestration_config_version"));
    put(out, "registerFailures", text.sum("cloudflared_tunnel_tunnel_register_fail"));
    text.byLabel("cloudflared_tunnel_response_by_code", "status_code").forEach((code, count) -> out.put("responses." + code, number(count)));
    String version = text.label("build_info", "version");
    if (!version.isEmpty()) {
      out.put("version", version);
    }
    return out;
  }

  private static void put(Map<String, String> out, String key, OptionalDouble value) {
    if (value.isPresent()) {
      out.put(key, number(value.getAsDouble()));
    }
  }

  private static String number(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
  }

  /**
   * The config file the connector was started with: {@code /diag/configuration}'s {@code config}
   * (2024.12+), else the {@code --config} of the only cloudflared process; null when unknown.
   */
  private static @Nullable String runningConfigFile(MetricsClient client, URI base, List<ConnectorProcess> processes) {
    BoundedGet.Reply reply = client.get(base, "/diag/configuration");
    if (reply.complete() && reply.status() == 200) {
      String config = JsonObjects.parse(reply.body()).map(json -> JsonObjects.string(json, "config")).orElse(null);
      if (config != null && !config.isEmpty()) {
        return config;
      }
    }
    return processes.size() == 1 ? processes.get(0).configPath() : null;
  }

  private @Nullable IngressModel runningConfig(List<Finding> findings, MetricsClient client, URI base, String address, @Nullable String runningConfigFile) {
    BoundedGet.Reply reply = client.get(base, "/config");
    if (reply.outcome() == BoundedGet.Outcome.TOO_LARGE || reply.outcome() == BoundedGet.Outcome.TOO_SLOW) {
      findings.add(ConnectorFindings.overBudget(address, "/config", reply, client.requestTimeout(),
          "its effective ingress was not read, so the config file is diagnosed instead of what it serves"));
      return null;
    }
    if (!reply.complete() || reply.status() != 200) {
      return null; // older connectors without /config
    }
    if (nestingDeeperThan(reply.body(), MAX_CONFIG_DEPTH)) {
      findings.add(ConnectorFindings.unreadableConfig(address, reply, "it nests deeper than " + MAX_CONFIG_DEPTH + " levels"));
      return null;
    }
    IngressModel running;
    try {
      running = ConnectorConfigParser.parse(reply.body(), address);
    } catch (ConfigException | RuntimeException e) {
      findings.add(ConnectorFindings.unreadableConfig(address, reply, e instanceof ConfigException c ? c.finding().message() : e.getClass().getSimpleName()));
      return null;
    }
    lastRawConfig = reply.body();
    IngressModel file = options.fileModel();
    long version = running.source().version();
    if (version >= 0) {
      String ignored =
          file != null && !file.rules().isEmpty()
              ? " The " + file.rules().size() + " ingress rules in " + file.source().location() + " are ignored."
              : "";
      findings.add(
          Finding.warning(FindingCode.CONNECTOR_REMOTE_CONFIG)
              .check(CHECK_ID)
              .subject(address)
              .message("The connector at " + address + " runs a remotely managed configuration (version " + version + ", from the dashboard or API)." + ignored)
              .remediation("Edit the ingress in the Cloudflare dashboard (Networks > Tunnels > your tunnel > Public hostnames), or migrate the tunnel back to a local config; do not edit config.yml expecting an effect.")
              .evidence("source", "metrics")
              .evidence("configVersion", version)
              .evidence("runningRules", running.rules().size())
              .build());
    } else if (file != null && file.source().kind() == ConfigSource.Kind.FILE) {
      List<ConfigDrift.Difference> differences = ConfigDrift.between(file, running);
      if (!differences.isEmpty()) {
        findings.add(ConnectorFindings.drift(address, file, differences, runningConfigFile));
      }
    }
    if (noIngress(running)) {
      findings.add(
          Finding.error(FindingCode.NO_INGRESS_LOADED)
              .check(CHECK_ID)
              .subject(address)
              .message("The connector at " + address + " runs without ingress rules and answers 503 to every request.")
              .remediation("Start cloudflared with the config file that holds your ingress rules (--config), or add public hostnames in the dashboard for a remotely managed tunnel.")
              .evidence("source", "metrics")
              .evidence("configVersion", version)
              .build());
    }
    return running;
  }

  /** True when brackets outside strings nest deeper than {@code limit} (cloudflared's /config nests about 6). */
  static boolean nestingDeeperThan(String json, int limit) {
    int depth = 0;
    boolean inString = false;
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      if (inString) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          inString = false;
        }
      } else if (c == '"') {
        inString = true;
      } else if (c == '{' || c == '[') {
        if (++depth > limit) {
          return true;
        }
      } else if (c == '}' || c == ']') {
        depth--;
      }
    }
    return false;
  }

  private static boolean noIngress(IngressModel running) {
    if (running.rules().isEmpty()) {
      return true;
    }
    if (running.rules().size() != 1) {
      return false;
    }
    IngressRule only = running.rule(0);
    return only.isCatchAll() && only.service() instanceof OriginService.HttpStatus status && status.status() == 503;
  }

  private @Nullable TunnelState tunnelState(List<Finding> findings, MetricsClient client, URI base, String address) {
    BoundedGet.Reply reply = client.get(base, "/diag/tunnel");
    if (!reply.complete() || reply.status() != 200) {
      return null; // before 2024.12 there is no /diag/*
    }
    Map<String, Object> json = JsonObjects.parse(reply.body()).orElse(Map.of());
    String tunnelId = JsonObjects.string(json, "tunnelID");
    if (tunnelId == null) {
      return null;
    }
    List<TunnelState.Connection> connections = new ArrayList<>();
    for (Map<String, Object> c : JsonObjects.objects(json, "connections")) {
      connections.add(
          new TunnelState.Connection(
              JsonObjects.integer(c, "index", 0),
              JsonObjects.integer(c, "protocol", 0) == 1 ? "quic" : "http2",
              Objects.requireNonNullElse(JsonObjects.string(c, "edgeAddress"), ""),
              JsonObjects.bool(c, "isConnected")));
    }
    TunnelState state = new TunnelState(tunnelId, JsonObjects.string(json, "connectorID"), connections);
    IngressModel file = options.fileModel();
    String configured = file == null ? null : file.tunnel();
    if (file != null && configured != null && UUID.matcher(configured).matches() && !configured.toLowerCase(Locale.ROOT).equals(tunnelId.toLowerCase(Locale.ROOT))) {
      Finding.Builder b =
          Finding.error(FindingCode.CONNECTOR_WRONG_TUNNEL)
              .check(CHECK_ID)
              .subject(address)
              .message(
                  "The connector at "
                      + address
                      + " serves tunnel "
                      + tunnelId
                      + ", but "
                      + file.source().location()
                      + " names tunnel "
                      + configured
                      + ": the hostnames routed to "
                      + configured
                      + " are not served by this connector.")
              .remediation(
                  "Run the connector for tunnel "
                      + configured
                      + " (cloudflared tunnel --config "
                      + file.source().location()
                      + " run), or fix tunnel: in the config; if several connectors run, pass the right one's address with --metrics.")
              .evidence("source", "metrics")
              .evidence("runningTunnel", tunnelId)
              .evidence("configuredTunnel", configured);
      if (state.connectorId() != null) {
        b.evidence("connectorId", state.connectorId());
      }
      findings.add(b.build());
    }
    return state;
  }
}
