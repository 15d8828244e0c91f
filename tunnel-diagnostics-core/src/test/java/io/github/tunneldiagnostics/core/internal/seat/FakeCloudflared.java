package io.github.tunneldiagnostics.core.internal.seat;

import java.io.IOException;
import java.util.Map;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A stand-in for cloudflared in tests: started through a link named {@code cloudflared} (so {@code comm}
 * and {@code argv[0]} say cloudflared), with cloudflared's arguments after the class name. Serves a
 * metrics server ({@code /ready}, {@code /config}) on the {@code --metrics} address inside its own
 * network namespace; {@code /config} is the JSON file named by the system property {@code fake.config}.
 * Exits when its stdin closes, so a dead test never leaves it behind.
 */
public final class FakeCloudflared {
  private FakeCloudflared() {}

  public static void main(String[] args) throws IOException {
    String metrics = "0.0.0.0:20241";
    for (int i = 0; i < args.length - 1; i++) {
      if (args[i].equals("--metrics")) {
        metrics = args[i + 1];
      }
    }
    String json = Files.readString(Path.of(System.getProperty("fake.config")), StandardCharsets.UTF_8);
    int colon = metrics.lastIndexOf(':');
    TinyHttpServer.start(metrics.substring(0, colon), Integer.parseInt(metrics.substring(colon + 1)), path -> switch (path) {
      case "/ready" -> Map.entry(200, "{\"status\":200,\"readyConnections\":4,\"connectorId\":\"5c3f1d7e-9b2a-4e8f-a1c6-0123456789ab\"}");
      case "/config" -> Map.entry(200, json);
      default -> Map.entry(404, "404 page not found");
    });
    System.out.println("ready");
    System.out.flush();
    while (System.in.read() >= 0) {
      // wait for the test to close stdin
    }
    System.exit(0);
  }
}
