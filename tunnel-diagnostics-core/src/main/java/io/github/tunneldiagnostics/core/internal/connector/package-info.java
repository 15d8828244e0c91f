@NullMarked
package io.github.tunneldiagnostics.core.internal.connector;

import org.jspecify.annotations.NullMarked;
