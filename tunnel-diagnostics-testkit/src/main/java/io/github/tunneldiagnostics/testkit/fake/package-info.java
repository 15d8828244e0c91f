/**
 * Loopback fakes for users' tests and ours: an origin with faults, and a connector's
 * metrics server. They use a small HTTP/1.1 server of their own, not WireMock: the WireMock jar cannot be
 * read as a JPMS module, and this testkit is one.
 */
@NullMarked
package io.github.tunneldiagnostics.testkit.fake;

import org.jspecify.annotations.NullMarked;
