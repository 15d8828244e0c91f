package io.github.tunneldiagnostics.core.internal.cloudflareapi;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The typed calls of public-route.md §3.2 over one {@link CloudflareApiClient}. Each returns the reply;
 * the caller decides what a failure means. Zone lookups are cached, so a zone is asked about once.
 */
public final class AccountReader {
  private static final int PER_PAGE = 50;

  private final CloudflareApiClient client;
  private final String accountId;
  private final Map<String, ApiReply> zoneLookups = new HashMap<>();

  public AccountReader(CloudflareApiClient client, String accountId) {
    this.client = client;
    this.accountId = accountId;
  }

  /** A1: the tunnel. */
  public ApiReply tunnel(String tunnelId) throws ApiUnavailableException {
    return client.get("/accounts/" + accountId + "/cfd_tunnel/" + tunnelId, Map.of());
  }

  /** A2: its connectors. */
  public ApiReply connections(String tunnelId) throws ApiUnavailableException {
    return client.get("/accounts/" + accountId + "/cfd_tunnel/" + tunnelId + "/connections", Map.of());
  }

  /** A3: its remote configuration. */
  public ApiReply configuration(String tunnelId) throws ApiUnavailableException {
    return client.get("/accounts/" + accountId + "/cfd_tunnel/" + tunnelId + "/configurations", Map.of());
  }

  /** The result of a successful A1. */
  public static TunnelInfo tunnelOf(ApiReply reply) {
    return TunnelInfo.from(Json.object(reply.result()));
  }

  /** The result of a successful A2. */
  public static List<ConnectorInfo> connectorsOf(ApiReply reply) {
    List<ConnectorInfo> connectors = new ArrayList<>();
    for (Object client : Json.array(reply.result())) {
      connectors.add(ConnectorInfo.from(Json.object(client)));
    }
    return connectors;
  }

  /** The result of a successful A3. */
  public static RemoteConfiguration configurationOf(ApiReply reply) {
    return RemoteConfiguration.from(Json.object(reply.result()));
  }

  /** The result of a zone lookup: the zone, or the failed reply, or neither (no zone holds the name). */
  public record ZoneLookup(@Nullable ZoneInfo zone, @Nullable ApiReply failure) {}

  /**
   * Z1: the zone of {@code host}: {@code GET /zones?name=} for the host, then each parent, stopping at
   * the first non-empty answer (the longest match); never guessed from the last two labels.
   */
  public ZoneLookup zoneOf(String host) throws ApiUnavailableException {
    String candidate = host;
    while (candidate.indexOf('.') > 0) {
      ApiReply reply = zoneLookups.get(candidate);
      if (reply == null) {
        reply = client.get("/zones", orderedQuery("name", candidate, "per_page", Integer.toString(PER_PAGE)));
        zoneLookups.put(candidate, reply);
      }
      if (!reply.ok()) {
        return new ZoneLookup(null, reply);
      }
      List<Object> zones = Json.array(reply.result());
      if (!zones.isEmpty()) {
        return new ZoneLookup(ZoneInfo.from(Json.object(zones.get(0))), null);
      }
      candidate = candidate.substring(candidate.indexOf('.') + 1);
    }
    return new ZoneLookup(null, null);
  }

  /** Z2: the records named exactly {@code name} in {@code zone}. */
  public ApiReply records(ZoneInfo zone, String name) throws ApiUnavailableException {
    return client.get("/zones/" + zone.id() + "/dns_records", orderedQuery("name", name, "per_page", "100"));
  }

  /** Z2: the records whose name starts with {@code prefix} in {@code zone} (the wrong-zone search). */
  public ApiReply recordsStartingWith(ZoneInfo zone, String prefix) throws ApiUnavailableException {
    return client.get("/zones/" + zone.id() + "/dns_records", orderedQuery("name.startswith", prefix, "per_page", "100"));
  }

  /** The records of a successful Z2. */
  public static List<DnsRecordInfo> recordsOf(ApiReply reply) {
    List<DnsRecordInfo> records = new ArrayList<>();
    for (Object record : Json.array(reply.result())) {
      records.add(DnsRecordInfo.from(Json.object(record)));
    }
    return records;
  }

  /** The remote configuration of {@code tunnelId} when the tunnel is remotely managed and it has ingress. */
  public Optional<RemoteConfiguration> remoteIngress(String tunnelId) throws ApiUnavailableException {
    ApiReply tunnel = tunnel(tunnelId);
    if (!tunnel.ok() || !tunnelOf(tunnel).configSource().equals("cloudflare")) {
      return Optional.empty();
    }
    ApiReply configuration = configuration(tunnelId);
    if (!configuration.ok()) {
      return Optional.empty();
    }
    RemoteConfiguration remote = configurationOf(configuration);
    return remote.hasIngress() ? Optional.of(remote) : Optional.empty();
  }

  private static Map<String, String> orderedQuery(String... pairs) {
    Map<String, String> query = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      query.put(pairs[i], pairs[i + 1]);
    }
    return query;
  }
}
