package io.github.tunneldiagnostics.benchmarks;

import io.github.tunneldiagnostics.api.ingress.IngressModel;
import io.github.tunneldiagnostics.core.ConfigException;
import io.github.tunneldiagnostics.core.internal.config.ConfigLoader;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Parses a generated config with 1,000 ingress rules (hostnames, paths, services and per-rule
 * originRequest overrides) from text, warm. Target: under 100 ms per load.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 10)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ConfigLoadBenchmark {
  @Param({"1000"})
  int rules;

  private String yaml;
  private final Path file = Path.of("/etc/cloudflared/config.yml");

  @Setup
  public void generate() {
    StringBuilder text = new StringBuilder(rules * 200);
    text.append("tunnel: my-tunnel\n")
        .append("metrics: localhost:20241\n")
        .append("originRequest:\n  connectTimeout: 10s\n  noHappyEyeballs: true\n  keepAliveConnections: 50\n")
        .append("ingress:\n");
    for (int i = 0; i < rules - 1; i++) {
      text.append("  - hostname: app").append(i).append(".example.com\n");
      if (i % 3 == 0) {
        text.append("    path: ^/api/v").append(i % 7).append("/\n");
      }
      text.append("    service: http://127.0.0.1:").append(10_000 + i).append('\n');
      if (i % 2 == 0) {
        text.append("    originRequest:\n      connectTimeout: 1m30s\n      httpHostHeader: internal").append(i)
            .append(".example.com\n      noTLSVerify: yes\n");
      }
    }
    text.append("  - service: http_status:404\n");
    yaml = text.toString();
  }

  @Benchmark
  public IngressModel parseThousandRules() throws ConfigException {
    return ConfigLoader.parse(yaml, file);
  }
}
