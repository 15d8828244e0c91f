package io.github.tunneldiagnostics.core.internal.edge;

/** The cases of public-route.md §2.3: who answered and what the answer means. */
public enum EdgeCase {
  /** No {@code cf-ray} and {@code server} is not {@code cloudflare}: not Cloudflare at all. */
  NOT_CLOUDFLARE,
  /** {@code cf-mitigated: challenge}: a managed, JS or interactive challenge answered first. */
  CHALLENGE,
  /** A redirect to Cloudflare Access's login. */
  ACCESS_LOGIN,
  /** 401/403 carrying {@code CF-Access-Aud}: Access refused. */
  ACCESS_DENIED,
  /** Error 1033 (530): no healthy connector for the tunnel the hostname points at. */
  TUNNEL_DOWN,
  /** Error 1016 (530): the record's target does not resolve. */
  ORIGIN_DNS,
  /** Error 1014: CNAME across accounts. */
  CNAME_CROSS_ACCOUNT,
  /** Error 1000: the record points at a Cloudflare address. */
  PROHIBITED_IP,
  /** Error 1015 (429): rate limited by a zone rule. */
  RATE_LIMITED,
  /** Error 1020 and its family: a WAF rule blocked the request. */
  WAF_BLOCK,
  /** A Cloudflare 502 page: something behind the edge failed (cloudflared or the origin, §2.4). */
  BAD_GATEWAY,
  /** Error 524: no response header from behind the edge within the zone's proxy read timeout. */
  TIMEOUT,
  /** Another Cloudflare-generated 5xx (500, 504, 520–523, 525, 526). */
  EDGE_5XX,
  /** A 530 without a readable 1xxx code. */
  EDGE_1XXX_UNKNOWN,
  /** An empty 404: cloudflared's {@code http_status:404} catch-all (or an origin's own empty 404). */
  CATCH_ALL_404,
  /** An empty 503: cloudflared with no ingress rules (or an origin's own empty 503). */
  NO_INGRESS_503,
  /** Anything else: the request went through to an origin. */
  REACHED_ORIGIN
}
