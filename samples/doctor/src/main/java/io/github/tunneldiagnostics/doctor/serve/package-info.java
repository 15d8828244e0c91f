/**
 * {@code tunnel-doctor serve}: a Prometheus exporter that re-diagnoses the tunnel on a fixed interval and
 * serves the last result as metrics ({@code /metrics}), readiness ({@code /ready}) and a report
 * ({@code /report.json}).
 */
@NullMarked
package io.github.tunneldiagnostics.doctor.serve;

import org.jspecify.annotations.NullMarked;
