package io.github.tunneldiagnostics.core.internal.connector;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

/**
 * GETs from a cloudflared metrics server with {@link HttpClient}: a connect timeout per connection and
 * a timeout per request, both capped by the overall deadline, so nothing here can hang.
 */
final class MetricsClient {
  private static final int MAX_BODY = 8 << 20;

  /** A status and body. */
  record Reply(int status, String body) {}

  private final HttpClient client;
  private final Duration requestTimeout;
  private final Instant deadline;
  private final java.time.Clock clock;

  MetricsClient(Duration connectTimeout, Duration requestTimeout, Instant deadline, java.time.Clock clock) {
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(connectTimeout)
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .proxy(java.net.ProxySelector.of(null))
            .build();
    this.requestTimeout = requestTimeout;
    this.deadline = deadline;
    this.clock = clock;
  }

  /**
   * GETs {@code base + path}.
   *
   * @throws IOException when nothing answers, the connection fails or the time is up
   */
  Reply get(URI base, String path) throws IOException {
    Duration left = Duration.between(clock.instant(), deadline);
    if (left.isNegative() || left.isZero()) {
      throw new java.net.http.HttpTimeoutException("no time left before the deadline for " + base + path);
    }
    Duration timeout = left.compareTo(requestTimeout) < 0 ? left : requestTimeout;
    HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).timeout(timeout).GET().build();
    try {
      HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
      byte[] body = response.body();
      int length = Math.min(body.length, MAX_BODY);
      return new Reply(response.statusCode(), new String(body, 0, length, java.nio.charset.StandardCharsets.UTF_8));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while reading " + base + path, e);
    }
  }
}
