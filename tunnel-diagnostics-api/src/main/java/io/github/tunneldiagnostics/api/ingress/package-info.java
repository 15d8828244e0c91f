@NullMarked
package io.github.tunneldiagnostics.api.ingress;

import org.jspecify.annotations.NullMarked;
