package io.github.tunneldiagnostics.core.internal.fix;

import io.github.tunneldiagnostics.api.check.Remedy;
import io.github.tunneldiagnostics.core.ConfigException;
import io.github.tunneldiagnostics.core.internal.cloudflareapi.AccountReader;
import io.github.tunneldiagnostics.core.internal.cloudflareapi.ApiReply;
import io.github.tunneldiagnostics.core.internal.cloudflareapi.ApiSettings;
import io.github.tunneldiagnostics.core.internal.cloudflareapi.ApiUnavailableException;
import io.github.tunneldiagnostics.core.internal.cloudflareapi.CloudflareApiClient;
import io.github.tunneldiagnostics.core.internal.config.ConfigLoader;
import io.github.tunneldiagnostics.core.internal.report.JsonTree;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The Cloudflare API request that makes a remotely managed tunnel's changes: {@code PUT
 * /accounts/{account_id}/cfd_tunnel/{tunnel_id}/configurations} with the whole remote configuration (read
 * with a GET, the changes made on it) as its body. It is only built and shown, never sent: the doctor's
 * token is read-only, and a person decides. The token never appears in it; the command reads it from the
 * environment ({@code $CLOUDFLARE_API_TOKEN}).
 */
public final class RemoteApiRequest {
  private static final Pattern UUID = Pattern.compile("(?i)[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  private static final Pattern TUNNEL_ID = Pattern.compile("\"TunnelID\"\\s*:\\s*\"([0-9a-fA-F-]{36})\"");

  /**
   * One request, as a person would send it.
   *
   * @param method always {@code PUT}
   * @param url the endpoint
   * @param body the JSON body, {@code {"config": {...}}}
   */
  public record Request(String method, String url, String body) {
    public Request {
      Objects.requireNonNull(method, "method");
      Objects.requireNonNull(url, "url");
      Objects.requireNonNull(body, "body");
    }

    /** The request as a curl command line that takes the token from the environment (never the token itself). */
    public String curl() {
      return "curl -X " + method + " \"" + url + "\" \\\n  -H \"Authorization: Bearer $CLOUDFLARE_API_TOKEN\" \\\n"
          + "  -H \"Content-Type: application/json\" \\\n  --data @- <<'JSON'\n" + body + (body.endsWith("\n") ? "" : "\n") + "JSON\n";
    }
  }

  /**
   * The request, or why there is none.
   *
   * @param request the request to show, null when it could not be built
   * @param problem why not, one sentence; null when there is a request
   */
  public record Outcome(@Nullable Request request, @Nullable String problem) {}

  private RemoteApiRequest() {}

  /**
   * Reads the tunnel's remote configuration (one GET) and builds the PUT that makes {@code changes} on it.
   *
   * @param settings the account's settings (token, account id, base URL); a missing account id is taken from
   *     the config's credentials file ({@code AccountTag})
   * @param configFile the config file, for the tunnel's id ({@code tunnel:} or the credentials' {@code TunnelID})
   */
  public static Outcome build(ApiSettings settings, Path configFile, List<Remedy> changes, Clock clock, Instant deadline) {
    Optional<Path> credentials = credentialsFile(configFile);
    ApiSettings api = settings.withAccountFrom(credentials.orElse(null));
    String tunnelId = tunnelId(configFile, credentials).orElse(null);
    if (changes.isEmpty()) {
      return new Outcome(null, "no change to make");
    }
    if (api.token() == null) {
      return new Outcome(null, "no Cloudflare API token (CLOUDFLARE_API_TOKEN or --api-token-file) to read the remote configuration with");
    }
    String account = api.accountId();
    if (account == null) {
      return new Outcome(null, "no Cloudflare account id (--account-id, CLOUDFLARE_ACCOUNT_ID or the credentials file's AccountTag)");
    }
    if (tunnelId == null) {
      return new Outcome(null, "the tunnel's id is unknown: neither the config's tunnel: nor its credentials file names it");
    }
    ApiReply reply;
    try {
      reply = new AccountReader(new CloudflareApiClient(api, clock, deadline), account).configuration(tunnelId);
    } catch (ApiUnavailableException e) {
      return new Outcome(null, "the remote configuration could not be read: " + e.getMessage());
    }
    if (!reply.ok() || !(reply.result() instanceof Map<?, ?> result) || !(result.get("config") instanceof Map<?, ?> config)) {
      return new Outcome(null, "the remote configuration could not be read (" + reply.endpoint() + ": HTTP " + reply.httpStatus()
          + (reply.errors().isEmpty() ? "" : ", " + reply.errorText()) + ")");
    }
    @SuppressWarnings("unchecked")
    RemoteChanges.Applied applied = RemoteChanges.apply((Map<String, Object>) config, changes);
    if (applied.config() == null) {
      return new Outcome(null, Objects.requireNonNullElse(applied.problem(), "the changes cannot be made"));
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("config", applied.config());
    String url = api.baseUrl().toString().replaceAll("/+$", "") + "/accounts/" + account + "/cfd_tunnel/" + tunnelId.toLowerCase(Locale.ROOT)
        + "/configurations";
    return new Outcome(new Request("PUT", url, JsonTree.render(body)), null);
  }

  /** The config's {@code credentials-file}, relative to the config's directory. */
  private static Optional<Path> credentialsFile(Path configFile) {
    try {
      Optional<String> setting = ConfigLoader.load(configFile).setting("credentials-file");
      if (setting.isEmpty()) {
        return Optional.empty();
      }
      Path file = Path.of(setting.get());
      Path directory = configFile.toAbsolutePath().getParent();
      return Optional.of(file.isAbsolute() || directory == null ? file : directory.resolve(file));
    } catch (ConfigException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** The tunnel's UUID: the config's {@code tunnel:} when that is a UUID, else the credentials file's {@code TunnelID}. */
  static Optional<String> tunnelId(Path configFile, Optional<Path> credentials) {
    try {
      String tunnel = ConfigLoader.load(configFile).tunnel();
      if (tunnel != null && UUID.matcher(tunnel).matches()) {
        return Optional.of(tunnel.toLowerCase(Locale.ROOT));
      }
    } catch (ConfigException | RuntimeException e) {
      return Optional.empty();
    }
    if (credentials.isEmpty()) {
      return Optional.empty();
    }
    // best effort: a missing, unreadable, special or oversized file gives no tunnel id
    String text = io.github.tunneldiagnostics.core.internal.files.BoundedFile.readTextOrNull(credentials.get(), 65535);
    if (text != null) {
      Matcher matcher = TUNNEL_ID.matcher(text);
      if (matcher.find()) {
        return Optional.of(matcher.group(1).toLowerCase(Locale.ROOT));
      }
    }
    return Optional.empty();
  }
}
