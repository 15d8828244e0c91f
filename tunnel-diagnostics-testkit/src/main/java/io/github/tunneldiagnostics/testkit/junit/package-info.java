/** The JUnit Jupiter extension: {@code @TunnelDiagnosticsTest} and {@code TunnelDiagnosticsExtension}. */
@NullMarked
package io.github.tunneldiagnostics.testkit.junit;

import org.jspecify.annotations.NullMarked;
