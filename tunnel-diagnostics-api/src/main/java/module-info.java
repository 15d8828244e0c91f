/**
 * The public API of tunnel-diagnostics: the {@link io.github.tunneldiagnostics.api.Diagnosis} pipeline,
 * the {@link io.github.tunneldiagnostics.api.check.Check} SPI and the ingress model.
 */
@SuppressWarnings("module") // qualified exports name modules built later in the reactor
module io.github.tunneldiagnostics.api {
  requires static transitive org.jspecify;

  exports io.github.tunneldiagnostics.api;
  exports io.github.tunneldiagnostics.api.check;
  exports io.github.tunneldiagnostics.api.ingress;
  // the redaction policy, shared with the engine and the testkit; not public API
  exports io.github.tunneldiagnostics.api.internal to io.github.tunneldiagnostics.core, io.github.tunneldiagnostics.testkit;

  // Go standard library ports (URL, numbers, durations): implementation shared with the engine only.
  exports io.github.tunneldiagnostics.api.internal.golang to io.github.tunneldiagnostics.core;

  uses io.github.tunneldiagnostics.api.check.Check;
}
