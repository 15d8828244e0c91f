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

  /** Whether a line without level or timestamp is one of the bare messages cloudflared prints on exit. */
  static boolean isBareMessage(String text) {
    ConnectorProblem problem = match(text);
    return problem != null && !problem.code.equals(FindingCode.EDGE_CONNECTION_FAILED);
  }
}
