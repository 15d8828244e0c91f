package io.github.tunneldiagnostics.core.internal.seat;

import io.github.tunneldiagnostics.api.Diagnosis;
import io.github.tunneldiagnostics.api.DiagnosisReport;
import io.github.tunneldiagnostics.api.Route;
import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.ingress.IngressModel;
import io.github.tunneldiagnostics.core.ConfigException;
import io.github.tunneldiagnostics.core.internal.config.ConfigLoader;
import io.github.tunneldiagnostics.core.internal.config.ConnectorConfigParser;
import io.github.tunneldiagnostics.core.internal.connector.BoundedGet;
import io.github.tunneldiagnostics.core.internal.probe.OriginCheck;
import io.github.tunneldiagnostics.core.internal.vantage.ContainerRoot;
import io.github.tunneldiagnostics.core.internal.vantage.ProcFiles;
import io.github.tunneldiagnostics.core.internal.vantage.ProxyEnvironment;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The second JVM, started inside the connector's network namespace. Writes JSON lines to stdout only.
 *
 * <pre>
 * origin --pid PID --deadline EPOCH_MILLIS (--config-file PATH | --config-json PATH --config-address ADDR)
 *        [--route RULE URL SERVICE]...
 * fetch  --deadline EPOCH_MILLIS --base http://127.0.0.1:20241 --max-bytes N --timeout-millis N PATH...
 * </pre>
 *
 * <p>{@code origin} probes the routes like the host's origin check, resolving names with the connector's
 * own hosts file and nameservers (read through {@code /proc/PID/root}) and honouring its proxy
 * variables. {@code fetch} GETs metrics-server paths from inside, each within its budget.
 */
public final class InsideNamespaceMain {
  private InsideNamespaceMain() {}

  public static void main(String[] args) {
    PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);
    int code;
    try {
      code = args.length > 0 && args[0].equals("fetch") ? fetch(args, out) : origin(args, out);
    } catch (IllegalArgumentException | IOException | ConfigException e) {
      out.println(JsonLines.object(Map.of("type", "error", "message", String.valueOf(e.getMessage()))));
      code = 2;
    }
    out.flush();
    System.exit(code);
  }

  static int origin(String[] args, PrintStream out) throws IOException, ConfigException {
    long pid = -1;
    Instant deadline = null;
    IngressModel model = null;
    String jsonPath = null;
    String address = null;
    List<Route> routes = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      switch (args[i]) {
        case "--pid" -> pid = Long.parseLong(args[++i]);
        case "--deadline" -> deadline = Instant.ofEpochMilli(Long.parseLong(args[++i]));
        case "--config-file" -> model = ConfigLoader.load(Path.of(args[++i]));
        case "--config-json" -> jsonPath = args[++i];
        case "--config-address" -> address = args[++i];
        case RouteArguments.FLAG -> {
          routes.add(RouteArguments.parse(args[i + 1], args[i + 2], args[i + 3]));
          i += 3;
        }
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    if (model == null && jsonPath != null && address != null) {
      model = ConnectorConfigParser.parse(Files.readString(Path.of(jsonPath), StandardCharsets.UTF_8), address);
    }
    if (pid < 0 || deadline == null || model == null) {
      throw new IllegalArgumentException("origin needs --pid, --deadline and a config");
    }
    Path proc = Path.of("/proc", Long.toString(pid));
    ContainerRoot root = new ContainerRoot(proc.resolve("root"));
    ProxyEnvironment proxy = ProxyEnvironment.NONE;
    try {
      proxy = ProxyEnvironment.fromEnviron(ProcFiles.read(proc.resolve("environ"), ProcFiles.MAX_PROC_FILE));
    } catch (IOException e) {
      // no proxy known
    }
    Clock clock = Clock.systemUTC();
    Duration left = Duration.between(clock.instant(), deadline);
    if (left.compareTo(Duration.ofMillis(1)) < 0) {
      left = Duration.ofMillis(1);
    }
    DiagnosisReport report = Diagnosis.builder()
        .ingress(model)
        .check(OriginCheck.builder().build())
        .check(new ProxyCheck(proxy))
        .routes(routes)
        .timeout(left)
        .resolver(SeatResolver.of(root, clock))
        .clock(clock)
        .build()
        .run();
    for (Finding f : report.findings()) {
      out.println(JsonLines.finding(f));
    }
    out.println(JsonLines.object(Map.of("type", "done")));
    return 0;
  }

  static int fetch(String[] args, PrintStream out) {
    Instant deadline = null;
    URI base = null;
    int maxBytes = 1 << 20;
    Duration timeout = Duration.ofSeconds(3);
    List<String> paths = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      switch (args[i]) {
        case "--deadline" -> deadline = Instant.ofEpochMilli(Long.parseLong(args[++i]));
        case "--base" -> base = URI.create(args[++i]);
        case "--max-bytes" -> maxBytes = Integer.parseInt(args[++i]);
        case "--timeout-millis" -> timeout = Duration.ofMillis(Long.parseLong(args[++i]));
        default -> paths.add(args[i]);
      }
    }
    if (deadline == null || base == null) {
      throw new IllegalArgumentException("fetch needs --deadline and --base");
    }
    for (String spec : paths) {
      int eq = spec.lastIndexOf('=');
      String path = eq > 0 ? spec.substring(0, eq) : spec;
      int budget = eq > 0 ? Integer.parseInt(spec.substring(eq + 1)) : maxBytes;
      BoundedGet get = new BoundedGet(Duration.ofSeconds(1), timeout, budget, deadline, Clock.systemUTC());
      Map<String, Object> line = new LinkedHashMap<>();
      line.put("type", "reply");
      line.put("path", path);
      BoundedGet.Reply reply = get.get(base, path);
      line.put("status", reply.status());
      line.put("outcome", reply.outcome().name());
      line.put("detail", reply.detail());
      line.put("bytes", reply.bytesRead());
      line.put("body", reply.body());
      out.println(JsonLines.object(line));
    }
    out.println(JsonLines.object(Map.of("type", "done")));
    return 0;
  }
}
