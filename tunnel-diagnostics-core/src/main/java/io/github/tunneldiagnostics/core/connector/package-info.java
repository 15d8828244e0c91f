@NullMarked
package io.github.tunneldiagnostics.core.connector;

import org.jspecify.annotations.NullMarked;
