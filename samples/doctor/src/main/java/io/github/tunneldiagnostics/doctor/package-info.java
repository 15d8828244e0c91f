/** The command-line doctor: {@code validate} and {@code match} over the tunnel-diagnostics library. */
@NullMarked
package io.github.tunneldiagnostics.doctor;

import org.jspecify.annotations.NullMarked;
