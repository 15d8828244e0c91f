/** JMH benchmarks of the config loader, the matcher, the origin probe and the log reader. */
@NullMarked
package io.github.tunneldiagnostics.benchmarks;

import org.jspecify.annotations.NullMarked;
