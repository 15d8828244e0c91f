package com.example.greeting;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * The application behind the tunnel: answers {@code /health} and {@code /greet}. Where it binds is the
 * classic source of a 502 behind a tunnel, so the bind address and port are parameters.
 */
public final class GreetingApp implements AutoCloseable {
  private final HttpServer server;

  private GreetingApp(HttpServer server) {
    this.server = server;
  }

  /** Starts the app on {@code bindAddress:port} (port 0 picks a free one). */
  public static GreetingApp start(InetAddress bindAddress, int port) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(bindAddress, port), 50);
    server.createContext("/health", exchange -> respond(exchange, 200, "ok"));
    server.createContext("/greet", exchange -> respond(exchange, 200, "hello, " + exchange.getRequestHeaders().getFirst("Host")));
    server.setExecutor(Executors.newFixedThreadPool(4, task -> {
      Thread thread = new Thread(task, "greeting-app");
      thread.setDaemon(true);
      return thread;
    }));
    server.start();
    return new GreetingApp(server);
  }

  private static void respond(com.sun.net.httpserver.HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** The port it listens on. */
  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }

  /** Runs the app on 127.0.0.1:8080 until killed. */
  public static void main(String[] args) throws IOException {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 8080;
    start(InetAddress.getLoopbackAddress(), port);
  }
}
