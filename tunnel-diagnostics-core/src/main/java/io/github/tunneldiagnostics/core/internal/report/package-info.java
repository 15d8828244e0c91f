@NullMarked
package io.github.tunneldiagnostics.core.internal.report;

import org.jspecify.annotations.NullMarked;
