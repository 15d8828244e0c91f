/** The testkit's own implementation, shared by its assertions and its JUnit extension; not exported. */
@NullMarked
package io.github.tunneldiagnostics.testkit.internal;

import org.jspecify.annotations.NullMarked;
