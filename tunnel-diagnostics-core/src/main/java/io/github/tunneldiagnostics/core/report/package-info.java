@NullMarked
package io.github.tunneldiagnostics.core.report;

import org.jspecify.annotations.NullMarked;
