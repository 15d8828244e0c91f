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
 * Writes a realistic cloudflared log of a given size, as cloudflared writes it at {@code --loglevel debug}
 * (the level people raise when requests fail): mostly DBG lines, two per proxied request (the request with
 * its headers, then the origin's status line), a few INF and WRN lines about the connections, and a
 * realistic share of failed requests (about 4 in 100): each is the proxy's ERR line plus the transport's
 * ERR line (QUIC {@code Request failed} or HTTP/2 {@code failed to serve incoming request}), after the
 * request's DBG line; a few are cancelled requests ({@code Incoming request ended abruptly: context
 * canceled}, the edge gave up after 100 s). About one line in five reaches the file through journald
 * ({@code Dec 10 00:00:01 tunnel-host cloudflared[812]: } in front), the rest as cloudflared writes its
 * {@code --logfile}; a little junk (binary bytes, invalid UTF-8, a Go stack line, an occasional line longer
 * than the cap) is mixed in. Console format by default, JSON lines with {@code json}. Deterministic for a
 * seed.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.github.tunneldiagnostics.benchmarks.CloudflaredLogGenerator /tmp/cloudflared-1g.log 1g [console|json] [seed]</pre>
 *
 * All addresses are loopback: the log is only ever parsed, never acted on.
 */
public final class CloudflaredLogGenerator {
  private static final String UNABLE =
      "Unable to reach the origin service. The service may be down or it may not be responding to traffic from cloudflared: ";
  private static final String ABRUPT = "Incoming request ended abruptly: context canceled";
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
  private static final String[] METHODS = {"GET", "GET", "GET", "GET", "POST", "GET", "HEAD", "PUT"};
  private static final String[] STATUS = {"200 OK", "200 OK", "200 OK", "304 Not Modified", "200 OK", "404 Not Found", "301 Moved Permanently", "200 OK"};
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
    Mix mix = new Mix();
    long written = generate(file, size, json, seed, mix);
    System.out.printf("wrote %d bytes, %d lines to %s in %.1f s: %s%n", written, mix.lines, file, (System.nanoTime() - start) / 1e9, mix);
  }

  /** What a generated log holds, line by line. */
  public static final class Mix {
    long lines;
    long debug;
    long info;
    long warn;
    long error;
    long journald;
    long junk;
    long failedRequests;
    long cancelledRequests;

    @Override
    public String toString() {
      return String.format(
          java.util.Locale.ROOT,
          "DBG %.1f%%, INF %.1f%%, WRN %.1f%%, ERR %.1f%%, junk %.2f%%; behind journald %.1f%%; %d failed requests (%d of them cancelled)",
          100.0 * debug / lines, 100.0 * info / lines, 100.0 * warn / lines, 100.0 * error / lines, 100.0 * junk / lines, 100.0 * journald / lines,
          failedRequests, cancelledRequests);
    }
  }

  static long parseSize(String s) {
    char unit = Character.toLowerCase(s.charAt(s.length() - 1));
    long factor = unit == 'k' ? 1L << 10 : unit == 'm' ? 1L << 20 : unit == 'g' ? 1L << 30 : 1;
    return Long.parseLong(factor == 1 ? s : s.substring(0, s.length() - 1)) * factor;
  }

  /** Writes at least {@code size} bytes of log to {@code file}; returns the bytes written. */
  public static long generate(Path file, long size, boolean json, long seed) throws IOException {
    return generate(file, size, json, seed, new Mix());
  }

  static long generate(Path file, long size, boolean json, long seed, Mix mix) throws IOException {
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
      return new Writer(out, json, new SplittableRandom(seed), mix).generate(size);
    }
  }

  /** Writes the lines of one log. */
  private static final class Writer {
    private final OutputStream out;
    private final boolean json;
    private final SplittableRandom random;
    private final Mix mix;
    private final StringBuilder line = new StringBuilder(1024);
    private Instant time = Instant.parse("2024-12-10T00:00:00Z");
    private String ts = "";
    private boolean journald;
    private long written;

    Writer(OutputStream out, boolean json, SplittableRandom random, Mix mix) {
      this.out = out;
      this.json = json;
      this.random = random;
      this.mix = mix;
    }

    long generate(long size) throws IOException {
      while (written < size) {
        time = time.plus(random.nextInt(40), ChronoUnit.MILLIS);
        ts = time.truncatedTo(ChronoUnit.SECONDS).toString();
        journald = random.nextInt(5) == 0;
        int dice = random.nextInt(1000);
        if (dice < 3) {
          junk();
        } else if (dice < 40) {
          info(String.format(java.util.Locale.ROOT, INFO[random.nextInt(INFO.length)], random.nextInt(4)));
        } else if (dice < 55) {
          warn();
        } else if (dice < 60) {
          edgeError();
        } else if (dice < 63) {
          streamError();
        } else if (dice < 100) {
          failedRequest(random.nextInt(10) == 0);
        } else {
          request();
        }
      }
      return written;
    }

    private void request() throws IOException {
      int rule = random.nextInt(RULES.length);
      String ray = ray();
      int conn = random.nextInt(4);
      requestLine(rule, ray, conn);
      String status = STATUS[random.nextInt(STATUS.length)];
      String service = RULES[rule][1];
      int length = random.nextInt(90000);
      if (json) {
        emit(line.append("{\"level\":\"debug\",\"event\":1,\"connIndex\":").append(conn).append(",\"cfRay\":\"").append(ray).append("\",\"originService\":\"").append(service).append("\",\"ingressRule\":").append(rule).append(",\"content-length\":").append(length).append(",\"time\":\"").append(ts).append("\",\"message\":\"").append(status).append("\"}"));
      } else {
        emit(console("DBG").append(status).append(" cfRay=").append(ray).append(" connIndex=").append(conn).append(" content-length=").append(length).append(" event=1 ingressRule=").append(rule).append(" originService=").append(service));
      }
      mix.debug++;
    }

    private void requestLine(int rule, String ray, int conn) throws IOException {
      String[] r = RULES[rule];
      String method = METHODS[random.nextInt(METHODS.length)];
      String path = "/" + Integer.toString(random.nextInt(50000), 36) + (random.nextInt(3) == 0 ? "/items" : "");
      String headers =
          "{\"Accept\":[\"text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8\"],\"Accept-Encoding\":[\"gzip, br\"],\"Accept-Language\":[\"en-US,en;q=0.5\"],\"Cdn-Loop\":[\"cloudflare; loops=1\"],\"Cf-Connecting-Ip\":[\"127.0.0.9\"],\"Cf-Ipcountry\":[\"DE\"],\"Cf-Ray\":[\""
              + ray + "\"],\"Cf-Visitor\":[\"{\\\"scheme\\\":\\\"https\\\"}\"],\"Cf-Warp-Tag-Id\":[\"0b8c1c6e-1111-4a5b-9c4d-1234567890ab\"],\"User-Agent\":[\"Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0\"],\"X-Forwarded-For\":[\"127.0.0.9\"],\"X-Forwarded-Proto\":[\"https\"]}";
      if (json) {
        emit(line.append("{\"level\":\"debug\",\"event\":1,\"connIndex\":").append(conn).append(",\"cfRay\":\"").append(ray).append("\",\"originService\":\"").append(r[1]).append("\",\"ingressRule\":").append(rule).append(",\"host\":\"").append(r[0]).append("\",\"path\":\"").append(path).append("\",\"headers\":").append(headers).append(",\"content-length\":0,\"time\":\"").append(ts).append("\",\"message\":\"").append(method).append(" https://").append(r[0]).append(path).append(" HTTP/1.1\"}"));
      } else {
        emit(console("DBG").append(method).append(" https://").append(r[0]).append(path).append(" HTTP/1.1 cfRay=").append(ray).append(" connIndex=").append(conn).append(" content-length=0 event=1 headers=").append(headers).append(" host=").append(r[0]).append(" ingressRule=").append(rule).append(" originService=").append(r[1]).append(" path=").append(path));
      }
      mix.debug++;
    }

    private void failedRequest(boolean cancelled) throws IOException {
      int rule = random.nextInt(RULES.length);
      String[] r = RULES[rule];
      String ray = ray();
      int conn = random.nextInt(4);
      requestLine(rule, ray, conn);
      if (cancelled) {
        time = time.plus(100, ChronoUnit.SECONDS); // the edge gives up after 100 s
        ts = time.truncatedTo(ChronoUnit.SECONDS).toString();
      }
      String error = cancelled ? ABRUPT : UNABLE + r[2];
      boolean http2 = random.nextInt(4) == 0;
      String path = "/" + Integer.toString(random.nextInt(5000), 36);
      if (json) {
        emit(line.append("{\"level\":\"error\",\"event\":1,\"connIndex\":").append(conn).append(",\"cfRay\":\"").append(ray).append("\",\"originService\":\"").append(r[1]).append("\",\"ingressRule\":").append(rule).append(",\"error\":\"").append(error).append("\",\"time\":\"").append(ts).append("\"}"));
        if (http2) {
          emit(line.append("{\"level\":\"error\",\"error\":\"Failed to proxy HTTP: ").append(error).append("\",\"time\":\"").append(ts).append("\",\"message\":\"failed to serve incoming request\"}"));
        } else {
          emit(line.append("{\"level\":\"error\",\"connIndex\":").append(conn).append(",\"dest\":\"https://").append(r[0]).append(path).append("\",\"error\":\"").append(error).append("\",\"event\":0,\"ip\":\"127.0.0.7\",\"type\":\"http\",\"time\":\"").append(ts).append("\",\"message\":\"Request failed\"}"));
        }
      } else {
        emit(console("ERR").append(" error=\"").append(error).append("\" cfRay=").append(ray).append(" connIndex=").append(conn).append(" event=1 ingressRule=").append(rule).append(" originService=").append(r[1]));
        if (http2) {
          emit(console("ERR").append("failed to serve incoming request error=\"Failed to proxy HTTP: ").append(error).append('"'));
        } else {
          emit(console("ERR").append("Request failed error=\"").append(error).append("\" connIndex=").append(conn).append(" dest=https://").append(r[0]).append(path).append(" event=0 ip=127.0.0.7 type=http"));
        }
      }
      mix.error += 2;
      mix.failedRequests++;
      if (cancelled) {
        mix.cancelledRequests++;
      }
    }

    private void info(String msg) throws IOException {
      emit(json ? jsonInfo(line, ts, msg) : console("INF").append(msg));
      mix.info++;
    }

    private void warn() throws IOException {
      emit(json ? jsonInfo(line, ts, "Failed to refresh DNS local resolver").insert(10, "warn").delete(14, 18) : console("WRN").append("Failed to refresh DNS local resolver error=\"lookup region1.v2.argotunnel.com: i/o timeout\""));
      mix.warn++;
    }

    private void edgeError() throws IOException {
      emit(
          json
              ? line.append("{\"level\":\"error\",\"connIndex\":1,\"error\":\"failed to dial to edge with quic: timeout: no recent network activity\",\"event\":0,\"ip\":\"127.0.0.7\",\"time\":\"").append(ts).append("\",\"message\":\"Failed to dial a quic connection\"}")
              : console("ERR").append("Failed to dial a quic connection error=\"failed to dial to edge with quic: timeout: no recent network activity\" connIndex=1 event=0 ip=127.0.0.7"));
      mix.error++;
    }

    private void streamError() throws IOException {
      emit(
          json
              ? line.append("{\"level\":\"error\",\"error\":\"dial tcp 127.0.0.1:22: connect: connection refused\",\"cfRay\":\"8f1a2b3c4d5e6f70-FRA\",\"connIndex\":0,\"destAddr\":\"127.0.0.1:22\",\"event\":2,\"ingressRule\":8,\"originService\":\"ssh://127.0.0.1:22\",\"time\":\"").append(ts).append("\"}")
              : console("ERR").append(" error=\"dial tcp 127.0.0.1:22: connect: connection refused\" cfRay=8f1a2b3c4d5e6f70-FRA connIndex=0 destAddr=127.0.0.1:22 event=2 ingressRule=8 originService=ssh://127.0.0.1:22"));
      mix.error++;
      mix.failedRequests++;
    }

    private String ray() {
      return Long.toHexString(random.nextLong() | Long.MIN_VALUE) + "-FRA";
    }

    /** Starts a console line: the time and the level (zerolog's console writer puts one space after each). */
    private StringBuilder console(String level) {
      return line.append(ts).append(' ').append(level).append(' ');
    }

    private void emit(StringBuilder text) throws IOException {
      if (journald) {
        // journalctl -u cloudflared: the journal's own time, the host, the unit's identifier and PID
        java.time.ZonedDateTime at = time.atZone(java.time.ZoneOffset.UTC);
        String prefix = String.format(java.util.Locale.ROOT, "%s %2d %02d:%02d:%02d tunnel-host cloudflared[812]: ",
            at.getMonth().getDisplayName(java.time.format.TextStyle.SHORT, java.util.Locale.ROOT), at.getDayOfMonth(), at.getHour(), at.getMinute(), at.getSecond());
        text.insert(0, prefix);
        mix.journald++;
      }
      written += write(out, text);
      mix.lines++;
      text.setLength(0);
    }

    private void junk() throws IOException {
      written += CloudflaredLogGenerator.junk(out, random);
      mix.lines++;
      mix.junk++;
    }
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
    if (kind == 0 && random.nextInt(10) == 0) {
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
