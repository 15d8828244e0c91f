package io.github.tunneldiagnostics.testkit.fake;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;

/**
 * The read-only part of the Cloudflare API v4 that {@code --cloudflare-api} calls, on a loopback port, with
 * the real envelopes ({@code {"success","errors","messages","result"}}, public-route.md §3): the tunnel
 * (status, {@code config_src}), its connectors, its remote configuration, zones by name and DNS records by
 * name. Every call needs {@code Authorization: Bearer <token>}; without it the answer is the API's 400
 * {@code 9106}, with another value its 400 {@code 6003}/{@code 6111}. {@link Builder#forbidden()} answers
 * every call 403 {@code 10000}, {@link Builder#rateLimited(long)} 429 with {@code retry-after}.
 *
 * <pre>{@code
 * try (FakeCloudflareApi api = FakeCloudflareApi.builder()
 *     .tunnel("6ff42ae2-765d-4adf-8112-31c55c1551ef", "down", "local")
 *     .zone("example.com")
 *     .record("app.example.com", "CNAME", "6ff42ae2-765d-4adf-8112-31c55c1551ef.cfargotunnel.com", true)
 *     .build().start()) {
 *   URI base = api.baseUrl(); // http://127.0.0.1:<port>/client/v4, for --api-url
 * }
 * }</pre>
 */
public final class FakeCloudflareApi implements AutoCloseable {
  /** The token the fake accepts unless {@link Builder#token(String)} names another. */
  public static final String TOKEN = "test-token";
  /** The account id of the fake's tunnel unless {@link Builder#account(String)} names another. */
  public static final String ACCOUNT = "0123456789abcdef0123456789abcdef";

  private final String token;
  private final String account;
  private final @Nullable String tunnelId;
  private final String tunnelStatus;
  private final String configSource;
  private final List<String> connectors;
  private final @Nullable String configuration;
  private final Map<String, String> zones;
  private final List<String[]> records;
  private final int forcedStatus;
  private final long retryAfter;
  private final List<String> calls = new CopyOnWriteArrayList<>();
  private final LoopbackServerSlot server = new LoopbackServerSlot("fake Cloudflare API", this::respond);

  private FakeCloudflareApi(Builder builder) {
    this.token = builder.token;
    this.account = builder.account;
    this.tunnelId = builder.tunnelId;
    this.tunnelStatus = builder.tunnelStatus;
    this.configSource = builder.configSource;
    this.connectors = List.copyOf(builder.connectors);
    this.configuration = builder.configuration;
    this.zones = Map.copyOf(builder.zones);
    this.records = List.copyOf(builder.records);
    this.forcedStatus = builder.forcedStatus;
    this.retryAfter = builder.retryAfter;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Starts listening on a free loopback port. */
  public FakeCloudflareApi start() {
    server.start();
    return this;
  }

  /** {@code http://127.0.0.1:<port>/client/v4}: the base URL for {@code --api-url}. */
  public URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.port() + "/client/v4");
  }

  /** The calls received, as {@code GET /path?query}, in order. */
  public List<String> calls() {
    return List.copyOf(calls);
  }

  private boolean respond(LoopbackHttpServer.Request request, Socket socket, OutputStream out) throws IOException {
    calls.add(request.method() + " " + request.target().replaceFirst("^/client/v4", ""));
    String authorization = request.header("Authorization");
    if (authorization.isEmpty()) {
      return send(out, 400, error(9106, "Missing X-Auth-Key, X-Auth-Email or Authorization headers"), null);
    }
    if (!authorization.equals("Bearer " + token)) {
      return send(out, 400, "{\"success\":false,\"errors\":[{\"code\":6003,\"message\":\"Invalid request headers\",\"error_chain\":[{\"code\":6111,"
          + "\"message\":\"Invalid format for Authorization header\"}]}],\"messages\":[],\"result\":null}", null);
    }
    if (forcedStatus == 429) {
      return send(out, 429, "", Long.toString(retryAfter));
    }
    if (forcedStatus == 403) {
      return send(out, 403, error(10000, "Authentication error"), null);
    }
    URI uri = URI.create(request.target());
    String path = uri.getRawPath().replaceFirst("^/client/v4", "");
    Map<String, String> query = query(uri.getRawQuery());
    String tunnelPath = "/accounts/" + account + "/cfd_tunnel/" + tunnelId;
    if (!request.method().equals("GET")) {
      return send(out, 405, error(10405, "Method not allowed"), null);
    }
    if (tunnelId != null && path.equals(tunnelPath)) {
      return send(out, 200, ok("{\"id\":\"" + tunnelId + "\",\"account_tag\":\"" + account + "\",\"name\":\"fake-tunnel\",\"connections\":[],"
          + "\"conns_active_at\":" + (tunnelStatus.equals("inactive") ? "null" : "\"2026-11-25T10:00:00Z\"") + ",\"conns_inactive_at\":"
          + (tunnelStatus.equals("down") ? "\"2026-11-25T11:00:00Z\"" : "null") + ",\"tun_type\":\"cfd_tunnel\",\"status\":\"" + tunnelStatus
          + "\",\"remote_config\":" + configSource.equals("cloudflare") + ",\"config_src\":\"" + configSource + "\"}"), null);
    }
    if (tunnelId != null && path.equals(tunnelPath + "/connections")) {
      return send(out, 200, ok("[" + String.join(",", connectors) + "]"), null);
    }
    if (tunnelId != null && path.equals(tunnelPath + "/configurations")) {
      return send(out, 200, ok(configuration != null ? configuration : "{\"tunnel_id\":\"" + tunnelId + "\",\"version\":0,\"config\":null}"), null);
    }
    if (path.startsWith("/accounts/")) {
      return send(out, 404, error(1003, "Tunnel not found"), null);
    }
    if (path.equals("/zones")) {
      String name = query.getOrDefault("name", "");
      String id = zones.get(name.toLowerCase(Locale.ROOT));
      return send(out, 200, list(id == null ? List.of() : List.of("{\"id\":\"" + id + "\",\"name\":\"" + name.toLowerCase(Locale.ROOT)
          + "\",\"status\":\"active\",\"account\":{\"id\":\"" + account + "\",\"name\":\"Fake\"}}")), null);
    }
    for (Map.Entry<String, String> zone : zones.entrySet()) {
      if (path.equals("/zones/" + zone.getValue() + "/dns_records")) {
        return send(out, 200, list(records(zone.getKey(), query)), null);
      }
    }
    return send(out, 400, "{\"success\":false,\"errors\":[{\"code\":7003,\"message\":\"Could not route to " + path + ", perhaps your object "
        + "identifier is invalid?\"},{\"code\":7000,\"message\":\"No route for that URI\"}],\"messages\":[],\"result\":null}", null);
  }

  private List<String> records(String zone, Map<String, String> query) {
    String exact = query.getOrDefault("name", query.get("name.exact"));
    String prefix = query.get("name.startswith");
    List<String> found = new ArrayList<>();
    for (String[] record : records) {
      String name = record[0];
      if (!(name.equals(zone) || name.endsWith("." + zone))) {
        continue;
      }
      if ((exact != null && name.equals(exact.toLowerCase(Locale.ROOT))) || (prefix != null && name.startsWith(prefix.toLowerCase(Locale.ROOT)))) {
        found.add("{\"id\":\"" + Integer.toHexString(name.hashCode()) + "\",\"name\":\"" + name + "\",\"type\":\"" + record[1] + "\",\"content\":\""
            + record[2] + "\",\"proxiable\":true,\"proxied\":" + record[3] + ",\"ttl\":1,\"comment\":null,\"tags\":[]}");
      }
    }
    return found;
  }

  private static Map<String, String> query(@Nullable String raw) {
    Map<String, String> query = new LinkedHashMap<>();
    if (raw == null) {
      return query;
    }
    for (String pair : raw.split("&")) {
      int equals = pair.indexOf('=');
      if (equals > 0) {
        query.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8), URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
      }
    }
    return query;
  }

  private static String ok(String result) {
    return "{\"success\":true,\"errors\":[],\"messages\":[],\"result\":" + result + "}";
  }

  private static String list(List<String> items) {
    return "{\"success\":true,\"errors\":[],\"messages\":[],\"result\":[" + String.join(",", items) + "],\"result_info\":{\"page\":1,"
        + "\"per_page\":50,\"count\":" + items.size() + ",\"total_count\":" + items.size() + ",\"total_pages\":1}}";
  }

  private static String error(int code, String message) {
    return "{\"success\":false,\"errors\":[{\"code\":" + code + ",\"message\":\"" + message + "\"}],\"messages\":[],\"result\":null}";
  }

  private static boolean send(OutputStream out, int status, String body, @Nullable String retryAfter) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    String head = "HTTP/1.1 " + status + " " + (status == 200 ? "OK" : "Error") + "\r\nContent-Type: application/json\r\n"
        + (retryAfter != null ? "retry-after: " + retryAfter + "\r\nx-ratelimit-remaining: 0\r\n" : "")
        + "Content-Length: " + bytes.length + "\r\n\r\n";
    out.write(head.getBytes(StandardCharsets.ISO_8859_1));
    out.write(bytes);
    return true;
  }

  @Override
  public void close() {
    server.close();
  }

  /** Builds a {@link FakeCloudflareApi}. */
  public static final class Builder {
    private String token = TOKEN;
    private String account = ACCOUNT;
    private @Nullable String tunnelId;
    private String tunnelStatus = "healthy";
    private String configSource = "local";
    private final List<String> connectors = new ArrayList<>();
    private @Nullable String configuration;
    private final Map<String, String> zones = new LinkedHashMap<>();
    private final List<String[]> records = new ArrayList<>();
    private int forcedStatus;
    private long retryAfter;

    private Builder() {}

    /** The token every call must carry (default {@value FakeCloudflareApi#TOKEN}). */
    public Builder token(String value) {
      this.token = Objects.requireNonNull(value, "token");
      return this;
    }

    /** The account id in the paths (default {@value FakeCloudflareApi#ACCOUNT}). */
    public Builder account(String value) {
      this.account = Objects.requireNonNull(value, "account").toLowerCase(Locale.ROOT);
      return this;
    }

    /**
     * The tunnel: its id, {@code status} ({@code healthy}, {@code degraded}, {@code down}, {@code inactive}) and
     * {@code config_src} ({@code local} or {@code cloudflare}). Other tunnel ids answer 404.
     */
    public Builder tunnel(String id, String status, String configSrc) {
      this.tunnelId = Objects.requireNonNull(id, "id").toLowerCase(Locale.ROOT);
      this.tunnelStatus = Objects.requireNonNull(status, "status");
      this.configSource = Objects.requireNonNull(configSrc, "configSrc");
      return this;
    }

    /** A connector of the tunnel: its id, cloudflared version and the remote configuration version it runs. */
    public Builder connector(String id, String version, long configVersion) {
      connectors.add("{\"id\":\"" + id + "\",\"arch\":\"linux_amd64\",\"config_version\":" + configVersion + ",\"version\":\"" + version
          + "\",\"run_at\":\"2026-11-25T09:00:00Z\",\"conns\":[{\"id\":\"" + id + "\",\"client_id\":\"" + id + "\",\"client_version\":\"" + version
          + "\",\"colo_name\":\"AMS\",\"is_pending_reconnect\":false,\"opened_at\":\"2026-11-25T09:00:01Z\",\"origin_ip\":\"203.0.113.7\"}]}");
      return this;
    }

    /** The remote configuration: its version and the {@code config} object as JSON, e.g. {@code {"ingress":[...]}}. */
    public Builder remoteConfig(long version, String configJson) {
      this.configuration = "{\"tunnel_id\":\"" + tunnelId + "\",\"version\":" + version + ",\"source\":\"cloudflare\",\"config\":"
          + Objects.requireNonNull(configJson, "configJson") + "}";
      return this;
    }

    /** A zone of the account, by its apex name. */
    public Builder zone(String apex) {
      String name = Objects.requireNonNull(apex, "apex").toLowerCase(Locale.ROOT);
      zones.put(name, String.format("%032x", name.hashCode() & 0xffffffffL));
      return this;
    }

    /** A DNS record in the zone that holds {@code name}. */
    public Builder record(String name, String type, String content, boolean proxied) {
      records.add(new String[] {name.toLowerCase(Locale.ROOT), type, content, Boolean.toString(proxied)});
      return this;
    }

    /** Every call answers 403 {@code 10000 Authentication error}: a token without the permissions. */
    public Builder forbidden() {
      this.forcedStatus = 403;
      return this;
    }

    /** Every call answers 429 with {@code retry-after: seconds}. */
    public Builder rateLimited(long seconds) {
      this.forcedStatus = 429;
      this.retryAfter = seconds;
      return this;
    }

    public FakeCloudflareApi build() {
      return new FakeCloudflareApi(this);
    }
  }
}
