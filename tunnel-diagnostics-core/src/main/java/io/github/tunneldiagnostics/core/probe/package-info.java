@NullMarked
package io.github.tunneldiagnostics.core.probe;

import org.jspecify.annotations.NullMarked;
