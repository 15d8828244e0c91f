/** AssertJ assertions on tunnel routes, ingress models, diagnosis reports and findings. */
@NullMarked
package io.github.tunneldiagnostics.testkit;

import org.jspecify.annotations.NullMarked;
