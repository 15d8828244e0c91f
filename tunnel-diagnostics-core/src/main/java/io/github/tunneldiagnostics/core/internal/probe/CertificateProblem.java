package io.github.tunneldiagnostics.core.internal.probe;

/**
 * One reason Go's certificate verification rejects an origin's chain.
 *
 * @param code the finding code
 * @param goError Go's {@code x509:} error text, as cloudflared logs it
 */
record CertificateProblem(String code, String goError) {}
