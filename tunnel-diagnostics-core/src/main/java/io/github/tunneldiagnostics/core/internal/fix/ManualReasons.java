package io.github.tunneldiagnostics.core.internal.fix;

import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.check.FindingCode;
import io.github.tunneldiagnostics.api.ingress.IngressModel;
import org.jspecify.annotations.Nullable;

/** Why a finding's cause lies outside the config file, in one sentence, for its manual remedy. */
final class ManualReasons {
  private ManualReasons() {}

  static String why(Finding finding, @Nullable IngressModel model) {
    String code = finding.code();
    if (model != null && model.source().isRemotelyManaged() && (code.startsWith("RULE_")
        || code.startsWith("WILDCARD_") || code.startsWith("INGRESS_") || code.equals(FindingCode.HOSTNAME_NOT_ROUTED))) {
      return "The tunnel is managed remotely (dashboard or API): the config file's ingress is ignored, so the change belongs there.";
    }
    return switch (finding.code()) {
      case FindingCode.ORIGIN_CONNECTION_REFUSED, FindingCode.ORIGIN_CONNECT_TIMEOUT, FindingCode.ORIGIN_NO_RESPONSE,
          FindingCode.ORIGIN_UNIX_SOCKET_MISSING -> "The app is not running or not answering where the rule points; no config change starts it.";
      case FindingCode.ORIGIN_HTTP_ERROR, FindingCode.ORIGIN_SLOW, FindingCode.ORIGIN_REDIRECT_LOOP, FindingCode.ORIGIN_PROXY_HEADERS_REJECTED,
          FindingCode.ORIGIN_H2C_ONLY, FindingCode.ORIGIN_WEBSOCKET_REJECTED -> "The app itself answers this way; the change belongs in the app.";
      case FindingCode.ORIGIN_CERT_EXPIRED, FindingCode.ORIGIN_CERT_UNTRUSTED, FindingCode.ORIGIN_CERT_NAME_MISMATCH ->
          "The origin's certificate is the problem; turning verification off would hide it, so the certificate (or caPool) must change.";
      case FindingCode.CONNECTOR_REMOTE_CONFIG, FindingCode.REMOTE_CONFIG_NOT_DELIVERED ->
          "The tunnel is managed remotely (dashboard or API): the config file's ingress is ignored, so the change belongs there.";
      case FindingCode.CONNECTOR_NOT_FOUND, FindingCode.CONNECTOR_NOT_READY, FindingCode.CONNECTOR_DEGRADED, FindingCode.CONNECTOR_CONFIG_DRIFT,
          FindingCode.CONNECTOR_FD_EXHAUSTED, FindingCode.EDGE_CONNECTION_FAILED, FindingCode.TUNNEL_UNAUTHORIZED ->
          "The running connector (cloudflared) must change or restart; the config file is not the cause.";
      case FindingCode.CREDENTIALS_MISSING, FindingCode.CREDENTIALS_INVALID, FindingCode.TUNNEL_ID_MISMATCH, FindingCode.CA_POOL_UNREADABLE ->
          "A file the connector needs is missing or wrong; only a person with the tunnel's credentials can provide it.";
      case FindingCode.ORIGIN_HOST_GATEWAY_MISSING, FindingCode.ORIGIN_NOT_ON_CONNECTOR_NETWORK, FindingCode.ORIGIN_LOOPBACK_IN_CONTAINER ->
          "The container's network decides this (compose file, docker run flags or pod spec), not cloudflared's config alone.";
      default -> "No safe change to the config file fixes this on its own.";
    };
  }
}
