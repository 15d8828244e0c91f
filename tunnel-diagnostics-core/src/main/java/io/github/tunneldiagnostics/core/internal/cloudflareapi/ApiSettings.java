package io.github.tunneldiagnostics.core.internal.cloudflareapi;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Where and as whom to call the API.
 *
 * @param baseUrl e.g. {@code https://api.cloudflare.com/client/v4} ({@code --api-url}); tests use a loopback WireMock
 * @param token the read-only token, or null when none was found
 * @param accountId the account's 32-hex id, or null when none was found
 * @param accountSource where the account id came from, e.g. {@code CLOUDFLARE_ACCOUNT_ID}
 */
public record ApiSettings(URI baseUrl, @Nullable ApiToken token, @Nullable String accountId, String accountSource) {
  public static final URI DEFAULT_BASE_URL = URI.create("https://api.cloudflare.com/client/v4");
  private static final Pattern ACCOUNT_TAG = Pattern.compile("\"AccountTag\"\\s*:\\s*\"([0-9a-fA-F]{32})\"");
  private static final Pattern ACCOUNT_ID = Pattern.compile("[0-9a-fA-F]{32}");

  public ApiSettings {
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(accountSource, "accountSource");
    String scheme = String.valueOf(baseUrl.getScheme()).toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !scheme.equals("http")) {
      throw new IllegalArgumentException("the API URL must be http(s)://… but was " + baseUrl);
    }
  }

  /**
   * The settings from the environment, first found: the token from {@code tokenFile}, else
   * {@code CLOUDFLARE_API_TOKEN}, else {@code CF_API_TOKEN}; the account from {@code accountId}, else
   * {@code CLOUDFLARE_ACCOUNT_ID}, else {@code CF_ACCOUNT_ID}, else the credentials file's
   * {@code AccountTag}. cert.pem is never read for its token.
   *
   * @throws IOException when the token file cannot be read
   * @throws IllegalArgumentException when a token or account id is malformed (the message never holds the token)
   */
  public static ApiSettings from(
      Map<String, String> environment, @Nullable URI baseUrl, @Nullable Path tokenFile, @Nullable String accountId,
      @Nullable Path credentialsFile) throws IOException {
    ApiToken token = null;
    if (tokenFile != null) {
      token = ApiToken.fromFile(tokenFile);
    } else if (nonBlank(environment.get("CLOUDFLARE_API_TOKEN"))) {
      token = ApiToken.of(environment.getOrDefault("CLOUDFLARE_API_TOKEN", ""));
    } else if (nonBlank(environment.get("CF_API_TOKEN"))) {
      token = ApiToken.of(environment.getOrDefault("CF_API_TOKEN", ""));
    }
    String account = null;
    String source = "none";
    if (accountId != null && nonBlank(accountId)) {
      account = accountId.strip();
      source = "--account-id";
    } else if (nonBlank(environment.get("CLOUDFLARE_ACCOUNT_ID"))) {
      account = environment.getOrDefault("CLOUDFLARE_ACCOUNT_ID", "").strip();
      source = "CLOUDFLARE_ACCOUNT_ID";
    } else if (nonBlank(environment.get("CF_ACCOUNT_ID"))) {
      account = environment.getOrDefault("CF_ACCOUNT_ID", "").strip();
      source = "CF_ACCOUNT_ID";
    } else if (credentialsFile != null && Files.isReadable(credentialsFile) && Files.size(credentialsFile) < 65536) {
      Matcher matcher = ACCOUNT_TAG.matcher(Files.readString(credentialsFile));
      if (matcher.find()) {
        account = matcher.group(1);
        source = "AccountTag of " + credentialsFile;
      }
    }
    if (account != null && !ACCOUNT_ID.matcher(account).matches()) {
      throw new IllegalArgumentException("the Cloudflare account id from " + source + " is '" + account
          + "', not 32 hexadecimal characters (find it in the dashboard's URL or the account's overview)");
    }
    return new ApiSettings(baseUrl != null ? baseUrl : DEFAULT_BASE_URL, token, account != null ? account.toLowerCase(Locale.ROOT) : null, source);
  }

  /**
   * These settings, with the account taken from the credentials file's {@code AccountTag} when none is
   * known yet (the config's {@code credentials-file}); unchanged when the file cannot be read.
   */
  public ApiSettings withAccountFrom(@Nullable Path credentialsFile) {
    if (accountId != null || credentialsFile == null) {
      return this;
    }
    try {
      if (Files.isReadable(credentialsFile) && Files.size(credentialsFile) < 65536) {
        Matcher matcher = ACCOUNT_TAG.matcher(Files.readString(credentialsFile));
        if (matcher.find()) {
          return new ApiSettings(baseUrl, token, matcher.group(1).toLowerCase(Locale.ROOT), "AccountTag of " + credentialsFile);
        }
      }
    } catch (IOException e) {
      // the check then says that no account id was found
    }
    return this;
  }

  private static boolean nonBlank(@Nullable String value) {
    return value != null && !value.isBlank();
  }
}
