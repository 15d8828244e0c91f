@NullMarked
package io.github.tunneldiagnostics.core.internal.config;

import org.jspecify.annotations.NullMarked;
