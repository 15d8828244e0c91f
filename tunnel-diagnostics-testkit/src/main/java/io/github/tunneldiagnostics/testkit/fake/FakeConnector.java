package io.github.tunneldiagnostics.testkit.fake;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A running cloudflared's metrics server on a loopback port, as the connector checks read it:
 * {@code /ready}, {@code /healthcheck}, {@code /config}, {@code /metrics}, and {@code /diag/tunnel} when a
 * tunnel id is set (connectors before 2024.12 answer 404 there, as this fake does without one).
 *
 * <pre>{@code
 * try (FakeConnector connector = FakeConnector.builder().readyConnections(0).build().start()) {
 *   String metrics = connector.address(); // 127.0.0.1:<port>
 * }
 * }</pre>
 */
public final class FakeConnector implements AutoCloseable {
  private final int readyConnections;
  private final String connectorId;
  private final @Nullable String tunnelId;
  private final long configVersion;
  private final String configJson;
  private final String metrics;
  private final LoopbackServerSlot server = new LoopbackServerSlot("fake connector", this::respond);

  private FakeConnector(Builder builder) {
    this.readyConnections = builder.readyConnections;
    this.connectorId = builder.connectorId;
    this.tunnelId = builder.tunnelId;
    this.configVersion = builder.configVersion;
    this.configJson = builder.configJson;
    this.metrics = builder.metrics;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Starts serving on a free loopback port. */
  public FakeConnector start() {
    server.start();
    return this;
  }

  private boolean respond(LoopbackHttpServer.Request request, Socket socket, OutputStream out) throws IOException {
    String path = request.target().split("\\?", 2)[0];
    switch (path) {
      case "/ready" -> {
        int status = readyConnections > 0 ? 200 : 503;
        LoopbackHttpServer.writeResponse(out, status, "text/plain; charset=utf-8",
            "{\"status\":" + status + ",\"readyConnections\":" + readyConnections + ",\"connectorId\":\"" + connectorId + "\"}");
      }
      case "/healthcheck" -> LoopbackHttpServer.writeResponse(out, 200, "text/plain; charset=utf-8", "OK\n");
      case "/config" -> LoopbackHttpServer.writeResponse(out, 200, "application/json",
          "{\"version\":" + configVersion + ",\"config\":" + configJson + "}");
      case "/metrics" -> LoopbackHttpServer.writeResponse(out, 200, "text/plain; version=0.0.4; charset=utf-8", metrics);
      case "/diag/tunnel" -> {
        if (tunnelId == null) {
          LoopbackHttpServer.writeResponse(out, 404, "text/plain; charset=utf-8", "404 page not found\n");
        } else {
          LoopbackHttpServer.writeResponse(out, 200, "application/json", diagTunnel(tunnelId));
        }
      }
      default -> LoopbackHttpServer.writeResponse(out, 404, "text/plain; charset=utf-8", "404 page not found\n");
    }
    return true;
  }

  private String diagTunnel(String tunnel) {
    StringBuilder connections = new StringBuilder();
    for (int i = 0; i < readyConnections; i++) {
      // cloudflared omits index 0 (omitempty)
      connections.append(i == 0 ? "" : ",").append("{\"isConnected\":true,\"protocol\":1,\"edgeAddress\":\"127.0.0.1\"")
          .append(i == 0 ? "" : ",\"index\":" + i).append('}');
    }
    return "{\"tunnelID\":\"" + tunnel + "\",\"connectorID\":\"" + connectorId + "\",\"connections\":[" + connections + "],\"icmp_sources\":[]}";
  }

  /** {@code 127.0.0.1:<port>}, as given to {@code --metrics}. */
  public String address() {
    return "127.0.0.1:" + port();
  }

  /** The port it listens on. */
  public int port() {
    return server.port();
  }

  /** How many requests it answered. */
  public int requestCount() {
    return server.requestCount();
  }

  @Override
  public void close() {
    server.close();
  }

  /** Configures a {@link FakeConnector}. */
  public static final class Builder {
    private int readyConnections = 4;
    private String connectorId = "1f2b3c4d-0000-4000-8000-00000000c0de";
    private @Nullable String tunnelId;
    private long configVersion = -1;
    private String configJson = "{\"ingress\":[{\"service\":\"http_status:503\"}],\"warp-routing\":{},\"originRequest\":{}}";
    private String metrics = "# HELP cloudflared_tunnel_total_requests Amount of requests proxied through all the tunnels\n"
        + "# TYPE cloudflared_tunnel_total_requests counter\ncloudflared_tunnel_total_requests 0\n";

    private Builder() {}

    /** Registered edge connections; 0 makes {@code /ready} answer 503. Default 4. */
    public Builder readyConnections(int value) {
      this.readyConnections = value;
      return this;
    }

    /** The connector id in {@code /ready} and {@code /diag/tunnel}. */
    public Builder connectorId(String value) {
      this.connectorId = Objects.requireNonNull(value, "connectorId");
      return this;
    }

    /** Serves {@code /diag/tunnel} (cloudflared 2024.12+) with this tunnel id. */
    public Builder tunnelId(String value) {
      this.tunnelId = Objects.requireNonNull(value, "tunnelId");
      return this;
    }

    /**
     * The effective configuration served at {@code /config}: the JSON object cloudflared puts under
     * {@code "config"} (ingress, warp-routing, originRequest; durations in seconds), and its version
     * (-1 for a local file, 0 or more when managed remotely).
     */
    public Builder config(String configObjectJson, long version) {
      this.configJson = Objects.requireNonNull(configObjectJson, "configObjectJson");
      this.configVersion = version;
      return this;
    }

    /** The Prometheus text served at {@code /metrics}. */
    public Builder metrics(String prometheusText) {
      this.metrics = Objects.requireNonNull(prometheusText, "prometheusText");
      return this;
    }

    public FakeConnector build() {
      return new FakeConnector(this);
    }
  }
}
