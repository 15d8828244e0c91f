package io.github.tunneldiagnostics.core.internal.cloudflareapi;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GETs from the Cloudflare API v4 with {@link HttpClient}: {@code Authorization: Bearer <token>},
 * {@code Accept: application/json}, no redirects, no proxy surprises. Every call ends by the deadline;
 * one answer may be at most {@link #MAX_RESPONSE_BYTES} and all answers together {@link #MAX_TOTAL_BYTES}.
 * A 429 is waited out once when its {@code retry-after} fits before the deadline, else reported.
 */
public final class CloudflareApiClient {
  static final int MAX_RESPONSE_BYTES = 1 << 20;
  static final long MAX_TOTAL_BYTES = 8L << 20;

  private static final Logger LOG = LoggerFactory.getLogger(CloudflareApiClient.class);

  private final ApiSettings settings;
  private final ApiToken token;
  private final Clock clock;
  private final Instant deadline;
  private final HttpClient http;
  private final AtomicLong bytesLeft = new AtomicLong(MAX_TOTAL_BYTES);
  private final AtomicLong calls = new AtomicLong();

  /**
   * @throws IllegalArgumentException when the settings hold no token
   */
  public CloudflareApiClient(ApiSettings settings, Clock clock, Instant deadline) {
    this.settings = Objects.requireNonNull(settings, "settings");
    ApiToken given = settings.token();
    if (given == null) {
      throw new IllegalArgumentException("no Cloudflare API token: set CLOUDFLARE_API_TOKEN");
    }
    this.token = given;
    this.clock = clock;
    this.deadline = deadline;
    Duration left = Duration.between(clock.instant(), deadline);
    this.http = HttpClient.newBuilder()
        .connectTimeout(left.isNegative() || left.isZero() ? Duration.ofMillis(1) : left)
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  /** How many requests were sent. */
  public long calls() {
    return calls.get();
  }

  /**
   * GETs {@code path} (below the base URL, starting with {@code /}) with {@code query} parameters.
   *
   * @throws ApiUnavailableException when no usable answer came in time and within the budget
   */
  public ApiReply get(String path, Map<String, String> query) throws ApiUnavailableException {
    String endpoint = "GET " + path + (query.isEmpty() ? "" : "?" + encode(query));
    for (int attempt = 0; ; attempt++) {
      HttpResponse<InputStream> response = send(endpoint, path, query);
      int status = response.statusCode();
      if (status == 429) {
        close(response);
        long wait = retryAfterSeconds(response);
        Instant resume = clock.instant().plusSeconds(wait);
        if (attempt == 0 && wait >= 0 && resume.isBefore(deadline)) {
          pause(Duration.ofSeconds(wait));
          continue;
        }
        throw new ApiUnavailableException(ApiUnavailableException.Reason.RATE_LIMITED, endpoint,
            "the Cloudflare API rate-limited " + endpoint + " (429, retry-after " + (wait >= 0 ? wait + " s" : "not given")
                + "), which does not fit before the deadline");
      }
      String body = read(response, endpoint);
      return envelope(endpoint, status, body);
    }
  }

  private HttpResponse<InputStream> send(String endpoint, String path, Map<String, String> query) throws ApiUnavailableException {
    Duration left = Duration.between(clock.instant(), deadline);
    if (left.toMillis() < 1) {
      throw new ApiUnavailableException(ApiUnavailableException.Reason.TIMEOUT, endpoint, "no time left for " + endpoint);
    }
    String base = settings.baseUrl().toString();
    URI uri = URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path
        + (query.isEmpty() ? "" : "?" + encode(query)));
    HttpRequest request = HttpRequest.newBuilder(uri)
        .timeout(left)
        .header("Authorization", token.authorization())
        .header("Accept", "application/json")
        .header("User-Agent", "tunnel-diagnostics")
        .GET()
        .build();
    calls.incrementAndGet();
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (HttpTimeoutException e) {
      throw new ApiUnavailableException(ApiUnavailableException.Reason.TIMEOUT, endpoint,
          "the Cloudflare API did not answer " + endpoint + " within " + left.toMillis() + " ms");
    } catch (IOException e) {
      LOG.debug("Cloudflare API call {} failed", endpoint, e);
      throw new ApiUnavailableException(ApiUnavailableException.Reason.UNREACHABLE, endpoint,
          "the Cloudflare API at " + settings.baseUrl() + " could not be reached: " + e.getClass().getSimpleName()
              + (e.getMessage() != null ? ": " + e.getMessage() : ""));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiUnavailableException(ApiUnavailableException.Reason.TIMEOUT, endpoint, "interrupted while calling " + endpoint);
    }
  }

  private String read(HttpResponse<InputStream> response, String endpoint) throws ApiUnavailableException {
    try (InputStream in = response.body()) {
      long allowed = Math.min(MAX_RESPONSE_BYTES, bytesLeft.get());
      byte[] bytes = in.readNBytes((int) allowed + 1);
      if (bytes.length > allowed) {
        throw new ApiUnavailableException(ApiUnavailableException.Reason.TOO_LARGE, endpoint,
            "the Cloudflare API's answer to " + endpoint + " exceeds the byte budget (" + allowed + " bytes left)");
      }
      bytesLeft.addAndGet(-bytes.length);
      return new String(bytes, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ApiUnavailableException(ApiUnavailableException.Reason.UNREACHABLE, endpoint,
          "the Cloudflare API's answer to " + endpoint + " broke off: " + e.getMessage());
    }
  }

  private static ApiReply envelope(String endpoint, int status, String body) throws ApiUnavailableException {
    Object parsed = Json.parse(body);
    if (!(parsed instanceof Map<?, ?>)) {
      throw new ApiUnavailableException(ApiUnavailableException.Reason.NOT_JSON, endpoint,
          "the Cloudflare API answered " + endpoint + " with HTTP " + status + " and no JSON envelope");
    }
    Map<String, Object> object = Json.object(parsed);
    List<ApiReply.ApiError> errors = new ArrayList<>();
    for (Object item : Json.array(object.get("errors"))) {
      addError(Json.object(item), errors);
    }
    long total = Json.number(Json.object(object.get("result_info")), "total_count", -1);
    return new ApiReply(endpoint, status, Json.bool(object, "success"), errors, object.get("result"), total);
  }

  private static void addError(Map<String, Object> error, List<ApiReply.ApiError> errors) {
    String message = Json.string(error, "message");
    errors.add(new ApiReply.ApiError(Json.number(error, "code", 0), message != null ? message : ""));
    for (Object chained : Json.array(error.get("error_chain"))) {
      addError(Json.object(chained), errors);
    }
  }

  private static long retryAfterSeconds(HttpResponse<?> response) {
    return response.headers().firstValue("retry-after").map(v -> {
      try {
        return Long.parseLong(v.strip());
      } catch (NumberFormatException e) {
        return -1L;
      }
    }).orElse(-1L);
  }

  private void pause(Duration wait) throws ApiUnavailableException {
    try {
      Thread.sleep(wait.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiUnavailableException(ApiUnavailableException.Reason.TIMEOUT, "", "interrupted while waiting out a 429");
    }
  }

  private static void close(HttpResponse<InputStream> response) {
    try {
      response.body().close();
    } catch (IOException ignored) {
      // nothing to release
    }
  }

  private static String encode(Map<String, String> query) {
    return query.entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }

  @Override
  public String toString() {
    return "CloudflareApiClient[" + settings.baseUrl() + ", token " + token + "]";
  }
}
