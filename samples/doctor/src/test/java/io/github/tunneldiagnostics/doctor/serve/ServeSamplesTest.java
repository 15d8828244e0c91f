package io.github.tunneldiagnostics.doctor.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The alerting rules and the dashboard in samples/ only name metrics that the exporter serves. */
class ServeSamplesTest {
  private static final Pattern METRIC = Pattern.compile("tunnel_doctor_[a-z_]+");

  private static Set<String> served() {
    Snapshot snapshot = Snapshot.initial().succeeded(PrometheusExpositionTest.report(), Map.of("127.0.0.1:20241", 4), Duration.ofSeconds(1),
        Instant.parse("2026-11-25T12:00:01Z"));
    Set<String> names = new TreeSet<>();
    new PrometheusExposition(Duration.ofSeconds(30), Duration.ofSeconds(10)).render(snapshot).lines()
        .filter(line -> line.startsWith("# TYPE ")).forEach(line -> names.add(line.split(" ")[2]));
    return names;
  }

  private static Set<String> named(Path file) throws IOException {
    Set<String> names = new TreeSet<>();
    Matcher matcher = METRIC.matcher(Files.readString(file));
    while (matcher.find()) {
      names.add(matcher.group());
    }
    return names;
  }

  @Test
  void alertingRulesNameOnlyServedMetrics() throws IOException {
    assertThat(named(Path.of("../prometheus/tunnel-doctor-alerts.yml"))).isNotEmpty().isSubsetOf(served());
  }

  @Test
  void dashboardNamesOnlyServedMetrics() throws IOException {
    assertThat(named(Path.of("../grafana/tunnel-doctor-dashboard.json"))).isNotEmpty().isSubsetOf(served());
  }
}
