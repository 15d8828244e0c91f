package io.github.tunneldiagnostics.doctor;

import com.sun.net.httpserver.HttpServer;
import io.github.tunneldiagnostics.api.ingress.IngressModel;
import io.github.tunneldiagnostics.api.ingress.IngressRule;
import io.github.tunneldiagnostics.core.internal.config.ConfigLoader;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A loopback stand-in for a running cloudflared that re-reads its config file on every request, as a
 * connector does after a restart: {@code /ready} (200, 4 connections), {@code /config} (the file's
 * rules, version -1), {@code /metrics}; {@code /diag/tunnel} answers 404 as before 2024.12.
 */
final class FileBackedConnector implements AutoCloseable {
  private final HttpServer server;

  FileBackedConnector(Path config) throws IOException {
    server = HttpServer.create(new InetSocketAddress(LoopbackOrigin.LOOPBACK, 0), 16);
    server.createContext("/", exchange -> {
      try (exchange) {
        String path = exchange.getRequestURI().getPath();
        String body;
        int status = 200;
        switch (path) {
          case "/ready" -> body = "{\"status\":200,\"readyConnections\":4,\"connectorId\":\"1f2b3c4d-0000-4000-8000-00000000c0de\"}";
          case "/config" -> body = configJson(config);
          case "/metrics" -> body = "# TYPE cloudflared_tunnel_total_requests counter\ncloudflared_tunnel_total_requests 0\n";
          default -> {
            status = 404;
            body = "404 page not found\n";
          }
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
      }
    });
    server.start();
  }

  private static String configJson(Path config) {
    try {
      IngressModel model = ConfigLoader.load(config);
      StringBuilder ingress = new StringBuilder();
      for (IngressRule rule : model.rules()) {
        ingress.append(ingress.length() == 0 ? "" : ",").append("{\"hostname\":\"").append(rule.hostname()).append("\",\"path\":null,\"service\":\"")
            .append(rule.rawService()).append("\",\"Handlers\":null,\"originRequest\":{}}");
      }
      return "{\"version\":-1,\"config\":{\"ingress\":[" + ingress + "],\"warp-routing\":{},\"originRequest\":{}}}";
    } catch (Exception e) {
      throw new IllegalStateException("the fake connector cannot read " + config, e);
    }
  }

  String address() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
