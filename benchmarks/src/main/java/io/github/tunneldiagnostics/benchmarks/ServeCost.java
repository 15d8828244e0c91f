package io.github.tunneldiagnostics.benchmarks;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Measures what {@code tunnel-doctor serve} costs: starts N healthy HTTP origins on loopback (in this JVM,
 * so that their cost is not counted), writes a config with one rule per origin, starts the given serve
 * command on it (the exporter on a free loopback port, {@code --interval} as given), waits for its first
 * report, then reads over the window, from /proc: the exporter's CPU time (utime + stime of its whole
 * process tree, {@code /proc/PID/stat}), also since it started (JVM start-up and the first run
 * included), its peak RSS ({@code VmHWM} of {@code /proc/PID/status}), which of its threads used the CPU,
 * the load average before and after (a loaded machine inflates CPU time: caches, frequency, contention),
 * and what its /metrics says about the runs. Linux only; loopback only.
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar io.github.tunneldiagnostics.benchmarks.ServeCost 200 5s 60 ./tunnel-doctor serve
 * }</pre>
 */
public final class ServeCost {
  private static final Pattern SAMPLE = Pattern.compile("(?m)^(tunnel_doctor_[a-z_]+) ([0-9.eE+-]+)$");

  private ServeCost() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 4) {
      System.err.println("usage: ServeCost RULES INTERVAL SECONDS COMMAND... (e.g. 200 5s 60 ./tunnel-doctor serve)");
      System.exit(2);
    }
    int rules = Integer.parseInt(args[0]);
    String interval = args[1];
    int seconds = Integer.parseInt(args[2]);
    List<String> command = new ArrayList<>(List.of(args).subList(3, args.length));
    InetAddress loopback = InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
    ExecutorService answering = Executors.newFixedThreadPool(4);
    List<HttpServer> origins = new ArrayList<>();
    Path dir = Files.createTempDirectory("serve-cost");
    StringBuilder config = new StringBuilder("ingress:\n");
    for (int i = 0; i < rules; i++) {
      HttpServer origin = HttpServer.create(new InetSocketAddress(loopback, 0), 64);
      origin.setExecutor(answering);
      origin.createContext("/", exchange -> {
        try (exchange) {
          exchange.getRequestBody().readAllBytes();
          byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
        }
      });
      origin.start();
      origins.add(origin);
      config.append("  - hostname: app-").append(i).append(".bench.example\n    service: http://127.0.0.1:")
          .append(origin.getAddress().getPort()).append('\n');
    }
    config.append("  - service: http_status:404\n");
    Path file = dir.resolve("config.yml");
    Files.writeString(file, config);
    int port;
    try (ServerSocket free = new ServerSocket(0, 1, loopback)) {
      port = free.getLocalPort();
    }
    command.addAll(List.of("--config", file.toString(), "--interval", interval, "--listen", "127.0.0.1:" + port));
    System.out.println("origins: " + rules + " on loopback; command: " + String.join(" ", command));
    long launched = System.nanoTime();
    Process serve = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.INHERIT).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    HttpClient http = HttpClient.newBuilder().proxy(ProxySelector.of(null)).connectTimeout(Duration.ofSeconds(2)).build();
    try {
      Instant giveUp = Instant.now().plusSeconds(180);
      while (!ready(http, port)) {
        if (Instant.now().isAfter(giveUp) || !serve.isAlive()) {
          throw new IllegalStateException("the exporter did not become ready (first run) within 180 s");
        }
        Thread.sleep(200);
      }
      String before = get(http, port, "/metrics");
      String loadBefore = loadAverage();
      long connectorsBefore = cloudflaredProcesses();
      Map<String, Long> threads0 = threadTicks(serve.pid());
      long ticks0 = cpuTicks(serve.pid());
      long start = System.nanoTime();
      Thread.sleep(seconds * 1000L);
      long ticks1 = cpuTicks(serve.pid());
      Map<String, Long> threads1 = threadTicks(serve.pid());
      double wall = (System.nanoTime() - start) / 1e9;
      String loadAfter = loadAverage();
      long connectorsAfter = cloudflaredProcesses();
      String after = get(http, port, "/metrics");
      double cpu = (ticks1 - ticks0) / 100.0; // USER_HZ is 100 on Linux
      double lifetime = (System.nanoTime() - launched) / 1e9;
      long[] rss = rssKb(serve.pid());
      System.out.printf(Locale.ROOT, "window: %.1f s; runs: %.0f (failures %.0f); last run: %.2f s; routes up: %d of %d%n", wall,
          value(after, "tunnel_doctor_runs_total") - value(before, "tunnel_doctor_runs_total"),
          value(after, "tunnel_doctor_run_failures_total"), value(after, "tunnel_doctor_last_run_duration_seconds"),
          after.lines().filter(l -> l.startsWith("tunnel_doctor_rule_up{") && l.endsWith(" 1")).count(),
          after.lines().filter(l -> l.startsWith("tunnel_doctor_rule_up{")).count());
      System.out.printf(Locale.ROOT, "cpu: %.2f s over %.1f s = %.1f %% of one core (target < 10 %%)%n", cpu, wall, 100 * cpu / wall);
      System.out.printf(Locale.ROOT, "cpu since start (JVM start-up and first run included): %.2f s over %.1f s = %.1f %% of one core%n",
          ticks1 / 100.0, lifetime, 100 * (ticks1 / 100.0) / lifetime);
      System.out.printf(Locale.ROOT, "rss: %d MB now, %d MB peak (target < 256 MB)%n", rss[0] / 1024, rss[1] / 1024);
      System.out.println("load average (1, 5, 15 min): " + loadBefore + " before, " + loadAfter + " after; " + Runtime.getRuntime().availableProcessors()
          + " processors");
      System.out.println("cloudflared processes on this machine: " + connectorsBefore + " before, " + connectorsAfter + " after"
          + (connectorsBefore + connectorsAfter > 0 ? " (the exporter reads each one and probes from its seat: not the setup measured here)" : ""));
      System.out.println("cpu in the window by thread (threads that ended, such as the probes' pool, under 'exited'):");
      long named = 0;
      Map<String, Long> used = new TreeMap<>();
      for (Map.Entry<String, Long> thread : threads1.entrySet()) {
        long delta = thread.getValue() - threads0.getOrDefault(thread.getKey(), 0L);
        if (delta > 0) {
          used.merge(thread.getKey().substring(thread.getKey().indexOf(' ') + 1), delta, Long::sum);
          named += delta;
        }
      }
      used.put("exited", Math.max(0, (ticks1 - ticks0) - named));
      used.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(12)
          .forEach(e -> System.out.printf(Locale.ROOT, "  %6.2f s  %s%n", e.getValue() / 100.0, e.getKey()));
    } finally {
      serve.descendants().forEach(ProcessHandle::destroy); // a launcher script's java child first
      serve.destroy();
      serve.waitFor();
      origins.forEach(origin -> origin.stop(0));
      answering.shutdownNow();
    }
  }

  private static boolean ready(HttpClient http, int port) {
    try {
      return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ready")).timeout(Duration.ofSeconds(2)).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static String get(HttpClient http, int port, String path) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(5)).build(),
        HttpResponse.BodyHandlers.ofString()).body();
  }

  private static double value(String metrics, String name) {
    Matcher matcher = SAMPLE.matcher(metrics);
    while (matcher.find()) {
      if (matcher.group(1).equals(name)) {
        return Double.parseDouble(matcher.group(2));
      }
    }
    return Double.NaN;
  }

  /** utime + stime of the process and its descendants (a launcher script's java child included). */
  private static long cpuTicks(long pid) throws IOException {
    long total = 0;
    for (long member : tree(pid)) {
      String stat = Files.readString(Path.of("/proc", Long.toString(member), "stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      total += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }
    return total;
  }

  /** Processes whose argv[0] names cloudflared (as the exporter's /proc scan sees them): it would inspect them too. */
  private static long cloudflaredProcesses() {
    return ProcessHandle.allProcesses().filter(process -> {
      try {
        byte[] cmdline = Files.readAllBytes(Path.of("/proc", Long.toString(process.pid()), "cmdline"));
        int end = 0;
        while (end < cmdline.length && cmdline[end] != 0) {
          end++;
        }
        String argv0 = new String(cmdline, 0, end, StandardCharsets.UTF_8);
        return argv0.substring(argv0.lastIndexOf('/') + 1).startsWith("cloudflared");
      } catch (IOException | SecurityException ended) {
        return false;
      }
    }).count();
  }

  /** The 1, 5 and 15 minute load averages. */
  private static String loadAverage() throws IOException {
    String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
    return fields[0] + " " + fields[1] + " " + fields[2];
  }

  /** utime + stime per live thread of the process tree, keyed {@code TID NAME} (digits of the name as #: pools). */
  private static Map<String, Long> threadTicks(long pid) {
    Map<String, Long> ticks = new HashMap<>();
    for (long member : tree(pid)) {
      try (var tasks = Files.list(Path.of("/proc", Long.toString(member), "task"))) {
        for (Path task : tasks.toList()) {
          try {
            String name = Files.readString(task.resolve("comm")).trim().replaceAll("[0-9]+", "#");
            String stat = Files.readString(task.resolve("stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            ticks.merge(task.getFileName() + " " + name, Long.parseLong(fields[11]) + Long.parseLong(fields[12]), Long::sum);
          } catch (IOException ended) {
            // the thread ended while being read
          }
        }
      } catch (IOException ended) {
        // the process ended
      }
    }
    return ticks;
  }

  /** VmRSS and VmHWM in kB, summed over the process tree. */
  private static long[] rssKb(long pid) throws IOException {
    long rss = 0;
    long peak = 0;
    for (long member : tree(pid)) {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(member), "status"))) {
        if (line.startsWith("VmRSS:")) {
          rss += Long.parseLong(line.replaceAll("\\D", ""));
        } else if (line.startsWith("VmHWM:")) {
          peak += Long.parseLong(line.replaceAll("\\D", ""));
        }
      }
    }
    return new long[] {rss, peak};
  }

  private static Set<Long> tree(long root) {
    Set<Long> members = new HashSet<>();
    members.add(root);
    ProcessHandle.of(root).ifPresent(handle -> handle.descendants().forEach(child -> members.add(child.pid())));
    return members;
  }
}
