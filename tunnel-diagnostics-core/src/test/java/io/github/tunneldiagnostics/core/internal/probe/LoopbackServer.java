package io.github.tunneldiagnostics.core.internal.probe;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A loopback TCP server that hands every accepted connection to a handler on its own thread. */
final class LoopbackServer implements AutoCloseable {

  /** What the server does with one connection; the connection is closed afterwards. */
  @FunctionalInterface
  interface Handler {
    void handle(Socket socket) throws Exception;
  }

  private final ServerSocket server;
  private final List<Socket> clients = new CopyOnWriteArrayList<>();

  private LoopbackServer(ServerSocket server, Handler handler) {
    this.server = server;
    Thread acceptor = new Thread(() -> acceptLoop(handler), "loopback-server-" + server.getLocalPort());
    acceptor.setDaemon(true);
    acceptor.start();
  }

  static LoopbackServer start(Handler handler) throws IOException {
    return start(InetAddress.getLoopbackAddress(), handler);
  }

  static LoopbackServer start(InetAddress address, Handler handler) throws IOException {
    ServerSocket server = new ServerSocket();
    server.bind(new InetSocketAddress(address, 0), 200);
    return new LoopbackServer(server, handler);
  }

  /** Wraps an already bound server socket (e.g. an SSLServerSocket). */
  static LoopbackServer wrap(ServerSocket server, Handler handler) {
    return new LoopbackServer(server, handler);
  }

  int port() {
    return server.getLocalPort();
  }

  private void acceptLoop(Handler handler) {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        clients.add(socket);
        Thread worker = new Thread(() -> {
          try (socket) {
            handler.handle(socket);
          } catch (Exception ignored) {
            // hostile and broken peers are the point of these servers
          }
        }, "loopback-conn-" + server.getLocalPort());
        worker.setDaemon(true);
        worker.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket client : clients) {
      client.close();
    }
  }

  // ---- handlers ----

  /** Accepts and never answers (reads and discards until the peer goes). */
  static void blackHole(Socket socket) throws IOException {
    byte[] buffer = new byte[4096];
    while (socket.getInputStream().read(buffer) >= 0) {
      // discard
    }
  }

  /** Reads the request head and returns it. */
  static String readHead(Socket socket) throws IOException {
    StringBuilder head = new StringBuilder();
    int c;
    while ((c = socket.getInputStream().read()) >= 0) {
      head.append((char) c);
      if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
        break;
      }
    }
    return head.toString();
  }

  static Handler respond(String response) {
    return socket -> {
      readHead(socket);
      socket.getOutputStream().write(response.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
      Thread.sleep(100);
    };
  }

  /** A parsed request head: the request line and the headers (names lower-cased). */
  record Request(String line, java.util.Map<String, String> headers) {
    static Request parse(String head) {
      String[] lines = head.split("\r\n");
      java.util.Map<String, String> headers = new java.util.LinkedHashMap<>();
      for (int i = 1; i < lines.length; i++) {
        int colon = lines[i].indexOf(':');
        if (colon > 0) {
          headers.put(lines[i].substring(0, colon).trim().toLowerCase(java.util.Locale.ROOT), lines[i].substring(colon + 1).trim());
        }
      }
      return new Request(lines.length > 0 ? lines[0] : "", headers);
    }
  }

  /** A minimal HTTP/1.1 server: one response per connection, built by {@code responder}. */
  static Handler http(java.util.function.Function<Request, String> responder) {
    return socket -> {
      Request request = Request.parse(readHead(socket));
      socket.getOutputStream().write(responder.apply(request).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
      socket.shutdownOutput();
      Thread.sleep(50);
    };
  }

  /** A complete response with Content-Length. */
  static String response(int status, String reason, String body, String... headers) {
    StringBuilder text = new StringBuilder("HTTP/1.1 " + status + " " + reason + "\r\n");
    for (String header : headers) {
      text.append(header).append("\r\n");
    }
    text.append("Content-Length: ").append(body.length()).append("\r\n\r\n").append(body);
    return text.toString();
  }
}
