package io.github.tunneldiagnostics.api.check;

/**
 * The stable finding codes the built-in checks report, exactly those of the project's findings
 * contract ({@code docs/findings.md}). Codes are public API: a code never changes meaning once
 * released, and none is ever renamed. Custom checks may use their own codes.
 */
public final class FindingCode {
  private FindingCode() {}


  // ---- The pipeline itself
  /** WARNING: a check threw, or did not finish before its deadline: the report names the check, the exception type and message (or the timeout), and every other check still reports */
  public static final String CHECK_FAILED = "CHECK_FAILED";

  /** INFO: a check could not run because what it needs failed or is absent (e.g. TLS checks when TCP was refused): say which prerequisite */
  public static final String CHECK_SKIPPED = "CHECK_SKIPPED";


  // ---- Configuration (static; no network)
  /** ERROR: no config file at the given path, or none in cloudflared's default search path */
  public static final String CONFIG_NOT_FOUND = "CONFIG_NOT_FOUND";

  /** ERROR: the YAML does not parse, or a value has the wrong type (e.g. connectTimeout: 30 — durations must be strings like 30s); give line and column */
  public static final String CONFIG_YAML_INVALID = "CONFIG_YAML_INVALID";

  /** WARNING: a key cloudflared ignores (typo such as noTlsVerify, originrequest, conectTimeout): name the closest valid key */
  public static final String CONFIG_UNKNOWN_KEY = "CONFIG_UNKNOWN_KEY";

  /** ERROR: no ingress rules: cloudflared answers 503 to everything */
  public static final String INGRESS_EMPTY = "INGRESS_EMPTY";

  /** ERROR: any of cloudflared's own validation errors; evidence.cloudflaredMessage holds cloudflared's exact text (see cloudflared-semantics.md §b), so users recognise it */
  public static final String INGRESS_INVALID = "INGRESS_INVALID";

  /** WARNING: an earlier rule matches every request a later rule could match (e.g. *.example.com before api.example.com, or the same hostname twice without paths) */
  public static final String RULE_UNREACHABLE = "RULE_UNREACHABLE";

  /** ERROR: the hostname/URL asked about falls through to the catch-all; say which rule the user probably meant (nearest hostname, apex vs wildcard) */
  public static final String HOSTNAME_NOT_ROUTED = "HOSTNAME_NOT_ROUTED";

  /** WARNING: a rule *.example.com exists and example.com itself is asked about or has no rule: wildcards never match the apex */
  public static final String WILDCARD_APEX_UNMATCHED = "WILDCARD_APEX_UNMATCHED";

  /** INFO: a path rule like /api also matches /v2/api/x because cloudflared's match is unanchored; show an example path that matches unexpectedly. A glob-looking path (/*, /api/*) is a regex whose * repeats the previous character: say so, and suggest the anchored regex that means what the glob meant (^/api(/|$)), never one that still matches the surprise example */
  public static final String PATH_REGEX_UNANCHORED = "PATH_REGEX_UNANCHORED";

  /** WARNING: a value holds ${VAR}, $VAR or {{ … }}: cloudflared expands no variables in its config file, so the rule matches that literal text (a hostname) or dials it (a service); name the value and say to render the template before cloudflared reads it */
  public static final String CONFIG_TEMPLATE_UNEXPANDED = "CONFIG_TEMPLATE_UNEXPANDED";

  /** WARNING: noTLSVerify: true on a rule: traffic works but the origin is not authenticated */
  public static final String TLS_VERIFY_DISABLED = "TLS_VERIFY_DISABLED";

  /** ERROR: caPool names a file that is missing or not PEM: cloudflared refuses to start */
  public static final String CA_POOL_UNREADABLE = "CA_POOL_UNREADABLE";

  /** ERROR / WARNING: the credentials file named or implied does not exist. ERROR when diagnosing the connector's own host (diagnose); WARNING in validate, the testkit and anything run off the connector host, saying that only the connector host needs it. Like cloudflared tunnel ingress rule, match never refuses because of it, nor because of any finding outside ingress validation */
  public static final String CREDENTIALS_MISSING = "CREDENTIALS_MISSING";

  /** WARNING: the file under diagnosis is not the one the running connector reads (its --config, its service unit's, or the first file of cloudflared's search order): edits to it change nothing; name the file that is in use */
  public static final String CONFIG_NOT_IN_USE = "CONFIG_NOT_IN_USE";

  /** ERROR: the credentials file is not the expected JSON, or TunnelSecret is not base64 */
  public static final String CREDENTIALS_INVALID = "CREDENTIALS_INVALID";

  /** ERROR: the config's tunnel: UUID differs from the credentials file's TunnelID (cloudflared silently uses the config's and the edge rejects it) */
  public static final String TUNNEL_ID_MISMATCH = "TUNNEL_ID_MISMATCH";


  // ---- Connector (the running cloudflared: metrics server, process)
  /** ERROR / INFO: ERROR when a metrics address was given (or a running cloudflared process names one) and nothing answers there, and ERROR when this host is evidently the connector's host (the config is in cloudflared's search path or named by a service unit, or its credentials file is here) but no cloudflared process runs: visitors get 530 / error 1033. INFO only when the defaults localhost:20241–20245 were tried off the connector host (connectors before 2024.12 pick a random port): say how to point at it */
  public static final String CONNECTOR_NOT_FOUND = "CONNECTOR_NOT_FOUND";

  /** INFO: the connector runs in its own network namespace (a container): runtime, container id, its addresses, gateway and nameservers; the origin checks ran from that namespace, or the report says they could not (see containers.md) */
  public static final String CONNECTOR_IN_CONTAINER = "CONNECTOR_IN_CONTAINER";

  /** WARNING: the connector's namespace or files could not be read or entered (not root, nsenter missing or refused): the origin checks ran from this host's view and may differ from cloudflared's; name the privilege that is missing */
  public static final String CONNECTOR_NOT_INSPECTABLE = "CONNECTOR_NOT_INSPECTABLE";

  /** WARNING: replicas of one tunnel (several connectors on this host, or the API's connections) run different ingress, config versions or cloudflared versions: a visitor's answer depends on the connection; name each replica and the difference */
  public static final String CONNECTOR_CONFIG_DIVERGENT = "CONNECTOR_CONFIG_DIVERGENT";

  /** ERROR / WARNING: the connector logs too many open files or uses at least 95 % of its open-file limit (ERROR), or at least 80 % (WARNING); evidence: the limit and the count from /proc */
  public static final String CONNECTOR_FD_EXHAUSTED = "CONNECTOR_FD_EXHAUSTED";

  /** ERROR: /ready answers 503 / readyConnections is 0: visitors get 530 / error 1033 */
  public static final String CONNECTOR_NOT_READY = "CONNECTOR_NOT_READY";

  /** WARNING: fewer ready connections than expected (4 by default) */
  public static final String CONNECTOR_DEGRADED = "CONNECTOR_DEGRADED";

  /** ERROR: the running connector serves another tunnel ID than the config names */
  public static final String CONNECTOR_WRONG_TUNNEL = "CONNECTOR_WRONG_TUNNEL";

  /** ERROR: the running connector's ingress (/config) differs from the file: it must be restarted; list the differing rules */
  public static final String CONNECTOR_CONFIG_DRIFT = "CONNECTOR_CONFIG_DRIFT";

  /** WARNING: /config reports version at least 0: the ingress is managed remotely (dashboard/API) and the file's ingress is ignored */
  public static final String CONNECTOR_REMOTE_CONFIG = "CONNECTOR_REMOTE_CONFIG";


  // ---- Logs (the connector's log file, console or JSON format)
  /** ERROR: the connector cannot connect to Cloudflare's edge (7844 blocked, discovery failed) */
  public static final String EDGE_CONNECTION_FAILED = "EDGE_CONNECTION_FAILED";

  /** ERROR: the edge rejects the tunnel's credentials or token */
  public static final String TUNNEL_UNAUTHORIZED = "TUNNEL_UNAUTHORIZED";

  /** ERROR: the connector says it has no ingress rules and answers 503 */
  public static final String NO_INGRESS_LOADED = "NO_INGRESS_LOADED";

  /** WARNING: the log holds origin failures whose cause no other code covers: count per rule, one sample line. A log with unexplained failed requests is never HEALTHY */
  public static final String ORIGIN_FAILURE_UNCLASSIFIED = "ORIGIN_FAILURE_UNCLASSIFIED";

  /** INFO / WARNING: lines that are not cloudflared's were skipped (counts by reason), or the file ends early (a truncated gzip): WARNING when it ends early or more than half of it was skipped */
  public static final String LOG_INPUT_SKIPPED = "LOG_INPUT_SKIPPED";


  // ---- Origin (the local service, probed the way cloudflared reaches it)
  /** ERROR: the service host does not resolve in cloudflared's resolver (its hosts file and nameservers, which differ from this host's when it runs in a container; e.g. a container name) */
  public static final String ORIGIN_UNRESOLVABLE = "ORIGIN_UNRESOLVABLE";

  /** ERROR: the service host is loopback or localhost, the connector runs in its own network namespace where nothing listens on that port, and the port listens in another namespace (the host's, another container's): say where, and which fix applies (host network, host-gateway, a shared network) */
  public static final String ORIGIN_LOOPBACK_IN_CONTAINER = "ORIGIN_LOOPBACK_IN_CONTAINER";

  /** ERROR: the service name is unknown to (or unreachable from) the connector's namespace, but a container or namespace on this machine with that name or port sits on a network the connector is not attached to */
  public static final String ORIGIN_NOT_ON_CONNECTOR_NETWORK = "ORIGIN_NOT_ON_CONNECTOR_NETWORK";

  /** ERROR: host.docker.internal (or host.containers.internal) does not resolve inside the connector's Linux container: add extra_hosts: ["host.docker.internal:host-gateway"] */
  public static final String ORIGIN_HOST_GATEWAY_MISSING = "ORIGIN_HOST_GATEWAY_MISSING";

  /** WARNING / ERROR: the connector's environment sets HTTP_PROXY / HTTPS_PROXY and Go's rules send this origin's requests through that proxy (not loopback, not matched by NO_PROXY): ERROR when the proxy refuses or cannot reach the origin. Never print the proxy URL's user or password */
  public static final String ORIGIN_VIA_PROXY = "ORIGIN_VIA_PROXY";

  /** ERROR: the connector's user may not connect to a unix: socket (or read a caPool file): name the file's owner, group and mode, and the connector's uid and gid */
  public static final String ORIGIN_PERMISSION_DENIED = "ORIGIN_PERMISSION_DENIED";

  /** ERROR: a ws:// / wss:// service, or a route asked about with WebSockets, does not answer cloudflared's Upgrade handshake with 101 */
  public static final String ORIGIN_WEBSOCKET_REJECTED = "ORIGIN_WEBSOCKET_REJECTED";

  /** ERROR: the origin answers 4xx to cloudflared's request shape (X-Forwarded-For, Cf-Connecting-IP, X-Forwarded-Proto …) but 2xx or 3xx to the same request without those headers: name the header and the app setting that trusts a proxy */
  public static final String ORIGIN_PROXY_HEADERS_REJECTED = "ORIGIN_PROXY_HEADERS_REJECTED";

  /** ERROR: the origin on an http:// service speaks only cleartext HTTP/2 (prior knowledge, e.g. a gRPC server), which cloudflared never uses: serve TLS with http2Origin: true, or enable HTTP/1.1 */
  public static final String ORIGIN_H2C_ONLY = "ORIGIN_H2C_ONLY";

  /** ERROR: nothing listens at any address the service host resolves to; evidence lists what does listen on that port elsewhere and on nearby ports */
  public static final String ORIGIN_CONNECTION_REFUSED = "ORIGIN_CONNECTION_REFUSED";

  /** ERROR: the port is open, but only on an address the service URL does not reach (only [::1] for 127.0.0.1, only a container/bridge address, …): say which address to use or which bind address to change */
  public static final String ORIGIN_BOUND_ELSEWHERE = "ORIGIN_BOUND_ELSEWHERE";

  /** ERROR: the TCP connect does not complete within the rule's connectTimeout */
  public static final String ORIGIN_CONNECT_TIMEOUT = "ORIGIN_CONNECT_TIMEOUT";

  /** ERROR: the connection is accepted but no response (or the TLS handshake) arrives in time, or the origin closes without answering */
  public static final String ORIGIN_NO_RESPONSE = "ORIGIN_NO_RESPONSE";

  /** ERROR: an http:// service points at a port that speaks TLS: use https:// */
  public static final String ORIGIN_SPEAKS_TLS = "ORIGIN_SPEAKS_TLS";

  /** ERROR: an https:// (or unix+tls:) service points at a plain-text port: use http:// */
  public static final String ORIGIN_SPEAKS_PLAINTEXT = "ORIGIN_SPEAKS_PLAINTEXT";

  /** ERROR: the origin's certificate chain is not trusted by the system roots plus the rule's caPool */
  public static final String ORIGIN_CERT_UNTRUSTED = "ORIGIN_CERT_UNTRUSTED";

  /** ERROR: the certificate does not cover the name cloudflared verifies (originServerName, else the service host; an IP needs an IP SAN) */
  public static final String ORIGIN_CERT_NAME_MISMATCH = "ORIGIN_CERT_NAME_MISMATCH";

  /** ERROR: the certificate is expired or not yet valid */
  public static final String ORIGIN_CERT_EXPIRED = "ORIGIN_CERT_EXPIRED";

  /** ERROR: the handshake fails without SNI (service given as an IP) but succeeds with a name: set originServerName */
  public static final String ORIGIN_SNI_REQUIRED = "ORIGIN_SNI_REQUIRED";

  /** WARNING: http2Origin: true but the origin does not negotiate h2 */
  public static final String ORIGIN_HTTP2_UNSUPPORTED = "ORIGIN_HTTP2_UNSUPPORTED";

  /** ERROR: the origin itself answers 5xx (the 502 is the app's or its upstream's, not the tunnel's) */
  public static final String ORIGIN_HTTP_ERROR = "ORIGIN_HTTP_ERROR";

  /** WARNING: the origin answers differently for Host: &lt;public hostname&gt; (what cloudflared sends) than for the service host: set httpHostHeader or fix the virtual host */
  public static final String ORIGIN_HOST_HEADER_REJECTED = "ORIGIN_HOST_HEADER_REJECTED";

  /** WARNING: with X-Forwarded-Proto: https the origin redirects to https://&lt;same host and path&gt; */
  public static final String ORIGIN_REDIRECT_LOOP = "ORIGIN_REDIRECT_LOOP";

  /** ERROR: a unix: service path does not exist or is not a socket */
  public static final String ORIGIN_UNIX_SOCKET_MISSING = "ORIGIN_UNIX_SOCKET_MISSING";

  /** WARNING: time to first byte approaches the edge timeout (100 s) */
  public static final String ORIGIN_SLOW = "ORIGIN_SLOW";

  /** INFO: the rule's origin answered; evidence has status, timings per phase, protocol, TLS details */
  public static final String ORIGIN_REACHABLE = "ORIGIN_REACHABLE";


  // ---- Public route (DNS and the Cloudflare edge; only when asked, as it leaves the machine)
  /** ERROR: the public hostname does not resolve */
  public static final String DNS_NAME_NOT_FOUND = "DNS_NAME_NOT_FOUND";

  /** ERROR: the record is DNS-only: it resolves to the tunnel's unroutable fd10:aec2:5dae:: or shows the cfargotunnel.com CNAME */
  public static final String DNS_NOT_PROXIED = "DNS_NOT_PROXIED";

  /** ERROR: (Cloudflare API) the CNAME target is another tunnel's &lt;uuid&gt;.cfargotunnel.com */
  public static final String DNS_ROUTES_TO_OTHER_TUNNEL = "DNS_ROUTES_TO_OTHER_TUNNEL";

  /** ERROR: the public URL answers a cloudflared-generated 502 */
  public static final String EDGE_BAD_GATEWAY = "EDGE_BAD_GATEWAY";

  /** ERROR: the public URL answers 530 / error 1033 */
  public static final String EDGE_TUNNEL_UNAVAILABLE = "EDGE_TUNNEL_UNAVAILABLE";

  /** ERROR: the public URL answers 524 */
  public static final String EDGE_TIMEOUT = "EDGE_TIMEOUT";

  /** WARNING: Access login, a challenge or a block page answers before the tunnel */
  public static final String EDGE_INTERCEPTED = "EDGE_INTERCEPTED";

  /** INFO: the public URL answered through this tunnel */
  public static final String EDGE_REACHABLE = "EDGE_REACHABLE";

  /** ERROR: the name resolves, but to addresses outside Cloudflare's published ranges and without a cfargotunnel.com CNAME (public-route.md §1) */
  public static final String DNS_NOT_CLOUDFLARE = "DNS_NOT_CLOUDFLARE";

  /** ERROR: the intended name does not exist but &lt;name&gt;.&lt;other zone&gt; does: cloudflared tunnel route dns wrote it into the cert.pem's zone */
  public static final String DNS_WRONG_ZONE = "DNS_WRONG_ZONE";

  /** ERROR: error 1014, or the record targets a tunnel outside the zone's account or a name other than &lt;uuid&gt;.cfargotunnel.com */
  public static final String EDGE_CNAME_CROSS_ACCOUNT = "EDGE_CNAME_CROSS_ACCOUNT";

  /** ERROR: error 1016 on a tunnel hostname: the record's target does not resolve (a deleted tunnel) */
  public static final String EDGE_ORIGIN_DNS_ERROR = "EDGE_ORIGIN_DNS_ERROR";

  /** ERROR: the TLS handshake with the edge fails (alert 40) or its certificate does not cover the hostname (a multi-level subdomain under Universal SSL) */
  public static final String EDGE_CERT_NOT_COVERED = "EDGE_CERT_NOT_COVERED";

  /** ERROR: (Cloudflare API) the tunnel's remote configuration has a version that no connector runs, or a remotely managed tunnel's connectors run version 0 / no config */
  public static final String REMOTE_CONFIG_NOT_DELIVERED = "REMOTE_CONFIG_NOT_DELIVERED";

  /** WARNING: the Cloudflare API rejected the token: the API checks were skipped; never print the token */
  public static final String API_TOKEN_INVALID = "API_TOKEN_INVALID";

  /** WARNING: the API refused one call for lack of a permission: name the permission (e.g. Cloudflare Tunnel Read, Zone DNS Read); that check was skipped */
  public static final String API_PERMISSION_MISSING = "API_PERMISSION_MISSING";

}
