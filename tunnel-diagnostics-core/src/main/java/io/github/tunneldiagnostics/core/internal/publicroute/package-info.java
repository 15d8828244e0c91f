/**
 * The public half of a diagnosis ({@code --public}): for each public hostname, its DNS as a visitor
 * sees it, then one request through Cloudflare's edge, each classified and tied back to the local
 * evidence (the effective ingress, cloudflared's log and metrics) so the report names the first broken
 * link from the visitor's DNS answer to the origin.
 */
@NullMarked
package io.github.tunneldiagnostics.core.internal.publicroute;

import org.jspecify.annotations.NullMarked;
