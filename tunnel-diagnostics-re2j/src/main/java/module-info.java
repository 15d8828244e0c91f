/**
 * RE2/J, carried by tunnel-diagnostics: linear-time regular expressions with Go's RE2 syntax and Go's error
 * texts, for the ingress rules' {@code path} regexes. The released sources of {@code com.google.re2j:re2j}
 * (version in this module's pom), relocated to {@code io.github.tunneldiagnostics.re2j.internal} because the
 * upstream jar declares no module name. Not an API: exported to the engine only.
 */
@SuppressWarnings("module") // the qualified export names a module built later in the reactor
module io.github.tunneldiagnostics.re2j {
  exports io.github.tunneldiagnostics.re2j.internal to io.github.tunneldiagnostics.core;
}
