/**
 * Report output: {@link io.github.tunneldiagnostics.core.report.ReportFormat} names the formats of the
 * command line's {@code --format} (text, JSON, Markdown) and gives their {@link
 * io.github.tunneldiagnostics.core.report.ReportWriter}; {@link
 * io.github.tunneldiagnostics.core.report.MatchReport} is the answer to "which rule serves these URLs".
 */
@NullMarked
package io.github.tunneldiagnostics.core.report;

import org.jspecify.annotations.NullMarked;
