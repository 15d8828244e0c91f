/**
 * What only the Cloudflare account knows, read with a read-only API token ({@code --cloudflare-api},
 * public-route.md §3): the tunnel's status and config source, its connectors and their config versions,
 * the remote configuration, the zones and DNS records of the public hostnames. A small client on the
 * JDK's {@link java.net.http.HttpClient}: GET only, every call within the diagnosis's deadline and a byte
 * budget, 429 honoured once when its wait fits. The token never appears in a finding, log line,
 * exception or {@code toString}.
 */
@NullMarked
package io.github.tunneldiagnostics.core.internal.cloudflareapi;

import org.jspecify.annotations.NullMarked;
