@NullMarked
package io.github.tunneldiagnostics.core.internal.logs;

import org.jspecify.annotations.NullMarked;
