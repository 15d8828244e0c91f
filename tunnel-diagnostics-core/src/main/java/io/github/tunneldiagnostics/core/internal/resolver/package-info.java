/**
 * Name resolution as cloudflared's pure-Go resolver does it (Go's {@code net} package ported: hosts file,
 * nsswitch order, resolv.conf, a small DNS client and RFC 6724 address selection), with injectable files so
 * that the connector's own view can be used. Not exported.
 */
@NullMarked
package io.github.tunneldiagnostics.core.internal.resolver;

import org.jspecify.annotations.NullMarked;
