@NullMarked
package io.github.tunneldiagnostics.core.logs;

import org.jspecify.annotations.NullMarked;
