/** A sample platform policy check for tunnel-diagnostics. */
module com.example.tunnelpolicy {
  requires transitive io.github.tunneldiagnostics.api; // its public check implements the api's Check
  requires static org.jspecify;

  exports com.example.tunnelpolicy;

  provides io.github.tunneldiagnostics.api.check.Check with com.example.tunnelpolicy.LocalOriginsPolicyCheck;
}
