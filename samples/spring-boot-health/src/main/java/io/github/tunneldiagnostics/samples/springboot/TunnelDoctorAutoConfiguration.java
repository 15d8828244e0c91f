package io.github.tunneldiagnostics.samples.springboot;

import io.github.tunneldiagnostics.core.TunnelDiagnostics;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Adds the {@code tunnel} health contributor and the tunnel meters when {@code tunnel.doctor.config} is
 * set. Declare your own {@link TunnelDiagnostics} bean to configure the diagnosis in code instead.
 */
@AutoConfiguration
@ConditionalOnProperty(prefix = "tunnel.doctor", name = "config")
@EnableConfigurationProperties(TunnelDoctorProperties.class)
public class TunnelDoctorAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  public TunnelDiagnostics tunnelDiagnostics(TunnelDoctorProperties properties) {
    Path config = Objects.requireNonNull(properties.getConfig(), "tunnel.doctor.config");
    TunnelDiagnostics diagnostics = TunnelDiagnostics.forConfig(config).url(properties.getUrls().toArray(String[]::new))
        .timeout(properties.getTimeout());
    String metrics = properties.getMetrics();
    return metrics == null || metrics.isBlank() ? diagnostics : diagnostics.metrics(metrics);
  }

  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  public CachedDiagnosis tunnelCachedDiagnosis(TunnelDiagnostics diagnostics, TunnelDoctorProperties properties) {
    return new CachedDiagnosis(diagnostics::diagnose, properties.getMaxAge(), properties.getHealthWait(), Clock.systemUTC());
  }

  @Bean(name = "tunnelHealthIndicator")
  @ConditionalOnMissingBean(name = "tunnelHealthIndicator")
  public TunnelHealthIndicator tunnelHealthIndicator(CachedDiagnosis diagnosis) {
    return new TunnelHealthIndicator(diagnosis);
  }

  @Bean
  @ConditionalOnMissingBean
  public TunnelMeterBinder tunnelMeterBinder(CachedDiagnosis diagnosis) {
    return new TunnelMeterBinder(diagnosis);
  }
}
