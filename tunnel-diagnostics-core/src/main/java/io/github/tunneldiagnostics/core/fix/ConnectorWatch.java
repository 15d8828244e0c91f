package io.github.tunneldiagnostics.core.fix;

import io.github.tunneldiagnostics.api.internal.Redaction;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Watches a running connector's metrics server until it serves a new configuration: its {@code /config}
 * content (or version) differs from what it served before the fix, and {@code /ready} answers 200. Each
 * read is bounded in time (2 s) and size (1 MiB); nothing but GET is sent.
 */
public final class ConnectorWatch {
  /** What the connector served at one moment. */
  public record State(String config, long version, int readyStatus) {
    /** The record's fields, under the redaction policy. */
    @Override
    public String toString() {
      return Redaction.toString(this);
    }

    public State {
      Objects.requireNonNull(config, "config");
    }

    public boolean ready() {
      return readyStatus == 200;
    }
  }

  /** How the wait ended: the last state seen (empty when the connector never answered) and whether it changed. */
  public record Outcome(Optional<State> last, boolean changed, Duration waited) {
    /** The record's fields, under the redaction policy. */
    @Override
    public String toString() {
      return Redaction.toString(this);
    }

    public boolean servesNewConfig() {
      return changed && last.map(State::ready).orElse(false);
    }
  }

  private static final Pattern VERSION = Pattern.compile("^\\s*\\{\\s*\"version\"\\s*:\\s*(-?[0-9]+)");
  private static final int MAX_BYTES = 1 << 20;
  private static final Duration READ = Duration.ofSeconds(2);
  private static final Duration POLL = Duration.ofMillis(200);

  private final String address;
  private final HttpClient client;
  private final Clock clock;

  private ConnectorWatch(String address, Clock clock) {
    this.address = address;
    this.clock = clock;
    this.client = HttpClient.newBuilder().connectTimeout(READ).followRedirects(HttpClient.Redirect.NEVER).proxy(java.net.ProxySelector.of(null)).build();
  }

  /** A watch of the metrics server at {@code hostPort} (as given to cloudflared's {@code --metrics}). */
  public static ConnectorWatch of(String hostPort) {
    return new ConnectorWatch(Objects.requireNonNull(hostPort, "hostPort"), Clock.systemUTC());
  }

  /** What the connector serves now, or empty when it does not answer. */
  public Optional<State> read() {
    try {
      HttpResponse<InputStream> config = get("/config");
      String body = body(config);
      if (config.statusCode() != 200) {
        return Optional.empty();
      }
      Matcher version = VERSION.matcher(body);
      HttpResponse<InputStream> ready = get("/ready");
      body(ready);
      return Optional.of(new State(body, version.find() ? Long.parseLong(version.group(1)) : -1, ready.statusCode()));
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /**
   * Waits up to {@code limit} until the connector serves a configuration other than {@code before} and is
   * ready; returns early when it does.
   */
  public Outcome awaitChange(State before, Duration limit) {
    Instant start = clock.instant();
    Instant deadline = start.plus(limit);
    Optional<State> last = Optional.empty();
    while (true) {
      Optional<State> now = read();
      if (now.isPresent()) {
        last = now;
      }
      boolean changed = last.isPresent() && (!last.get().config().equals(before.config()) || last.get().version() != before.version());
      if (changed && last.get().ready()) {
        return new Outcome(last, true, Duration.between(start, clock.instant()));
      }
      if (!clock.instant().plus(POLL).isBefore(deadline)) {
        return new Outcome(last, changed, Duration.between(start, clock.instant()));
      }
      try {
        Thread.sleep(POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return new Outcome(last, changed, Duration.between(start, clock.instant()));
      }
    }
  }

  private HttpResponse<InputStream> get(String path) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + address + path)).timeout(READ).GET().build();
    return client.send(request, HttpResponse.BodyHandlers.ofInputStream());
  }

  private static String body(HttpResponse<InputStream> response) throws IOException {
    try (InputStream in = response.body()) {
      byte[] bytes = in.readNBytes(MAX_BYTES);
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }
}
