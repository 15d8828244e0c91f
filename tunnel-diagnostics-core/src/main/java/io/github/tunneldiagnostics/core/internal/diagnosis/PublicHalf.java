package io.github.tunneldiagnostics.core.internal.diagnosis;

import io.github.tunneldiagnostics.core.internal.files.BoundedFile;
import io.github.tunneldiagnostics.api.check.Check;
import io.github.tunneldiagnostics.api.ingress.IngressModel;
import io.github.tunneldiagnostics.core.ConfigException;
import io.github.tunneldiagnostics.core.internal.cloudflareapi.AccountReader;
import io.github.tunneldiagnostics.core.internal.cloudflareapi.ApiSettings;
import io.github.tunneldiagnostics.core.internal.cloudflareapi.ApiUnavailableException;
import io.github.tunneldiagnostics.core.internal.cloudflareapi.CloudflareApiClient;
import io.github.tunneldiagnostics.core.internal.cloudflareapi.RemoteConfiguration;
import io.github.tunneldiagnostics.core.internal.config.ConnectorConfigParser;
import io.github.tunneldiagnostics.core.internal.connector.ConnectorReport;
import io.github.tunneldiagnostics.core.internal.publicroute.PublicRouteCheck;
import io.github.tunneldiagnostics.core.internal.publicroute.PublicRouteSettings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wires the public checks ({@code --public}, {@code --cloudflare-api}) into a diagnosis with what the local side knows. */
final class PublicHalf {
  private static final Logger LOG = LoggerFactory.getLogger(PublicHalf.class);
  private static final Pattern UUID = Pattern.compile("(?i)[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  private static final Pattern TUNNEL_ID = Pattern.compile("\"TunnelID\"\\s*:\\s*\"([0-9a-fA-F-]{36})\"");
  /** The remote configuration's source location, as the report writers recognise it. */
  static final String REMOTE = "Cloudflare API";

  private PublicHalf() {}

  /** The tunnel this connector serves: the running connector's, the config's {@code tunnel:} UUID, or the credentials' TunnelID. */
  static @Nullable String localTunnelId(@Nullable IngressModel model, @Nullable ConnectorReport connector) {
    if (connector != null && connector.tunnel() != null) {
      return connector.tunnel().tunnelId().toLowerCase(Locale.ROOT);
    }
    if (model == null) {
      return null;
    }
    String tunnel = model.tunnel();
    if (tunnel != null && UUID.matcher(tunnel).matches()) {
      return tunnel.toLowerCase(Locale.ROOT);
    }
    Path credentials = credentialsFile(model);
    if (credentials != null) {
      String text = BoundedFile.readTextOrNull(credentials, 65536); // never a FIFO or a device, never more than 64 KiB
      if (text != null) {
        Matcher matcher = TUNNEL_ID.matcher(text);
        if (matcher.find()) {
          return matcher.group(1).toLowerCase(Locale.ROOT);
        }
      } else {
        LOG.debug("cannot read the credentials file {}", credentials);
      }
    }
    return null;
  }

  /** The config's {@code credentials-file}, relative paths taken from the config's directory. */
  static @Nullable Path credentialsFile(@Nullable IngressModel model) {
    if (model == null) {
      return null;
    }
    Optional<String> setting = model.setting("credentials-file");
    if (setting.isEmpty()) {
      return null;
    }
    Path path = Path.of(setting.get());
    Path file = model.source().file();
    return path.isAbsolute() || file == null || file.getParent() == null ? path : file.getParent().resolve(path);
  }

  static ApiSettings withAccount(ApiSettings api, @Nullable IngressModel file) {
    return api.withAccountFrom(credentialsFile(file));
  }

  /** The public check, told the tunnel id, the logs and the connector's metrics server for attributing a 502. */
  static Check publicCheck(PublicRouteSettings base, @Nullable String tunnelId, List<Path> logs, @Nullable ConnectorReport connector) {
    PublicRouteSettings.Builder settings = base.toBuilder().localTunnelId(tunnelId).logs(logs);
    if (connector != null && connector.address() != null) {
      settings.metrics(URI.create("http://" + connector.address()));
    }
    return new PublicRouteCheck(settings.build());
  }

  /**
   * The tunnel's remote ingress when the account says it is remotely managed, as a model to match and probe
   * (the file's tunnel and load findings kept); null when it is not, or the API cannot tell by {@code deadline}
   * (the API check then reports why).
   */
  static @Nullable IngressModel remoteIngress(ApiSettings api, String tunnelId, @Nullable IngressModel file, Clock clock, Instant deadline) {
    if (api.token() == null || api.accountId() == null) {
      return null;
    }
    try {
      AccountReader reader = new AccountReader(new CloudflareApiClient(api, clock, deadline), api.accountId());
      Optional<RemoteConfiguration> remote = reader.remoteIngress(tunnelId);
      if (remote.isEmpty()) {
        return null;
      }
      IngressModel model = ConnectorConfigParser.parse(remote.get().json(), REMOTE);
      return file == null ? model : model.toBuilder().tunnel(model.tunnel() != null ? model.tunnel() : file.tunnel())
          .loadFindings(file.loadFindings()).build();
    } catch (ApiUnavailableException | ConfigException e) {
      LOG.debug("the remote configuration of tunnel {} could not be read", tunnelId, e);
      return null;
    }
  }
}
