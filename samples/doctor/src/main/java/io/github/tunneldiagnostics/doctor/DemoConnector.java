package io.github.tunneldiagnostics.doctor;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * The demo's stand-in for cloudflared (never a real tunnel): started as {@code cloudflared tunnel
 * --metrics ADDRESS --config FILE run} through a link named {@code cloudflared}, inside its own network
 * namespace, it answers cloudflared's {@code /ready} on its metrics address so the doctor finds a ready
 * connector there. It exits when its standard input closes, so it never outlives the demo.
 */
public final class DemoConnector {
  private DemoConnector() {}

  public static void main(String[] args) throws IOException {
    String metrics = "0.0.0.0:20241";
    for (int i = 0; i < args.length - 1; i++) {
      if (args[i].equals("--metrics")) {
        metrics = args[i + 1];
      }
    }
    int colon = metrics.lastIndexOf(':');
    ServerSocket server = new ServerSocket(Integer.parseInt(metrics.substring(colon + 1)), 16, InetAddress.getByName(metrics.substring(0, colon)));
    Thread serving = new Thread(() -> serve(server), "demo-connector-metrics");
    serving.setDaemon(true);
    serving.start();
    System.out.println("ready");
    System.out.flush();
    while (System.in.read() >= 0) {
      // runs until the demo closes our standard input
    }
    System.exit(0);
  }

  private static void serve(ServerSocket server) {
    while (!server.isClosed()) {
      try (Socket client = server.accept()) {
        client.setSoTimeout(5000);
        BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.ISO_8859_1));
        String request = in.readLine();
        String line;
        while ((line = in.readLine()) != null && !line.isEmpty()) {
          // headers
        }
        boolean ready = request != null && request.startsWith("GET /ready ");
        byte[] body = (ready ? "{\"status\":200,\"readyConnections\":4,\"connectorId\":\"00000000-0000-4000-8000-00000000de70\"}" : "404 page not found")
            .getBytes(StandardCharsets.UTF_8);
        OutputStream out = client.getOutputStream();
        out.write(((ready ? "HTTP/1.1 200 OK" : "HTTP/1.1 404 Not Found") + "\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
            .getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
      } catch (IOException e) {
        // next request
      }
    }
  }
}
