/**
 * The engine of tunnel-diagnostics: cloudflared config loading, the ingress engine (validation and
 * matching exactly as cloudflared does them), origin probes, connector and log readers, and report
 * rendering. Entry point: {@link io.github.tunneldiagnostics.core.TunnelDiagnostics}.
 */
module io.github.tunneldiagnostics.core {
  requires transitive io.github.tunneldiagnostics.api;
  requires static org.jspecify;
  requires org.slf4j;
  requires org.snakeyaml.engine;
  requires re2j;
  requires com.ibm.icu;
  requires java.net.http;

  exports io.github.tunneldiagnostics.core;
  exports io.github.tunneldiagnostics.core.config;
  exports io.github.tunneldiagnostics.core.ingress;
  exports io.github.tunneldiagnostics.core.report;
  exports io.github.tunneldiagnostics.core.probe;
  exports io.github.tunneldiagnostics.core.connector;
  exports io.github.tunneldiagnostics.core.logs;
}
