@NullMarked
package io.github.tunneldiagnostics.core.internal.ingress;

import org.jspecify.annotations.NullMarked;
