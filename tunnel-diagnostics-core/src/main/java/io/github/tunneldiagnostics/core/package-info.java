@NullMarked
package io.github.tunneldiagnostics.core;

import org.jspecify.annotations.NullMarked;
