/**
 * Route-table tests ({@code tunnel-doctor test ROUTES.yaml}, and the testkit): cases that map a URL to
 * the rule, hostname or service expected to serve it, or to the catch-all, optionally with "the origin
 * answers"; the result of each case and the share of rules the cases cover.
 */
@NullMarked
package io.github.tunneldiagnostics.core.internal.routetable;

import org.jspecify.annotations.NullMarked;
