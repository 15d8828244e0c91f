package io.github.tunneldiagnostics.doctor.serve;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.tunneldiagnostics.api.DiagnosisReport;
import io.github.tunneldiagnostics.core.report.ReportFormat;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The exporter's HTTP endpoints: {@code /metrics} (Prometheus text), {@code /ready} (200 once a run has
 * produced a report, else 503), {@code /report.json} (the last report, {@code tunnel-diagnostics/report/v1})
 * and {@code /} (what is where). GET and HEAD only; each answer is rendered from the latest snapshot and
 * never waits for a run.
 */
public final class MetricsServer implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService executor;

  private MetricsServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /** Binds {@code address} and starts serving. */
  public static MetricsServer start(InetSocketAddress address, Supplier<Snapshot> snapshots, PrometheusExposition exposition)
      throws IOException {
    HttpServer server = HttpServer.create(address, 32);
    ExecutorService executor = Executors.newFixedThreadPool(2, task -> {
      Thread thread = new Thread(task, "tunnel-doctor-serve-http");
      thread.setDaemon(true);
      return thread;
    });
    server.setExecutor(executor);
    server.createContext("/metrics", exchange -> answer(exchange, 200, PrometheusExposition.CONTENT_TYPE,
        () -> exposition.render(snapshots.get())));
    server.createContext("/ready", exchange -> {
      Snapshot snapshot = snapshots.get();
      DiagnosisReport last = snapshot.report();
      boolean ready = last != null;
      answer(exchange, ready ? 200 : 503, "text/plain; charset=utf-8",
          () -> last != null ? "ready: " + snapshot.runs() + " runs, last verdict " + last.verdict() + "\n"
              : "not ready: no diagnosis has finished yet\n");
    });
    server.createContext("/report.json", exchange -> {
      DiagnosisReport report = snapshots.get().report();
      if (report == null) {
        answer(exchange, 503, "text/plain; charset=utf-8", () -> "no diagnosis has finished yet\n");
      } else {
        answer(exchange, 200, "application/json", () -> ReportFormat.JSON.writer().render(report));
      }
    });
    server.createContext("/", exchange -> {
      boolean root = exchange.getRequestURI().getPath().equals("/");
      answer(exchange, root ? 200 : 404, "text/plain; charset=utf-8", () -> root
          ? "tunnel-doctor serve\n/metrics      Prometheus metrics\n/ready        200 once a diagnosis has finished\n"
              + "/report.json  the last report\n"
          : "not found; see /\n");
    });
    server.start();
    return new MetricsServer(server, executor);
  }

  /** The bound address (the real port when 0 was asked for). */
  public InetSocketAddress address() {
    return server.getAddress();
  }

  private static void answer(HttpExchange exchange, int status, String contentType, Supplier<String> body) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      if (!method.equals("GET") && !method.equals("HEAD")) {
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      byte[] bytes = body.get().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", contentType);
      exchange.getResponseHeaders().set("Cache-Control", "no-store");
      if (method.equals("HEAD")) {
        exchange.sendResponseHeaders(status, -1);
        return;
      }
      exchange.sendResponseHeaders(status, bytes.length);
      try (OutputStream body2 = exchange.getResponseBody()) {
        body2.write(bytes);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
