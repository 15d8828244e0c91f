/**
 * Orchestration behind {@link io.github.tunneldiagnostics.core.TunnelDiagnostics}: the settings value,
 * the static and the live (network) diagnosis, URL matching reports and the routes of the URLs asked
 * about. Not part of the API.
 */
@NullMarked
package io.github.tunneldiagnostics.core.internal.diagnosis;

import org.jspecify.annotations.NullMarked;
