package io.github.tunneldiagnostics.core.internal.dns;

/** What the DNS of a public hostname says about its route (public-route.md §1.4), first match wins. */
public enum DnsOutcome {
  /** Every server that answered said NXDOMAIN (or the name has no address at all). */
  NOT_FOUND,
  /** The chain shows {@code <uuid>.cfargotunnel.com} or the unroutable {@code fd10:aec2:5dae::}: a DNS-only record. */
  NOT_PROXIED,
  /** Every address is one of Cloudflare's: proxied, visitors reach the edge. */
  CLOUDFLARE,
  /** Addresses outside Cloudflare's ranges and no tunnel CNAME: visitors never reach Cloudflare. */
  NOT_CLOUDFLARE,
  /** No server answered (timeouts, SERVFAIL, unreachable): nothing can be concluded. */
  UNANSWERED
}
