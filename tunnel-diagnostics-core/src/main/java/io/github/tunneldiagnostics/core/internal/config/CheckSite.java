package io.github.tunneldiagnostics.core.internal.config;

/**
 * Where a diagnosis runs, which decides how much the files that only the connector host holds matter (the
 * credentials file, a rule's {@code caPool}). cloudflared reads them when it runs the tunnel; its
 * {@code tunnel ingress validate} and {@code ingress rule} never open them.
 */
public enum CheckSite {
  /**
   * On the host where cloudflared runs ({@code diagnose}): a missing credentials file or {@code caPool} stops
   * cloudflared here, so it is an ERROR.
   */
  CONNECTOR_HOST,

  /**
   * Anywhere else ({@code validate}, {@code match}, the testkit, a CI job, a laptop): those files are not
   * expected here, so their absence is a WARNING that says only the connector host needs them.
   */
  OFF_CONNECTOR_HOST
}
