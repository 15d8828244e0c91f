package io.github.tunneldiagnostics.core.internal.publicroute;

import io.github.tunneldiagnostics.core.internal.files.BoundedFile;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import org.jspecify.annotations.Nullable;

/**
 * The connector's side of one public request: cloudflared's log lines carrying the probe's
 * {@code cf-ray}, and its request counters read before and after the probe. Reads stay within the
 * deadline and a byte budget.
 */
final class LocalTrace {
  /** Log bytes read per diagnosis at most: the probe's line is at the end of a live log. */
  static final long LOG_BUDGET = 256L << 20;
  /** cloudflared's log lines are well under 64 KiB; the rest of a longer line is skipped. */
  static final int MAX_LINE = 64 << 10;
  private static final int METRICS_BUDGET = 4 << 20;

  private final List<Path> logs;
  private final @Nullable URI metrics;
  private final Clock clock;

  LocalTrace(List<Path> logs, @Nullable URI metrics, Clock clock) {
    this.logs = List.copyOf(logs);
    this.metrics = metrics;
    this.clock = clock;
  }

  boolean hasEvidence() {
    return !logs.isEmpty() || metrics != null;
  }

  /** The counters that tell the two kinds of 502 apart, or null when there is no metrics server. */
  record Counters(double requestErrors, double responses502) {}

  @Nullable Counters counters(Instant deadline) {
    if (metrics == null) {
      return null;
    }
    Duration left = Duration.between(clock.instant(), deadline);
    if (left.toMillis() < 1) {
      return null;
    }
    HttpClient client = HttpClient.newBuilder().connectTimeout(left).proxy(java.net.ProxySelector.of(null))
        .followRedirects(HttpClient.Redirect.NEVER).build();
    try {
      HttpRequest request = HttpRequest.newBuilder(metrics.resolve("/metrics")).timeout(left).GET().build();
      HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream body = response.body()) {
        if (response.statusCode() != 200) {
          return null;
        }
        String text = new String(body.readNBytes(METRICS_BUDGET), StandardCharsets.UTF_8);
        return new Counters(sum(text, "cloudflared_tunnel_request_errors", null),
            sum(text, "cloudflared_tunnel_response_by_code", "status_code=\"502\""));
      }
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  private static double sum(String text, String name, @Nullable String label) {
    double total = 0;
    for (String line : text.split("\n")) {
      if (!line.startsWith(name) || (line.length() > name.length() && line.charAt(name.length()) != '{' && line.charAt(name.length()) != ' ')) {
        continue;
      }
      if (label != null && !line.contains(label)) {
        continue;
      }
      try {
        total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1).strip());
      } catch (NumberFormatException ignored) {
        // a malformed sample adds nothing
      }
    }
    return total;
  }

  /** What the logs say about the request with {@code cfRay}. */
  record LogVerdict(BadGatewayAttribution attribution, @Nullable String line) {}

  LogVerdict searchLogs(String cfRay, Instant deadline) {
    if (logs.isEmpty()) {
      return new LogVerdict(BadGatewayAttribution.UNKNOWN, null);
    }
    String rayId = cfRay.contains("-") ? cfRay.substring(0, cfRay.indexOf('-')) : cfRay;
    long budget = LOG_BUDGET;
    for (Path log : logs) {
      try (InputStream in = open(log)) {
        Lines lines = new Lines(in, budget);
        for (String line = lines.next(); line != null; line = lines.next()) {
          if (clock.instant().isAfter(deadline)) {
            return new LogVerdict(BadGatewayAttribution.UNKNOWN, null);
          }
          if (line.contains(rayId)) {
            String lower = line.toLowerCase(Locale.ROOT);
            boolean error = lower.contains(" err ") || lower.contains("\"level\":\"error\"") || lower.contains("unable to reach the origin");
            return new LogVerdict(error ? BadGatewayAttribution.CLOUDFLARED : BadGatewayAttribution.ORIGIN, line.strip());
          }
        }
        budget = lines.budget();
        if (budget < 0) {
          return new LogVerdict(BadGatewayAttribution.UNKNOWN, null); // read as much as it may: cannot say
        }
      } catch (IOException e) {
        return new LogVerdict(BadGatewayAttribution.UNKNOWN, null);
      }
    }
    return new LogVerdict(BadGatewayAttribution.NOT_IN_LOG, null);
  }

  /** The log, decompressed when it is gzip; a FIFO, device or directory is refused before it is opened. */
  private static InputStream open(Path log) throws IOException {
    BoundedFile.requireRegular(log);
    InputStream in = new BufferedInputStream(Files.newInputStream(log), 1 << 16);
    try {
      in.mark(2);
      int first = in.read();
      int second = in.read();
      in.reset();
      return first == 0x1f && second == 0x8b ? new BufferedInputStream(new GZIPInputStream(in), 1 << 16) : in;
    } catch (IOException e) {
      in.close();
      throw e;
    }
  }

  /**
   * The lines of one log (UTF-8, without their ends), read in 64 KiB chunks. Every byte read is taken from a
   * shared budget; {@link #next()} returns null at the end or once the budget is spent. A line longer than
   * {@link #MAX_LINE} bytes is cut there and its rest skipped, so a file without line breaks never fills
   * the heap.
   */
  static final class Lines {
    private final InputStream in;
    private final byte[] buffer = new byte[64 << 10];
    private int position;
    private int limit;
    private long budget;

    Lines(InputStream in, long budget) {
      this.in = in;
      this.budget = budget;
    }

    /** What is left of the budget; negative once it ran out. */
    long budget() {
      return budget;
    }

    @Nullable String next() throws IOException {
      java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream(256);
      boolean any = false;
      while (budget >= 0) {
        if (position == limit) {
          limit = in.read(buffer, 0, (int) Math.min(buffer.length, budget + 1));
          position = 0;
          if (limit <= 0) {
            limit = 0;
            return any ? line.toString(StandardCharsets.UTF_8) : null;
          }
          budget -= limit;
        }
        any = true;
        int end = position;
        while (end < limit && buffer[end] != '\n') {
          end++;
        }
        line.write(buffer, position, Math.max(0, Math.min(end - position, MAX_LINE - line.size())));
        if (end < limit) {
          position = end + 1;
          return line.toString(StandardCharsets.UTF_8);
        }
        position = limit;
      }
      return null;
    }
  }


}
