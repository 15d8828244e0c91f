@NullMarked
package io.github.tunneldiagnostics.testkit.tck;

import org.jspecify.annotations.NullMarked;
