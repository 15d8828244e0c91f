/**
 * The engine of tunnel-diagnostics: cloudflared config loading, the ingress engine (validation and
 * matching exactly as cloudflared does them), origin probes, connector and log readers, and report
 * rendering. Entry point: {@link io.github.tunneldiagnostics.core.TunnelDiagnostics}.
 */
@SuppressWarnings("module") // qualified exports name modules built later in the reactor
module io.github.tunneldiagnostics.core {
  requires transitive io.github.tunneldiagnostics.api;
  requires static org.jspecify;
  requires org.slf4j;
  requires org.snakeyaml.engine;
  requires io.github.tunneldiagnostics.re2j;
  requires java.net.http;
  requires org.dnsjava;

  exports io.github.tunneldiagnostics.core;
  exports io.github.tunneldiagnostics.core.fix;
  exports io.github.tunneldiagnostics.core.report;

  // Implementation: open to the testkit only; the command line runs on the class path.
  exports io.github.tunneldiagnostics.core.internal.cloudflareapi to io.github.tunneldiagnostics.testkit;
  exports io.github.tunneldiagnostics.core.internal.config to io.github.tunneldiagnostics.testkit;
  exports io.github.tunneldiagnostics.core.internal.connector to io.github.tunneldiagnostics.testkit;
  exports io.github.tunneldiagnostics.core.internal.files to io.github.tunneldiagnostics.testkit;
  exports io.github.tunneldiagnostics.core.internal.dns to io.github.tunneldiagnostics.testkit;
  exports io.github.tunneldiagnostics.core.internal.edge to io.github.tunneldiagnostics.testkit;
  exports io.github.tunneldiagnostics.core.internal.fix to io.github.tunneldiagnostics.testkit;
  exports io.github.tunneldiagnostics.core.internal.ingress to io.github.tunneldiagnostics.testkit;
  exports io.github.tunneldiagnostics.core.internal.logs to io.github.tunneldiagnostics.testkit;
  exports io.github.tunneldiagnostics.core.internal.probe to io.github.tunneldiagnostics.testkit;
  exports io.github.tunneldiagnostics.core.internal.publicroute to io.github.tunneldiagnostics.testkit;
  exports io.github.tunneldiagnostics.core.internal.report to io.github.tunneldiagnostics.testkit;
  exports io.github.tunneldiagnostics.core.internal.routetable to io.github.tunneldiagnostics.testkit;
}
