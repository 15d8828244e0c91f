/** A sample platform policy check for tunnel-diagnostics. */
module com.example.tunnelpolicy {
  requires io.github.tunneldiagnostics.api;
  requires static org.jspecify;

  exports com.example.tunnelpolicy;

  provides io.github.tunneldiagnostics.api.check.Check with com.example.tunnelpolicy.LocalOriginsPolicyCheck;
}
