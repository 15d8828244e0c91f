@NullMarked
package io.github.tunneldiagnostics.api;

import org.jspecify.annotations.NullMarked;
