package io.github.tunneldiagnostics.core.internal.logs;

import io.github.tunneldiagnostics.api.check.FindingCode;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Log lines about the connector itself rather than one request: edge connectivity, credentials, ingress
 * and remote configuration (cloudflared-semantics.md §e, §h; failure-modes.md #11–#16).
 */
record ConnectorProblem(String code, List<String> needles, String explanation, String remediation) {

  private static final String EDGE_FIX =
      "Allow outbound UDP and TCP port 7844 to Cloudflare's edge (region1/region2.v2.argotunnel.com) and make sure this host can resolve those names; if only TCP is open, run cloudflared with --protocol http2.";

  /** In order: the first match wins, so the specific texts come before the generic ones. */
  static final List<ConnectorProblem> ALL =
      List.of(
          new ConnectorProblem(
              FindingCode.CONNECTOR_FD_EXHAUSTED,
              List.of("too many open files"),
              "cloudflared ran out of file descriptors (too many open files): new connections to the edge, the origins and the metrics server fail",
              "Raise cloudflared's open-file limit (LimitNOFILE= in its systemd unit, ulimit -n, or the container's nofile ulimit) and restart it; look for an origin or client that keeps connections open."),
          new ConnectorProblem(
              FindingCode.TUNNEL_UNAUTHORIZED,
              List.of("Unauthorized"),
              "the edge rejected the tunnel's credentials (Unauthorized): the token or credentials file is wrong, or the tunnel was deleted",
              "Re-issue the token (dashboard) or the credentials file (cloudflared tunnel token / tunnel create), and check that the config's tunnel: UUID equals the credentials file's TunnelID."),
          new ConnectorProblem(
              FindingCode.CREDENTIALS_INVALID,
              List.of("Provided Tunnel token is not valid"),
              "the tunnel token is not valid",
              "Copy the token again from the dashboard (the whole base64 string), or use a credentials file."),
          new ConnectorProblem(
              FindingCode.CREDENTIALS_INVALID,
              List.of("contained invalid JSON", "Invalid JSON when parsing tunnel credentials file"),
              "the tunnel credentials file is not valid JSON",
              "Restore the credentials file written by cloudflared tunnel create (JSON with AccountTag, TunnelSecret, TunnelID)."),
          new ConnectorProblem(
              FindingCode.CREDENTIALS_MISSING,
              List.of("doesn't exist or is not a file", "tunnel credentials file not found"),
              "the tunnel credentials file does not exist where cloudflared looks for it",
              "Set credentials-file to the path of <TunnelID>.json (readable by the service's user; /root/ vs $HOME differ for services)."),
          new ConnectorProblem(
              FindingCode.NO_INGRESS_LOADED,
              List.of("No ingress rules were defined"),
              "the connector has no ingress rules and answers 503 to every request",
              "Give cloudflared ingress rules: check that the service reads the config file you edited (--config), or add them in the dashboard for a remotely managed tunnel."),
          new ConnectorProblem(
              FindingCode.EDGE_CONNECTION_FAILED,
              List.of(
                  "Unable to establish connection with Cloudflare edge",
                  "Failed to dial a quic connection",
                  "failed to dial to edge",
                  "edge discovery:",
                  "Couldn't resolve SRV record",
                  "Failed to serve quic connection",
                  "Serve tunnel error",
                  "Connection terminated",
                  "no more connections active and exiting"),
              "the connector could not connect to, or lost its connection with, Cloudflare's edge",
              EDGE_FIX));

  static @Nullable ConnectorProblem match(String text) {
    for (ConnectorProblem problem : ALL) {
      for (String needle : problem.needles) {
        if (text.contains(needle)) {
          return problem;
        }
      }
    }
    return null;
  }

  /**
   * The problem a line without level or timestamp states, when it is one of the messages cloudflared prints
   * bare before it exits (it must start with the message, so a quote inside another program's line does
   * not count); null otherwise.
   */
  static @Nullable ConnectorProblem bare(String text) {
    for (ConnectorProblem problem : ALL) {
      if (problem.code.equals(FindingCode.EDGE_CONNECTION_FAILED)) {
        continue;
      }
      for (String needle : problem.needles) {
        if (text.startsWith(needle) || (needle.startsWith("doesn't") && text.startsWith("Tunnel credentials file") && text.contains(needle))) {
          return problem;
        }
      }
    }
    return null;
  }

  /** The messages under which cloudflared logs an ingress it refuses (at start-up, or a remote update). */
  private static final List<String> INGRESS_MESSAGES =
      List.of("Couldn't start tunnel", "Failed to update ingress", "Failed to deserialize new configuration");

  /** cloudflared's own ingress validation errors (ingress/ingress.go; cloudflared-semantics.md §b). */
  private static final List<String> VALIDATION_ERRORS =
      List.of(
          "invalid HTTP status code",
          "unable to create ip rule for",
          "unable to create ip access policy for",
          "is an invalid address, please make sure it has a scheme and a hostname",
          "is an invalid address, ingress rules don't support proxying to a different path",
          "first path segment in URL cannot contain colon",
          "access.TeamName cannot be blank when access.audTags are present",
          "Hostname cannot contain a port",
          "Hostname patterns can have at most one wildcard character",
          "The last ingress rule must match all URLs",
          "but this will match every hostname, meaning the rules which follow it will never be triggered",
          "has an invalid regex",
          "You can't set the --url flag (or $TUNNEL_URL) when using multiple-origin ingress rules",
          "The config file doesn't contain any ingress rules");

  /**
   * {@link FindingCode#INGRESS_INVALID} (or {@link FindingCode#INGRESS_EMPTY}) when the line is cloudflared
   * refusing an ingress for one of its validation errors; null otherwise.
   */
  static @Nullable String ingressCode(String message, String error) {
    if (error.isEmpty() || INGRESS_MESSAGES.stream().noneMatch(message::startsWith)) {
      return null;
    }
    for (String text : VALIDATION_ERRORS) {
      if (error.contains(text)) {
        return text.startsWith("The config file doesn't contain") ? FindingCode.INGRESS_EMPTY : FindingCode.INGRESS_INVALID;
      }
    }
    return null;
  }
}
