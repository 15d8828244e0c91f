/**
 * UTS #46 (Unicode IDNA Compatibility Processing) and Punycode, for the one question cloudflared asks:
 * {@code idna.Lookup.ToASCII(hostname)}. The mapping comes from Unicode's {@code IdnaMappingTable.txt},
 * compacted into a resource by {@code IdnaTableGenerator} (test sources), which a test keeps in step.
 */
@NullMarked
package io.github.tunneldiagnostics.core.internal.idna;

import org.jspecify.annotations.NullMarked;
