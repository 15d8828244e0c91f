package io.github.tunneldiagnostics.testkit.publicroute;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** A loopback HTTP server that answers its n-th request with the n-th body (the last one repeated): a metrics server whose counters move. */
final class SequenceServer implements AutoCloseable {
  private final ServerSocket socket;
  private final List<String> bodies;
  private final AtomicInteger served = new AtomicInteger();

  private SequenceServer(ServerSocket socket, List<String> bodies) {
    this.socket = socket;
    this.bodies = bodies;
  }

  static SequenceServer start(String... bodies) throws IOException {
    SequenceServer server = new SequenceServer(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), List.of(bodies));
    Thread thread = new Thread(server::loop, "sequence server");
    thread.setDaemon(true);
    thread.start();
    return server;
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + socket.getLocalPort());
  }

  private void loop() {
    while (!socket.isClosed()) {
      try (Socket client = socket.accept()) {
        InputStream in = client.getInputStream();
        int matched = 0;
        while (matched < 4) {
          int b = in.read();
          if (b < 0) {
            break;
          }
          matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3)) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        String body = bodies.get(Math.min(served.getAndIncrement(), bodies.size() - 1));
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        OutputStream out = client.getOutputStream();
        out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " + bytes.length + "\r\nConnection: close\r\n\r\n")
            .getBytes(StandardCharsets.ISO_8859_1));
        out.write(bytes);
        out.flush();
      } catch (IOException e) {
        return;
      }
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
