package io.github.tunneldiagnostics.core.internal.publicroute;

/**
 * Whose 502 the edge showed (public-route.md §2.4): the edge renders the same page for cloudflared's own
 * 502 and for an origin's 502, so only local evidence tells them apart.
 */
enum BadGatewayAttribution {
  /** cloudflared could not reach the origin: its log has an error with the probe's {@code cf-ray}, or
   * {@code cloudflared_tunnel_request_errors} rose during the probe. */
  CLOUDFLARED("cloudflared"),
  /** The origin itself answered 502: cloudflared logged the request without an error, or
   * {@code cloudflared_tunnel_response_by_code{status_code="502"}} rose. */
  ORIGIN("origin"),
  /** The log covers the probe's time but has no line with its {@code cf-ray}: another connector, or
   * another tunnel, served it. */
  NOT_IN_LOG("not this connector's log"),
  /** No log or metrics to decide with. */
  UNKNOWN("unknown");

  private final String evidence;

  BadGatewayAttribution(String evidence) {
    this.evidence = evidence;
  }

  /** The value of evidence {@code attribution}. */
  String evidence() {
    return evidence;
  }
}
