package io.github.tunneldiagnostics.samples.springboot;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code tunnel.doctor.*}: which cloudflared config to diagnose and how often.
 *
 * <pre>
 * tunnel.doctor.config=/etc/cloudflared/config.yml
 * tunnel.doctor.urls=https://app.example.com/health
 * tunnel.doctor.metrics=localhost:20241   # the connector's metrics server; empty: look for it
 * tunnel.doctor.timeout=5s                # one diagnosis
 * tunnel.doctor.max-age=30s               # how long a report is served before a refresh
 * tunnel.doctor.health-wait=1s            # how long /actuator/health waits for a refresh
 * </pre>
 */
@ConfigurationProperties("tunnel.doctor")
public class TunnelDoctorProperties {
  private @Nullable Path config;
  private List<String> urls = new ArrayList<>();
  private @Nullable String metrics;
  private Duration timeout = Duration.ofSeconds(5);
  private Duration maxAge = Duration.ofSeconds(30);
  private Duration healthWait = Duration.ofSeconds(1);

  public @Nullable Path getConfig() {
    return config;
  }

  public void setConfig(@Nullable Path config) {
    this.config = config;
  }

  public List<String> getUrls() {
    return urls;
  }

  public void setUrls(List<String> urls) {
    this.urls = urls;
  }

  public @Nullable String getMetrics() {
    return metrics;
  }

  public void setMetrics(@Nullable String metrics) {
    this.metrics = metrics;
  }

  public Duration getTimeout() {
    return timeout;
  }

  public void setTimeout(Duration timeout) {
    this.timeout = timeout;
  }

  public Duration getMaxAge() {
    return maxAge;
  }

  public void setMaxAge(Duration maxAge) {
    this.maxAge = maxAge;
  }

  public Duration getHealthWait() {
    return healthWait;
  }

  public void setHealthWait(Duration healthWait) {
    this.healthWait = healthWait;
  }
}
