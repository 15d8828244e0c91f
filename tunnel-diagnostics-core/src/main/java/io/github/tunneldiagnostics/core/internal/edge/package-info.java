/**
 * The public hostname requested as a visitor through Cloudflare's edge (public-route.md §2): one GET
 * over TLS with the hostname as SNI (a fresh TLS context per probe), to the addresses DNS answered or
 * those pinned with curl's {@code --resolve}, classified in the fixed order of §2.3.
 */
@NullMarked
package io.github.tunneldiagnostics.core.internal.edge;

import org.jspecify.annotations.NullMarked;
