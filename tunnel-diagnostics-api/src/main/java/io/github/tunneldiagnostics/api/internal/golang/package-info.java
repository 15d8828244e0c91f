/**
 * Ports of the Go standard library pieces whose exact behaviour cloudflared's answers depend on:
 * {@code net/url} parsing and escaping, {@code strconv.Atoi}, {@code time.ParseDuration}, {@code net}
 * host/port and CIDR parsing, and {@code strconv.Quote}. Not part of the API: exported only to the core
 * module.
 */
@NullMarked
package io.github.tunneldiagnostics.api.internal.golang;

import org.jspecify.annotations.NullMarked;
