package io.github.tunneldiagnostics.core.internal.config;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The keys cloudflared knows in each part of {@code config.yml} (cloudflared-semantics.md §a), and the
 * closest valid key for a typo.
 */
final class KnownKeys {
  /** Keys of the top-level struct; every other top-level key is read as a CLI flag. */
  static final List<String> TOP_LEVEL = List.of("tunnel", "ingress", "warp-routing", "originRequest");

  static final List<String> RULE = List.of("hostname", "path", "service", "originRequest");

  static final List<String> ORIGIN_REQUEST =
      List.of(
          "connectTimeout",
          "tlsTimeout",
          "tcpKeepAlive",
          "noHappyEyeballs",
          "keepAliveConnections",
          "keepAliveTimeout",
          "httpHostHeader",
          "originServerName",
          "matchSNItoHost",
          "caPool",
          "noTLSVerify",
          "disableChunkedEncoding",
          "bastionMode",
          "proxyAddress",
          "proxyPort",
          "proxyType",
          "ipRules",
          "http2Origin",
          "access");

  static final List<String> ACCESS = List.of("required", "teamName", "audTag", "environment");
  static final List<String> IP_RULE = List.of("prefix", "ports", "allow");
  static final List<String> WARP_ROUTING = List.of("connectTimeout", "maxActiveFlows", "tcpKeepAlive");

  /**
   * Flag names of {@code cloudflared tunnel} and {@code tunnel run} (cmd/cloudflared/tunnel/cmd.go,
   * subcommands.go, flags/flags.go, cliutil/logger.go, ingress/config.go), plus the legacy ones older
   * configs still carry. cloudflared reads any of them as a top-level config key.
   */
  static final Set<String> CLOUDFLARED_FLAGS =
      Set.of(
          "config", "origincert", "credentials-file", "cred-file", "credentials-contents", "token", "token-file",
          "metrics", "metrics-update-freq", "loglevel", "transport-loglevel", "logfile", "log-directory", "output",
          "log-level", "trace-output", "protocol", "no-autoupdate", "autoupdate-freq", "is-autoupdated",
          "grace-period", "retries", "max-edge-addr-retries", "ha-connections", "edge-ip-version",
          "edge-bind-address", "region", "edge", "cacert", "url", "hello-world", "unix-socket", "bastion", "socks5",
          "proxy-connect-timeout", "proxy-tls-timeout", "proxy-tcp-keepalive", "proxy-no-happy-eyeballs",
          "proxy-keepalive-connections", "proxy-keepalive-timeout", "proxy-connection-timeout",
          "proxy-expect-continue-timeout", "http-host-header", "origin-server-name", "match-sni-to-host",
          "origin-ca-pool", "no-tls-verify", "no-chunked-encoding", "http2-origin", "proxy-address", "proxy-port",
          "ssh-server", "local-ssh-port", "ssh-idle-timeout", "ssh-max-timeout", "bucket-name", "region-name",
          "secret-id", "access-key-id", "session-token", "s3-url-host", "host-key-path", "rpc-timeout",
          "write-stream-timeout", "quic-disable-pmtu-discovery", "quic-connection-level-flow-control-limit",
          "quic-stream-level-flow-control-limit", "ui", "label", "max-active-flows", "tag", "post-quantum",
          "allowed-mail", "features", "force", "lb-pool", "icmpv4-src", "icmpv6-src", "name", "no-prechecks",
          "disable-path-normalization", "api-url", "dns-resolver-addrs", "management-hostname", "auto-close",
          "management-diagnostics", "pidfile", "hostname", "id", "overwrite-dns", "compression-quality",
          "use-reconnect-token", "dial-edge-timeout", "stdin-control", "heartbeat-interval", "heartbeat-count",
          "api-key", "api-email", "api-ca-key", "service-op-ip", "proxy-dns", "proxy-dns-port",
          "proxy-dns-address", "proxy-dns-upstream", "proxy-dns-max-upstream-conns", "proxy-dns-bootstrap",
          "quick-service", "json", "diag-container-id", "diag-pod-id", "no-diag-logs", "no-diag-metrics",
          "no-diag-system", "no-diag-runtime", "no-diag-network", "selector", "virtual-network", "vnet");

  private KnownKeys() {}

  /** True when cloudflared reads {@code key} at the top level (a struct field or a flag name). */
  static boolean isKnownTopLevel(String key) {
    return TOP_LEVEL.contains(key) || CLOUDFLARED_FLAGS.contains(key);
  }

  /**
   * The valid key closest to {@code key}: a case-insensitive (and {@code _}/{@code -}-insensitive) match
   * first, else the nearest by edit distance when it is close enough to be a typo.
   */
  static Optional<String> closest(String key, Iterable<String> candidates) {
    String wanted = normalise(key);
    if (wanted.length() > 64) {
      return Optional.empty();
    }
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : candidates) {
      String normalised = normalise(candidate);
      if (normalised.equals(wanted)) {
        return Optional.of(candidate);
      }
      int distance = distance(wanted, normalised);
      if (distance < bestDistance) {
        bestDistance = distance;
        best = candidate;
      }
    }
    int allowed = Math.max(2, wanted.length() / 3);
    return best != null && bestDistance <= allowed ? Optional.of(best) : Optional.empty();
  }

  /** The closest top-level key among the struct keys and every flag name. */
  static Optional<String> closestTopLevel(String key) {
    java.util.ArrayList<String> all = new java.util.ArrayList<>(TOP_LEVEL);
    all.addAll(CLOUDFLARED_FLAGS.stream().sorted().toList());
    return closest(key, all);
  }

  private static String normalise(String key) {
    return key.toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** Levenshtein distance with adjacent transpositions (optimal string alignment). */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
