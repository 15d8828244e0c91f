package io.github.tunneldiagnostics.testkit.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Loads a cloudflared config once per test class and injects it into test methods as
 * {@link io.github.tunneldiagnostics.testkit.TunnelRoutes}, {@link io.github.tunneldiagnostics.api.ingress.IngressModel}
 * or the static validation {@link io.github.tunneldiagnostics.api.DiagnosisReport}.
 *
 * <pre>{@code
 * @TunnelDiagnosticsTest(config = "classpath:cloudflared/config.yml")
 * class TunnelRouteTest {
 *   @Test
 *   void apiIsLive(TunnelRoutes tunnel) {
 *     assertThat(tunnel.route("https://api.example.com/health")).resolvesToLiveOrigin();
 *   }
 * }
 * }</pre>
 *
 * A missing or invalid config fails every test of the class, with the file, line and fix. For service
 * overrides (an app on a random port), register {@link TunnelDiagnosticsExtension} programmatically.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(TunnelDiagnosticsExtension.class)
public @interface TunnelDiagnosticsTest {

  /**
   * The config: {@code classpath:<resource>} or a file path (relative to the working directory). Empty
   * means cloudflared's default search path ({@code ~/.cloudflared/config.yml}, ...).
   */
  String config() default "";

  /** The time limit of one route's diagnosis, as an ISO-8601 duration. */
  String timeout() default "PT10S";

  /** Fail every test when cloudflared would reject the config or loading it found an error. */
  boolean requireValidConfig() default true;
}
