/**
 * The testkit: AssertJ assertions on tunnel routes and diagnosis reports, a JUnit Jupiter extension,
 * loopback fakes (origin, connector) and a contract test for custom checks.
 */
module io.github.tunneldiagnostics.testkit {
  requires transitive io.github.tunneldiagnostics.api;
  requires transitive io.github.tunneldiagnostics.core;
  requires transitive org.assertj.core;
  requires transitive org.junit.jupiter.api;
  requires static org.jspecify;
  requires org.dnsjava;

  exports io.github.tunneldiagnostics.testkit;
  exports io.github.tunneldiagnostics.testkit.junit;
  exports io.github.tunneldiagnostics.testkit.tck;
  exports io.github.tunneldiagnostics.testkit.fake;

}
