@NullMarked
package io.github.tunneldiagnostics.core.ingress;

import org.jspecify.annotations.NullMarked;
