/**
 * Spring Boot Actuator integration: the tunnel's verdict as a {@code HealthIndicator} ({@code /actuator/health/tunnel})
 * and its routes as Micrometer meters, both from one cached diagnosis.
 */
@NullMarked
package io.github.tunneldiagnostics.samples.springboot;

import org.jspecify.annotations.NullMarked;
