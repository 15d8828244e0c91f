@NullMarked
package io.github.tunneldiagnostics.core.internal.probe;

import org.jspecify.annotations.NullMarked;
