package io.github.tunneldiagnostics.testkit.fake;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * A small HTTP/1.1 server on a loopback port, one thread per connection, that hands each parsed request
 * to a {@link Responder} which writes whatever it likes to the raw socket (so faults are possible).
 */
final class LoopbackHttpServer implements AutoCloseable {
  private static final int MAX_HEAD_BYTES = 64 * 1024;

  /** A parsed request head. */
  record Request(String method, String target, Map<String, String> headers) {
    String header(String name) {
      return headers.getOrDefault(name.toLowerCase(Locale.ROOT), "");
    }
  }

  /** Answers one request by writing to the socket; returns false to close the connection. */
  @FunctionalInterface
  interface Responder {
    boolean respond(Request request, Socket socket, OutputStream out) throws IOException;
  }

  private final ServerSocket serverSocket;
  private final ExecutorService threads;
  private final AtomicInteger requests = new AtomicInteger();

  LoopbackHttpServer(String name, Responder responder) {
    try {
      this.serverSocket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot bind a loopback port for " + name, e);
    }
    AtomicInteger number = new AtomicInteger();
    this.threads = Executors.newCachedThreadPool(task -> {
      Thread thread = new Thread(task, name + "-" + number.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
    threads.execute(() -> acceptLoop(responder));
  }

  int port() {
    return serverSocket.getLocalPort();
  }

  int requestCount() {
    return requests.get();
  }

  private void acceptLoop(Responder responder) {
    while (!serverSocket.isClosed()) {
      try {
        Socket socket = serverSocket.accept();
        threads.execute(() -> serve(socket, responder));
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void serve(Socket socket, Responder responder) {
    try (socket) {
      socket.setSoTimeout(30_000);
      InputStream in = socket.getInputStream();
      OutputStream out = socket.getOutputStream();
      while (true) {
        Request request = readHead(in);
        if (request == null) {
          return;
        }
        requests.incrementAndGet();
        if (!responder.respond(request, socket, out)) {
          return;
        }
        out.flush();
        if (request.header("Connection").equalsIgnoreCase("close")) {
          return;
        }
      }
    } catch (IOException | RuntimeException ignored) {
      // the client went away or a fault closed the socket
    }
  }

  private static @Nullable Request readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int state = 0;
    while (state < 4) {
      int b = in.read();
      if (b < 0) {
        return null;
      }
      head.write(b);
      if (head.size() > MAX_HEAD_BYTES) {
        return null;
      }
      state = (b == '\r' && (state == 0 || state == 2)) || (b == '\n' && (state == 1 || state == 3)) ? state + 1 : (b == '\r' ? 1 : 0);
    }
    String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
    String[] requestLine = lines[0].split(" ");
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
      }
    }
    long length = parseLength(headers.get("content-length"));
    in.skipNBytes(length);
    return new Request(requestLine[0], requestLine.length > 1 ? requestLine[1] : "/", headers);
  }

  private static long parseLength(@Nullable String value) {
    if (value == null) {
      return 0;
    }
    try {
      return Math.max(0, Long.parseLong(value.trim()));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  static void writeResponse(OutputStream out, int status, String contentType, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    String head = "HTTP/1.1 " + status + " " + reason(status) + "\r\n"
        + "Content-Type: " + contentType + "\r\n"
        + "Content-Length: " + bytes.length + "\r\n"
        + "\r\n";
    out.write(head.getBytes(StandardCharsets.ISO_8859_1));
    out.write(bytes);
  }

  private static String reason(int status) {
    return switch (status) {
      case 200 -> "OK";
      case 301 -> "Moved Permanently";
      case 404 -> "Not Found";
      case 500 -> "Internal Server Error";
      case 502 -> "Bad Gateway";
      case 503 -> "Service Unavailable";
      default -> "Status";
    };
  }

  @Override
  public void close() {
    try {
      serverSocket.close();
    } catch (IOException ignored) {
      // already closed
    }
    threads.shutdownNow();
  }
}
