package io.github.tunneldiagnostics.core.internal.seat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Function;

/** A plain-socket HTTP/1.1 server for tests (the core module's tests cannot read jdk.httpserver): one answer per path, then close. */
final class TinyHttpServer implements AutoCloseable {
  private final ServerSocket socket;
  private final Thread thread;

  private TinyHttpServer(ServerSocket socket, Function<String, Map.Entry<Integer, String>> answers) {
    this.socket = socket;
    this.thread = new Thread(() -> serve(answers), "tiny-http-" + socket.getLocalPort());
    thread.setDaemon(true);
    thread.start();
  }

  static TinyHttpServer start(String bind, int port, Function<String, Map.Entry<Integer, String>> answers) throws IOException {
    return new TinyHttpServer(new ServerSocket(port, 16, InetAddress.getByName(bind)), answers);
  }

  int port() {
    return socket.getLocalPort();
  }

  private void serve(Function<String, Map.Entry<Integer, String>> answers) {
    while (!socket.isClosed()) {
      try (Socket client = socket.accept()) {
        client.setSoTimeout(5000);
        BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.ISO_8859_1));
        String request = in.readLine();
        String line;
        while ((line = in.readLine()) != null && !line.isEmpty()) {
          // skip headers
        }
        String path = request == null ? "/" : request.split(" ")[1];
        Map.Entry<Integer, String> answer = answers.apply(path);
        byte[] body = answer.getValue().getBytes(StandardCharsets.UTF_8);
        OutputStream out = client.getOutputStream();
        out.write(("HTTP/1.1 " + answer.getKey() + " X\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
      } catch (IOException e) {
        // next client, or closed
      }
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
