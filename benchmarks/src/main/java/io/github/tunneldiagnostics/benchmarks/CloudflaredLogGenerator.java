package io.github.tunneldiagnostics.benchmarks;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.SplittableRandom;

/**
 * Writes a realistic cloudflared log of a given size: a mix of INF/WRN/ERR lines in cloudflared's
 * console (or JSON) format, failed requests in both line shapes (QUIC {@code Request failed} and HTTP/2
 * {@code failed to serve incoming request}), stream-service errors, registrations, edge errors, and a
 * little junk (binary bytes, invalid UTF-8, an occasional very long line). Deterministic for a seed.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.github.tunneldiagnostics.benchmarks.CloudflaredLogGenerator /tmp/cloudflared-1g.log 1g [console|json] [seed]</pre>
 *
 * All addresses are loopback: the log is only ever parsed, never acted on.
 */
public final class CloudflaredLogGenerator {
  private static final String UNABLE =
      "Unable to reach the origin service. The service may be down or it may not be responding to traffic from cloudflared: ";
  private static final String[][] RULES = {
    {"app.example.com", "http://127.0.0.1:8080", "dial tcp 127.0.0.1:8080: connect: connection refused"},
    {"api.example.com", "http://127.0.0.1:8081", "dial tcp 127.0.0.1:8081: i/o timeout"},
    {"secure.example.com", "https://127.0.0.1:8443", "tls: failed to verify certificate: x509: certificate signed by unknown authority"},
    {"grafana.example.com", "http://grafana:3000", "dial tcp: lookup grafana on 127.0.0.11:53: no such host"},
    {"tls.example.com", "https://localhost:9443", "tls: failed to verify certificate: x509: certificate is valid for origin.internal, not localhost"},
    {"plain.example.com", "https://127.0.0.1:8082", "tls: first record does not look like a TLS handshake"},
    {"nas.example.com", "http://127.0.0.1:5001", "read tcp 127.0.0.1:36562->127.0.0.1:5001: read: connection reset by peer"},
    {"socket.example.com", "unix:/run/app/app.sock", "dial unix /run/app/app.sock: connect: no such file or directory"},
  };
  private static final String[] INFO = {
    "Registered tunnel connection connIndex=%d connection=0b8c1c6e-1111-4a5b-9c4d-1234567890ab event=0 ip=127.0.0.7 location=fra08 protocol=quic",
    "Tunnel connection curve preferences: [X25519MLKEM768 CurveP256] connIndex=%d event=0 ip=127.0.0.7",
    "Updated to new configuration config=\"{\\\"ingress\\\":[{\\\"hostname\\\":\\\"app.example.com\\\",\\\"service\\\":\\\"http://127.0.0.1:8080\\\"},{\\\"service\\\":\\\"http_status:404\\\"}],\\\"warp-routing\\\":{\\\"enabled\\\":false}}\" version=%d",
    "Lost connection with the edge connIndex=%d",
    "Retrying connection in up to 2s connIndex=%d event=0 ip=127.0.0.7",
    "Starting metrics server on 127.0.0.1:20241/metrics",
    "Generated Connector ID: 5c3f1d7e-9b2a-4e8f-a1c6-%012d",
  };

  private CloudflaredLogGenerator() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 2) {
      System.err.println("usage: CloudflaredLogGenerator FILE SIZE[k|m|g] [console|json] [seed]");
      System.exit(2);
    }
    Path file = Path.of(args[0]);
    long size = parseSize(args[1]);
    boolean json = args.length > 2 && args[2].equals("json");
    long seed = args.length > 3 ? Long.parseLong(args[3]) : 42;
    long start = System.nanoTime();
    long written = generate(file, size, json, seed);
    System.out.printf("wrote %d bytes to %s in %.1f s%n", written, file, (System.nanoTime() - start) / 1e9);
  }

  static long parseSize(String s) {
    char unit = Character.toLowerCase(s.charAt(s.length() - 1));
    long factor = unit == 'k' ? 1L << 10 : unit == 'm' ? 1L << 20 : unit == 'g' ? 1L << 30 : 1;
    return Long.parseLong(factor == 1 ? s : s.substring(0, s.length() - 1)) * factor;
  }

  /** Writes at least {@code size} bytes of log to {@code file}; returns the bytes written. */
  public static long generate(Path file, long size, boolean json, long seed) throws IOException {
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
      return generate(out, size, json, seed);
    }
  }

  static long generate(OutputStream out, long size, boolean json, long seed) throws IOException {
    SplittableRandom random = new SplittableRandom(seed);
    Instant time = Instant.parse("2024-12-10T00:00:00Z");
    long written = 0;
    StringBuilder line = new StringBuilder(512);
    while (written < size) {
      time = time.plus(random.nextInt(400), ChronoUnit.MILLIS);
      String ts = time.truncatedTo(ChronoUnit.SECONDS).toString();
      int dice = random.nextInt(1000);
      line.setLength(0);
      if (dice < 5) {
        written += junk(out, random);
        continue;
      }
      if (dice < 550) {
        String msg = String.format(INFO[random.nextInt(INFO.length)], random.nextInt(4));
        written += write(out, json ? jsonInfo(line, ts, msg) : line.append(ts).append(" INF ").append(msg));
      } else if (dice < 620) {
        written +=
            write(out, json ? jsonInfo(line, ts, "Failed to refresh DNS local resolver").insert(10, "warn").delete(14, 18) : line.append(ts).append(" WRN Failed to refresh DNS local resolver error=\"lookup region1.v2.argotunnel.com: i/o timeout\""));
      } else if (dice < 640) {
        written +=
            write(
                out,
                json
                    ? line.append("{\"level\":\"error\",\"connIndex\":1,\"error\":\"failed to dial to edge with quic: timeout: no recent network activity\",\"event\":0,\"ip\":\"127.0.0.7\",\"time\":\"").append(ts).append("\",\"message\":\"Failed to dial a quic connection\"}")
                    : line.append(ts).append(" ERR Failed to dial a quic connection error=\"failed to dial to edge with quic: timeout: no recent network activity\" connIndex=1 event=0 ip=127.0.0.7"));
      } else if (dice < 660) {
        written +=
            write(
                out,
                json
                    ? line.append("{\"level\":\"error\",\"error\":\"dial tcp 127.0.0.1:22: connect: connection refused\",\"cfRay\":\"8f1a2b3c4d5e6f70-FRA\",\"connIndex\":0,\"destAddr\":\"127.0.0.1:22\",\"event\":2,\"ingressRule\":8,\"originService\":\"ssh://127.0.0.1:22\",\"time\":\"").append(ts).append("\"}")
                    : line.append(ts).append(" ERR  error=\"dial tcp 127.0.0.1:22: connect: connection refused\" cfRay=8f1a2b3c4d5e6f70-FRA connIndex=0 destAddr=127.0.0.1:22 event=2 ingressRule=8 originService=ssh://127.0.0.1:22"));
      } else {
        int rule = random.nextInt(RULES.length);
        String[] r = RULES[rule];
        int conn = random.nextInt(4);
        String ray = Long.toHexString(random.nextLong() | Long.MIN_VALUE) + "-FRA";
        boolean http2 = random.nextInt(4) == 0;
        String path = "/" + Integer.toString(random.nextInt(5000), 36);
        if (json) {
          written += write(out, line.append("{\"level\":\"error\",\"error\":\"").append(UNABLE).append(r[2]).append("\",\"cfRay\":\"").append(ray).append("\",\"connIndex\":").append(conn).append(",\"event\":1,\"ingressRule\":").append(rule).append(",\"originService\":\"").append(r[1]).append("\",\"time\":\"").append(ts).append("\"}"));
          line.setLength(0);
          if (http2) {
            written += write(out, line.append("{\"level\":\"error\",\"error\":\"Failed to proxy HTTP: ").append(UNABLE).append(r[2]).append("\",\"time\":\"").append(ts).append("\",\"message\":\"failed to serve incoming request\"}"));
          } else {
            written += write(out, line.append("{\"level\":\"error\",\"connIndex\":").append(conn).append(",\"dest\":\"https://").append(r[0]).append(path).append("\",\"error\":\"").append(UNABLE).append(r[2]).append("\",\"event\":0,\"ip\":\"127.0.0.7\",\"type\":\"http\",\"time\":\"").append(ts).append("\",\"message\":\"Request failed\"}"));
          }
        } else {
          written += write(out, line.append(ts).append(" ERR  error=\"").append(UNABLE).append(r[2]).append("\" cfRay=").append(ray).append(" connIndex=").append(conn).append(" event=1 ingressRule=").append(rule).append(" originService=").append(r[1]));
          line.setLength(0);
          if (http2) {
            written += write(out, line.append(ts).append(" ERR failed to serve incoming request error=\"Failed to proxy HTTP: ").append(UNABLE).append(r[2]).append('"'));
          } else {
            written += write(out, line.append(ts).append(" ERR Request failed error=\"").append(UNABLE).append(r[2]).append("\" connIndex=").append(conn).append(" dest=https://").append(r[0]).append(path).append(" event=0 ip=127.0.0.7 type=http"));
          }
        }
      }
    }
    return written;
  }

  private static StringBuilder jsonInfo(StringBuilder line, String ts, String msg) {
    return line.append("{\"level\":\"info\",\"time\":\"").append(ts).append("\",\"message\":\"").append(msg.replace("\\", "\\\\").replace("\"", "\\\"")).append("\"}");
  }

  private static int write(OutputStream out, CharSequence line) throws IOException {
    byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
    out.write(bytes);
    return bytes.length;
  }

  private static int junk(OutputStream out, SplittableRandom random) throws IOException {
    int kind = random.nextInt(20);
    byte[] bytes;
    if (kind == 0) {
      bytes = new byte[128 * 1024 + 1]; // a line longer than the default cap
      java.util.Arrays.fill(bytes, (byte) 'x');
    } else if (kind < 8) {
      bytes = new byte[40 + random.nextInt(200)];
      for (int i = 0; i < bytes.length; i++) {
        bytes[i] = (byte) random.nextInt(256);
        if (bytes[i] == '\n') {
          bytes[i] = 0;
        }
      }
    } else if (kind < 12) {
      bytes = "2024-12-10T00:00:00Z INF caf\u00e9 \u00ff".getBytes(StandardCharsets.ISO_8859_1);
    } else {
      bytes = "\tat goroutine 1 [running]: main.main() /src/cmd/cloudflared/main.go:42".getBytes(StandardCharsets.US_ASCII);
    }
    out.write(bytes);
    out.write('\n');
    return bytes.length + 1;
  }
}
