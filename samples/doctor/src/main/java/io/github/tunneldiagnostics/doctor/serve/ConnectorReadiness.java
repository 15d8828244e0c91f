package io.github.tunneldiagnostics.doctor.serve;

import io.github.tunneldiagnostics.api.DiagnosisReport;
import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.ingress.ConfigSource;
import io.github.tunneldiagnostics.api.ingress.IngressModel;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The ready edge connections of the connectors a report names: from the report's connector findings
 * (evidence {@code readyConnections}, present when the connector is not ready or degraded), else, for a
 * report diagnosed from a connector's {@code /config}, from that connector's {@code /ready}. Only the
 * metrics address the diagnosis already used is asked (also {@code --metrics} when no finding names a count: a
 * ready connector serving the file's rules leaves none); one GET with a time and a byte budget.
 */
public final class ConnectorReadiness implements Function<DiagnosisReport, Map<String, Integer>> {
  private static final Pattern READY = Pattern.compile("\"readyConnections\"\\s*:\\s*(\\d+)");
  private static final int MAX_BYTES = 64 * 1024;

  private final HttpClient client;
  private final Duration timeout;
  private final @Nullable String metricsAddress;

  /**
   * @param timeout the budget of one {@code /ready} read
   * @param metricsAddress the connector's metrics server given with {@code --metrics}, asked when no finding
   *     carries its count (a connector that is ready and serves the file's rules leaves none), or null
   */
  public ConnectorReadiness(Duration timeout, @Nullable String metricsAddress) {
    this.timeout = timeout;
    this.metricsAddress = metricsAddress;
    this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER)
        .proxy(java.net.ProxySelector.of(null)).build();
  }

  @Override
  public Map<String, Integer> apply(DiagnosisReport report) {
    Map<String, Integer> ready = new LinkedHashMap<>();
    for (Finding finding : report.findings()) {
      String count = finding.evidence().get("readyConnections");
      if (finding.check().equals("connector") && count != null && count.matches("\\d+") && !finding.subject().isEmpty()) {
        ready.put(finding.subject(), Integer.parseInt(count));
      }
    }
    IngressModel model = report.ingress();
    if (model != null && model.source().kind() == ConfigSource.Kind.CONNECTOR && !ready.containsKey(model.source().location())) {
      read(model.source().location()).ifPresent(count -> ready.put(model.source().location(), count));
    }
    String given = metricsAddress;
    if (given != null && ready.isEmpty()) {
      read(given).ifPresent(count -> ready.put(given, count));
    }
    return ready;
  }

  private java.util.Optional<Integer> read(String address) {
    try {
      HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + address + "/ready")).timeout(timeout).GET().build();
      HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream body = response.body()) {
        String text = new String(body.readNBytes(MAX_BYTES), java.nio.charset.StandardCharsets.UTF_8);
        Matcher matcher = READY.matcher(text);
        return matcher.find() ? java.util.Optional.of(Integer.parseInt(matcher.group(1))) : java.util.Optional.empty();
      }
    } catch (IOException | IllegalArgumentException e) {
      return java.util.Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return java.util.Optional.empty();
    }
  }
}
