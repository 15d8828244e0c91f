@NullMarked
package io.github.tunneldiagnostics.core.config;

import org.jspecify.annotations.NullMarked;
