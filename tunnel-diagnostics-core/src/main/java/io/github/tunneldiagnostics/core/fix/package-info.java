/**
 * Fixing a config: {@link io.github.tunneldiagnostics.core.fix.ConfigPatch} turns remedies into a patch
 * that keeps every other byte, renders it as a unified diff, and writes it only behind the gate.
 */
@org.jspecify.annotations.NullMarked
package io.github.tunneldiagnostics.core.fix;
