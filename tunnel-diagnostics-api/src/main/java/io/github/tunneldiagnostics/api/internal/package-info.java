/**
 * Implementation shared by the modules of tunnel-diagnostics; not part of the public API (exported only
 * to the core and the testkit).
 */
@NullMarked
package io.github.tunneldiagnostics.api.internal;

import org.jspecify.annotations.NullMarked;
