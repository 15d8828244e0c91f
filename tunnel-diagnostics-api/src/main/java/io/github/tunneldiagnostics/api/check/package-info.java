@NullMarked
package io.github.tunneldiagnostics.api.check;

import org.jspecify.annotations.NullMarked;
