package io.github.tunneldiagnostics.core;

import io.github.tunneldiagnostics.api.internal.Redaction;
import io.github.tunneldiagnostics.core.internal.cloudflareapi.ApiSettings;
import io.github.tunneldiagnostics.core.internal.cloudflareapi.ApiToken;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How {@link TunnelDiagnostics#diagnose()} reads what only the Cloudflare account knows
 * ({@code --cloudflare-api}): the tunnel's status and config source, its connectors, the remote
 * configuration, the public hostnames' DNS records. Read-only: every call is a GET. The token comes from a
 * file, or {@code CLOUDFLARE_API_TOKEN} (also {@code CF_API_TOKEN}); the account from
 * {@link Builder#accountId(String)}, {@code CLOUDFLARE_ACCOUNT_ID} (also {@code CF_ACCOUNT_ID}), or the
 * tunnel credentials file's {@code AccountTag}. cert.pem is never read for its token. The token is never
 * printed: not by {@link #toString()}, not in a finding, a log line or an exception.
 *
 * <pre>{@code
 * TunnelDiagnostics.forConfig(config).cloudflareApi(CloudflareApiOptions.fromEnvironment()).diagnose();
 * }</pre>
 */
public final class CloudflareApiOptions {
  private final ApiSettings settings;

  private CloudflareApiOptions(ApiSettings settings) {
    this.settings = settings;
  }

  /**
   * The token and account from this process's environment, the API at {@code https://api.cloudflare.com/client/v4}.
   *
   * @throws IllegalArgumentException when a value is malformed (never quoting the token)
   */
  public static CloudflareApiOptions fromEnvironment() {
    return builder().environment(System.getenv()).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  ApiSettings settings() {
    return settings;
  }

  /** Whether a token was found. */
  public boolean hasToken() {
    return settings.token() != null;
  }

  /** The account id, when one was found. */
  public @Nullable String accountId() {
    return settings.accountId();
  }

  @Override
  public String toString() {
    return Redaction.redact("CloudflareApiOptions[" + settings.baseUrl() + ", " + (settings.token() != null ? settings.token() : "no token")
        + ", account " + (settings.accountId() != null ? settings.accountId() + " from " + settings.accountSource() : "unknown") + "]");
  }

  /** Builds {@link CloudflareApiOptions}. The token given is kept only inside the built value. */
  public static final class Builder {
    private final Map<String, String> environment = new LinkedHashMap<>();
    private @Nullable URI apiUrl;
    private @Nullable Path tokenFile;
    private @Nullable String accountId;
    private @Nullable Path credentialsFile;

    private Builder() {}

    /** Reads {@code CLOUDFLARE_API_TOKEN}, {@code CF_API_TOKEN}, {@code CLOUDFLARE_ACCOUNT_ID} and {@code CF_ACCOUNT_ID} from {@code variables}. */
    public Builder environment(Map<String, String> variables) {
      for (String name : new String[] {"CLOUDFLARE_API_TOKEN", "CF_API_TOKEN", "CLOUDFLARE_ACCOUNT_ID", "CF_ACCOUNT_ID"}) {
        String value = variables.get(name);
        if (value != null) {
          environment.put(name, value);
        }
      }
      return this;
    }

    /** The token itself (takes precedence over the environment). */
    public Builder token(String token) {
      ApiToken.of(Objects.requireNonNull(token, "token")); // refuses an empty token or a global key now
      environment.put("CLOUDFLARE_API_TOKEN", token);
      return this;
    }

    /** Reads the token from this file's first line (takes precedence over everything else). */
    public Builder tokenFile(@Nullable Path file) {
      this.tokenFile = file;
      return this;
    }

    /** The API's base URL ({@code --api-url}); default {@code https://api.cloudflare.com/client/v4}. */
    public Builder apiUrl(@Nullable URI url) {
      this.apiUrl = url;
      return this;
    }

    /** The account id (32 hexadecimal characters), over the environment's. */
    public Builder accountId(@Nullable String value) {
      this.accountId = value;
      return this;
    }

    /** The tunnel credentials file whose {@code AccountTag} names the account when nothing else does. */
    public Builder credentialsFile(@Nullable Path file) {
      this.credentialsFile = file;
      return this;
    }

    /**
     * Builds the options.
     *
     * @throws IllegalArgumentException when the token file cannot be read, or a value is malformed; the
     *     message names the file or variable, never the token
     */
    public CloudflareApiOptions build() {
      try {
        return new CloudflareApiOptions(ApiSettings.from(environment, apiUrl, tokenFile, accountId, credentialsFile));
      } catch (IOException e) {
        throw new IllegalArgumentException("cannot read the API token file " + tokenFile + ": " + e.getMessage(), e);
      }
    }

    @Override
    public String toString() {
      return Redaction.redact("CloudflareApiOptions.Builder[" + (environment.containsKey("CLOUDFLARE_API_TOKEN") || environment.containsKey("CF_API_TOKEN")
          ? "token present" : "no token") + "]");
    }
  }
}
