package io.github.tunneldiagnostics.testkit;

import io.github.tunneldiagnostics.api.DiagnosisReport;
import io.github.tunneldiagnostics.api.internal.Redaction;
import io.github.tunneldiagnostics.core.ConfigException;
import io.github.tunneldiagnostics.core.RuleMatch;
import io.github.tunneldiagnostics.core.TunnelDiagnostics;
import java.time.Duration;

/**
 * One public URL of a tunnel: which rule serves it (cloudflared's exact matching) and whether that
 * rule's origin answers the way cloudflared reaches it. Assert on it with
 * {@link TunnelAssertions#assertThat(TunnelRoute)}.
 */
public final class TunnelRoute {
  private final TunnelRoutes tunnel;
  private final String url;

  TunnelRoute(TunnelRoutes tunnel, String url) {
    this.tunnel = tunnel;
    this.url = url;
  }

  /** The URL asked about. */
  public String url() {
    return url;
  }

  /** The tunnel this route belongs to. */
  public TunnelRoutes tunnel() {
    return tunnel;
  }

  /**
   * The rule cloudflared picks for this URL.
   *
   * @throws IllegalArgumentException when the URL has no host (cloudflared's own message)
   */
  public RuleMatch match() {
    try {
      return TunnelDiagnostics.forModel(tunnel.model()).match(url);
    } catch (ConfigException e) {
      throw new IllegalStateException("a model in hand is never loaded: " + e.getMessage(), e); // cannot happen
    }
  }

  /** Probes the serving rule's origin exactly the way cloudflared reaches it, within the tunnel's timeout. */
  public DiagnosisReport diagnose() {
    return diagnose(tunnel.timeout());
  }

  /** As {@link #diagnose()}, bounded by {@code timeout}. */
  public DiagnosisReport diagnose(Duration timeout) {
    return TunnelDiagnostics.forModel(tunnel.model())
        .url(url)
        .resolver(tunnel.resolver())
        .timeout(timeout)
        .probeOrigins();
  }

  @Override
  public String toString() {
    return Redaction.redact(url);
  }
}
