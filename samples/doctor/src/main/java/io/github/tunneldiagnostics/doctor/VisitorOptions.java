package io.github.tunneldiagnostics.doctor;

import io.github.tunneldiagnostics.core.CloudflareApiOptions;
import io.github.tunneldiagnostics.core.PublicRouteOptions;
import io.github.tunneldiagnostics.core.TunnelDiagnostics;
import io.github.tunneldiagnostics.core.internal.cloudflareapi.ApiSettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * {@code --public} (with {@code --resolve}, {@code --dns-server}, {@code --edge-ca}) and {@code
 * --cloudflare-api} (with {@code --api-url}, {@code --api-token-file}, {@code --account-id}): the visitor's
 * side and the account's view, shared by {@code diagnose} and {@code fix}.
 */
final class VisitorOptions {

  @Option(names = "--public",
      description = "Also check each public hostname as a visitor: its DNS, then one request through Cloudflare's edge.")
  boolean publicRoute;

  @Option(names = "--resolve", paramLabel = "HOST:PORT:ADDR",
      description = "With --public: connect to ADDR for HOST:PORT, exactly like curl's --resolve (repeatable); "
          + "no connection then goes to the addresses DNS answered.")
  List<String> resolves = new ArrayList<>();

  @Option(names = "--dns-server", paramLabel = "ADDR[:PORT]",
      description = "With --public: ask this DNS server instead of the system's resolvers (repeatable).")
  List<String> dnsServers = new ArrayList<>();

  @Option(names = "--edge-ca", paramLabel = "PEM",
      description = "With --public: also trust these roots for the edge's certificate (a TLS-inspecting proxy's; repeatable).")
  List<Path> edgeCas = new ArrayList<>();

  @Option(names = "--cloudflare-api",
      description = "Also read the Cloudflare account (read-only): tunnel status, connectors, remote configuration, DNS records. "
          + "Token from CLOUDFLARE_API_TOKEN, account from CLOUDFLARE_ACCOUNT_ID or the credentials file's AccountTag.")
  boolean cloudflareApi;

  @Option(names = "--api-url", paramLabel = "URL",
      description = "With --cloudflare-api: the API's base URL (default: https://api.cloudflare.com/client/v4).")
  @Nullable String apiUrl;

  @Option(names = "--api-token-file", paramLabel = "FILE",
      description = "With --cloudflare-api: read the API token from FILE instead of CLOUDFLARE_API_TOKEN.")
  @Nullable Path apiTokenFile;

  @Option(names = "--account-id", paramLabel = "ID",
      description = "With --cloudflare-api: the account id (32 hex characters), over CLOUDFLARE_ACCOUNT_ID.")
  @Nullable String accountId;

  /** True when any visitor option (--resolve, --dns-server, --edge-ca) or --cloudflare-api is given. */
  boolean anyGivenBesidesPublic() {
    return !resolves.isEmpty() || !dnsServers.isEmpty() || !edgeCas.isEmpty() || cloudflareApi;
  }

  /** Adds --public and --cloudflare-api with their options; their options without them are usage errors. */
  TunnelDiagnostics apply(TunnelDiagnostics diagnostics, DoctorContext context) {
    if (!publicRoute && !(resolves.isEmpty() && dnsServers.isEmpty() && edgeCas.isEmpty())) {
      throw new UsageException("--resolve, --dns-server and --edge-ca apply to the public checks: add --public");
    }
    if (!cloudflareApi && (apiUrl != null || apiTokenFile != null || accountId != null)) {
      throw new UsageException("--api-url, --api-token-file and --account-id apply to the account checks: add --cloudflare-api");
    }
    TunnelDiagnostics result = diagnostics;
    if (publicRoute) {
      PublicRouteOptions.Builder visitor = PublicRouteOptions.builder();
      try {
        resolves.forEach(visitor::resolve);
        dnsServers.forEach(visitor::dnsServer);
      } catch (IllegalArgumentException e) {
        throw new UsageException(String.valueOf(e.getMessage()));
      }
      edgeCas.forEach(pem -> visitor.edgeCa(LogFiles.readable(pem, "--edge-ca file")));
      try {
        result = result.publicRoute(visitor.build());
      } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
        throw new UsageException("--edge-ca: " + e.getMessage());
      }
    }
    if (cloudflareApi) {
      result = result.cloudflareApi(cloudflareApiOptions(context));
    }
    return result;
  }

  /**
   * The account's settings for the API request that {@code fix} shows for a remotely managed tunnel (token from
   * the environment or --api-token-file, account from --account-id or the environment; the credentials file's
   * AccountTag is added by the caller).
   */
  ApiSettings apiSettings(DoctorContext context) {
    URI uri = apiUrl == null ? null : apiUri(apiUrl);
    try {
      return ApiSettings.from(context.environment(), uri, apiTokenFile != null ? LogFiles.readable(apiTokenFile, "--api-token-file") : null,
          accountId, null);
    } catch (java.io.IOException e) {
      throw new UsageException("cannot read the --api-token-file '" + apiTokenFile + "': " + e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new UsageException(String.valueOf(e.getMessage()));
    }
  }

  private static URI apiUri(String apiUrl) {
    try {
      URI uri = new URI(apiUrl);
      if (uri.getHost() == null || !(uri.getScheme().equals("https") || uri.getScheme().equals("http"))) {
        throw new URISyntaxException(apiUrl, "expected http(s)://HOST[:PORT]/PATH");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new UsageException("--api-url " + apiUrl + ": " + e.getMessage());
    }
  }

  /** The account options of --cloudflare-api (token from the environment or --api-token-file). */
  CloudflareApiOptions cloudflareApiOptions(DoctorContext context) {
    CloudflareApiOptions.Builder account = CloudflareApiOptions.builder().environment(context.environment()).accountId(accountId)
        .tokenFile(apiTokenFile != null ? LogFiles.readable(apiTokenFile, "--api-token-file") : null);
    if (apiUrl != null) {
      account.apiUrl(apiUri(apiUrl));
    }
    try {
      return account.build();
    } catch (IllegalArgumentException e) {
      throw new UsageException(String.valueOf(e.getMessage()));
    }
  }
}
