/**
 * The public hostname's DNS as a visitor's resolver sees it (public-route.md §1): the record chain read
 * with dnsjava from the system's resolvers or a chosen server, classified as proxied by Cloudflare, DNS
 * only, pointing elsewhere, absent, or written into the wrong zone.
 */
@NullMarked
package io.github.tunneldiagnostics.core.internal.dns;

import org.jspecify.annotations.NullMarked;
