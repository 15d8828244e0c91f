package io.github.tunneldiagnostics.core.internal.cloudflareapi;

import io.github.tunneldiagnostics.api.check.Check;
import io.github.tunneldiagnostics.api.check.CheckContext;
import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.ingress.ConfigSource;
import io.github.tunneldiagnostics.core.internal.publicroute.PublicTarget;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The account's view ({@code --cloudflare-api}): the tunnel (status, config source), its connectors
 * (config versions, cloudflared versions), the remote configuration, and each public hostname's zone and
 * DNS records. A rejected token stops the API calls with {@code API_TOKEN_INVALID}; a missing
 * permission skips that call with {@code API_PERMISSION_MISSING}; the other checks of the diagnosis run
 * either way. At most a few calls per hostname, all within the deadline.
 */
public final class CloudflareApiCheck implements Check {
  public static final String ID = "cloudflare-api";

  private final ApiSettings settings;
  private final @Nullable String localTunnelId;

  /**
   * @param localTunnelId the tunnel this connector serves (config, credentials or the running connector), or null
   */
  public CloudflareApiCheck(ApiSettings settings, @Nullable String localTunnelId) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.localTunnelId = localTunnelId;
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String description() {
    return "the Cloudflare account's view (read-only API)";
  }

  @Override
  public List<Finding> run(CheckContext context) {
    ApiToken token = settings.token();
    if (token == null) {
      return List.of(ApiFindings.skipped("no token", "The Cloudflare API checks were skipped: no API token was found.",
          "Set CLOUDFLARE_API_TOKEN to a read-only token (" + ApiFindings.TUNNEL_READ + ", " + ApiFindings.ZONE_READ + ", "
              + ApiFindings.DNS_READ + ").", null));
    }
    String account = settings.accountId();
    if (account == null) {
      return List.of(ApiFindings.skipped("no account id", "The Cloudflare API checks were skipped: no account id was found.",
          "Set CLOUDFLARE_ACCOUNT_ID (32 hexadecimal characters), or pass the tunnel's credentials file, whose AccountTag names it.", null));
    }
    String auth = "token present (prefix " + token.kind() + "), account " + account + " from " + settings.accountSource();
    AccountReader reader = new AccountReader(new CloudflareApiClient(settings, context.clock(), context.deadline()), account);
    List<Finding> findings = new ArrayList<>();
    try {
      if (!new TunnelReview(reader, localTunnelId, auth, fileIngress(context)).review(findings)) {
        return findings; // the token was rejected: no further call can succeed
      }
      PublicTarget.Plan plan = PublicTarget.plan(context.ingress(), context.routes());
      new RecordReview(reader, localTunnelId, auth).review(plan.targets(), findings);
    } catch (ApiUnavailableException e) {
      findings.add(ApiFindings.unavailable(e, auth));
    }
    return findings;
  }

  private static boolean fileIngress(CheckContext context) {
    return context.ingress().source().kind() == ConfigSource.Kind.FILE && !context.ingress().rules().isEmpty();
  }

  /** Groups evidence common to this check's findings. */
  static Map<String, String> evidence(ApiReply reply, String auth) {
    Map<String, String> evidence = new LinkedHashMap<>();
    evidence.put("source", "api");
    evidence.put("api.endpoint", reply.endpoint());
    evidence.put("api.httpStatus", Integer.toString(reply.httpStatus()));
    evidence.put("api.auth", auth);
    return evidence;
  }

  @Override
  public String toString() {
    return "CloudflareApiCheck[" + settings.baseUrl() + ", " + settings.token() + ", tunnel " + localTunnelId + "]";
  }
}
