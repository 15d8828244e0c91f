/**
 * Turning findings into config changes: the remedy planner, text edits at YAML node positions, their
 * composition, the unified diff, the atomic write and the reload advice. The public face is {@link
 * io.github.tunneldiagnostics.core.fix.ConfigPatch}.
 */
@org.jspecify.annotations.NullMarked
package io.github.tunneldiagnostics.core.internal.fix;
