/** Go-compatible text primitives shared by the core packages; not exported. */
@NullMarked
package io.github.tunneldiagnostics.core.internal.golang;

import org.jspecify.annotations.NullMarked;
