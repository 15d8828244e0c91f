package io.github.tunneldiagnostics.core.internal.cloudflareapi;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.matching.StringValuePattern;

/** The WireMock stubs of public-route.md §3.4: bodies are the §3.2 shapes in the v4 envelope. */
final class ApiStubs {
  static final String TOKEN = "test-token";
  static final String ACCOUNT = "0123456789abcdef0123456789abcdef";
  static final String TUNNEL = "6ff42ae2-765d-4adf-8112-31c55c1551ef";
  static final String OTHER_TUNNEL = "c1744f8b-faa1-48a4-9e5c-02ac921467fa";
  static final String ZONE_ID = "023e105f4ecef8ad9ca31a8372d0c353";
  static final String TUNNEL_PATH = "/client/v4/accounts/" + ACCOUNT + "/cfd_tunnel/" + TUNNEL;

  private final WireMockExtension api;

  ApiStubs(WireMockExtension api) {
    this.api = api;
    // lower priority: what the real API answers without, or with a malformed, Authorization header
    api.stubFor(any(anyUrl()).atPriority(10).withHeader("Authorization", absent()).willReturn(json(400,
        "{\"success\":false,\"errors\":[{\"code\":9106,\"message\":\"Missing X-Auth-Key, X-Auth-Email or Authorization headers\"}],"
            + "\"messages\":[],\"result\":null}")));
    api.stubFor(any(anyUrl()).atPriority(9).withHeader("Authorization", notBearerTestToken()).willReturn(json(400,
        "{\"success\":false,\"errors\":[{\"code\":6003,\"message\":\"Invalid request headers\",\"error_chain\":[{\"code\":6111,"
            + "\"message\":\"Invalid format for Authorization header\"}]}],\"messages\":[],\"result\":null}")));
  }

  private static StringValuePattern notBearerTestToken() {
    return com.github.tomakehurst.wiremock.client.WireMock.not(equalTo("Bearer " + TOKEN));
  }

  static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, String body) {
    return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
  }

  static String ok(String result) {
    return "{\"success\":true,\"errors\":[],\"messages\":[],\"result\":" + result + "}";
  }

  static String okList(String result, int count) {
    return "{\"success\":true,\"errors\":[],\"messages\":[],\"result\":" + result + ",\"result_info\":{\"page\":1,\"per_page\":50,"
        + "\"count\":" + count + ",\"total_count\":" + count + ",\"total_pages\":1}}";
  }

  ApiStubs get200(String path, String body) {
    api.stubFor(get(urlPathEqualTo(path)).atPriority(1).withHeader("Authorization", equalTo("Bearer " + TOKEN)).willReturn(json(200, body)));
    return this;
  }

  ApiStubs tunnel(String status, String configSource) {
    return get200(TUNNEL_PATH, ok("{\"id\":\"" + TUNNEL + "\",\"account_tag\":\"" + ACCOUNT + "\",\"created_at\":\"2025-02-18T22:41:43.534395Z\","
        + "\"deleted_at\":null,\"name\":\"example-tunnel\",\"connections\":[],\"conns_active_at\":"
        + (status.equals("inactive") ? "null" : "\"2026-11-25T10:00:00Z\"") + ",\"conns_inactive_at\":"
        + (status.equals("down") ? "\"2026-11-25T11:00:00Z\"" : "null") + ",\"tun_type\":\"cfd_tunnel\",\"metadata\":{},\"status\":\"" + status
        + "\",\"remote_config\":" + configSource.equals("cloudflare") + ",\"config_src\":\"" + configSource + "\"}"));
  }

  ApiStubs tunnelMissing() {
    api.stubFor(get(urlPathEqualTo(TUNNEL_PATH)).atPriority(1).willReturn(json(404,
        "{\"success\":false,\"errors\":[{\"code\":1003,\"message\":\"Tunnel not found\"}],\"messages\":[],\"result\":null}")));
    return this;
  }

  static String client(String id, long configVersion, String version, String colo) {
    return "{\"id\":\"" + id + "\",\"arch\":\"linux_amd64\",\"config_version\":" + configVersion + ",\"features\":[\"ha-origin\"],"
        + "\"run_at\":\"2026-11-25T09:00:00Z\",\"version\":\"" + version + "\",\"conns\":[{\"id\":\"" + id + "\",\"uuid\":\"" + id
        + "\",\"client_id\":\"" + id + "\",\"client_version\":\"" + version + "\",\"colo_name\":\"" + colo + "\",\"is_pending_reconnect\":false,"
        + "\"opened_at\":\"2026-11-25T09:00:01Z\",\"origin_ip\":\"203.0.113.7\"}]}";
  }

  ApiStubs connections(String... clients) {
    return get200(TUNNEL_PATH + "/connections", ok("[" + String.join(",", clients) + "]"));
  }

  ApiStubs configV7() {
    return get200(TUNNEL_PATH + "/configurations", ok("{\"account_id\":\"" + ACCOUNT + "\",\"tunnel_id\":\"" + TUNNEL + "\",\"version\":7,"
        + "\"source\":\"cloudflare\",\"created_at\":\"2026-11-25T08:00:00Z\",\"config\":{\"ingress\":[{\"hostname\":\"app.example.com\","
        + "\"service\":\"http://127.0.0.1:8080\"},{\"service\":\"http_status:404\"}]}}"));
  }

  /** Z1: {@code name=example.com} finds the zone; every other name finds none. */
  ApiStubs zone(String name, String zoneId) {
    api.stubFor(get(urlPathEqualTo("/client/v4/zones")).atPriority(2).withHeader("Authorization", equalTo("Bearer " + TOKEN))
        .willReturn(json(200, okList("[]", 0))));
    api.stubFor(get(urlPathEqualTo("/client/v4/zones")).atPriority(1).withHeader("Authorization", equalTo("Bearer " + TOKEN))
        .withQueryParam("name", equalTo(name))
        .willReturn(json(200, okList("[{\"id\":\"" + zoneId + "\",\"name\":\"" + name + "\",\"status\":\"active\",\"account\":{\"id\":\""
            + ACCOUNT + "\",\"name\":\"Example\"},\"name_servers\":[\"bob.ns.cloudflare.com\",\"lola.ns.cloudflare.com\"]}]", 1))));
    return this;
  }

  static String record(String name, String type, String content, boolean proxied) {
    return "{\"id\":\"372e67954025e0ba6aaa6d586b9e0b59\",\"name\":\"" + name + "\",\"type\":\"" + type + "\",\"content\":\"" + content
        + "\",\"proxiable\":true,\"proxied\":" + proxied + ",\"ttl\":1,\"comment\":null,\"tags\":[],\"settings\":{},\"meta\":{},"
        + "\"created_on\":\"2026-11-01T00:00:00Z\",\"modified_on\":\"2026-11-01T00:00:00Z\"}";
  }

  ApiStubs records(String zoneId, String name, String... records) {
    api.stubFor(get(urlPathEqualTo("/client/v4/zones/" + zoneId + "/dns_records")).atPriority(1)
        .withHeader("Authorization", equalTo("Bearer " + TOKEN)).withQueryParam("name", equalTo(name))
        .willReturn(json(200, okList("[" + String.join(",", records) + "]", records.length))));
    return this;
  }

  ApiStubs recordsStartingWith(String zoneId, String prefix, String... records) {
    api.stubFor(get(urlPathEqualTo("/client/v4/zones/" + zoneId + "/dns_records")).atPriority(1)
        .withHeader("Authorization", equalTo("Bearer " + TOKEN)).withQueryParam("name.startswith", equalTo(prefix))
        .willReturn(json(200, okList("[" + String.join(",", records) + "]", records.length))));
    return this;
  }

  ApiStubs everything(int status, String body) {
    api.stubFor(any(anyUrl()).atPriority(1).withHeader("Authorization", equalTo("Bearer " + TOKEN)).willReturn(json(status, body)));
    return this;
  }

  ApiStubs rateLimited(long retryAfter) {
    api.stubFor(any(anyUrl()).atPriority(1).withHeader("Authorization", equalTo("Bearer " + TOKEN))
        .willReturn(aResponse().withStatus(429).withHeader("retry-after", Long.toString(retryAfter)).withHeader("x-ratelimit-remaining", "0")));
    return this;
  }
}
