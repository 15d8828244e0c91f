/**
 * The entry point of the engine: {@link io.github.tunneldiagnostics.core.TunnelDiagnostics} validates,
 * matches and diagnoses a cloudflared configuration, with the values its answers are made of ({@link
 * io.github.tunneldiagnostics.core.RuleMatch}, {@link io.github.tunneldiagnostics.core.ConnectorOptions})
 * and the exceptions it throws ({@link io.github.tunneldiagnostics.core.ConfigException}, {@link
 * io.github.tunneldiagnostics.api.InvalidRouteUrlException}).
 */
@NullMarked
package io.github.tunneldiagnostics.core;

import org.jspecify.annotations.NullMarked;
