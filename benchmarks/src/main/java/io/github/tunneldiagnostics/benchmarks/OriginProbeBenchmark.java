package io.github.tunneldiagnostics.benchmarks;

import io.github.tunneldiagnostics.api.Route;
import io.github.tunneldiagnostics.api.check.CheckContext;
import io.github.tunneldiagnostics.api.check.CheckResult;
import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.check.FindingCode;
import io.github.tunneldiagnostics.api.check.Resolver;
import io.github.tunneldiagnostics.api.ingress.ConfigSource;
import io.github.tunneldiagnostics.api.ingress.IngressModel;
import io.github.tunneldiagnostics.api.ingress.IngressRule;
import io.github.tunneldiagnostics.api.ingress.OriginRequest;
import io.github.tunneldiagnostics.api.ingress.OriginRequestOverrides;
import io.github.tunneldiagnostics.api.ingress.OriginService;
import io.github.tunneldiagnostics.api.ingress.WarpRouting;
import io.github.tunneldiagnostics.core.internal.probe.OriginCheck;
import io.github.tunneldiagnostics.core.internal.probe.SocketTable;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One whole {@link OriginCheck} run over 200 rules on loopback: 50 origins accept and never answer, 50
 * refuse (closed ports), 100 answer 200. With a 2 s diagnosis timeout the run must take at most 1.3x
 * the timeout (2.6 s): dead origins are probed concurrently, so they cost one timeout, not fifty.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar OriginProbe -f 1 -wi 1 -i 3 -bm ss}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class OriginProbeBenchmark {
  static final Duration TIMEOUT = Duration.ofSeconds(2);
  static final int SILENT = 50;
  static final int REFUSING = 50;
  static final int HEALTHY = 100;

  private final List<ServerSocket> servers = new CopyOnWriteArrayList<>();
  private final List<Socket> connections = new CopyOnWriteArrayList<>();
  private IngressModel model;
  private List<Route> routes;
  private OriginCheck check;
  private List<Finding> last = List.of();

  @Setup(Level.Trial)
  public void startOrigins() throws IOException {
    List<IngressRule> rules = new ArrayList<>();
    for (int i = 0; i < SILENT; i++) {
      rules.add(rule(rules.size(), "silent" + i, serve(OriginProbeBenchmark::neverAnswer)));
    }
    List<Integer> healthyPorts = new ArrayList<>();
    for (int i = 0; i < HEALTHY; i++) {
      healthyPorts.add(serve(OriginProbeBenchmark::answerOk));
    }
    // closed ports are picked last, so that no server started later can take one of them
    Set<Integer> taken = servers.stream().map(ServerSocket::getLocalPort).collect(Collectors.toSet());
    for (int i = 0; i < REFUSING; i++) {
      int port = closedPort();
      while (!taken.add(port)) {
        port = closedPort();
      }
      rules.add(rule(rules.size(), "refusing" + i, port));
    }
    for (int i = 0; i < HEALTHY; i++) {
      rules.add(rule(rules.size(), "healthy" + i, healthyPorts.get(i)));
    }
    OriginService.HttpStatus notFound = new OriginService.HttpStatus(404);
    rules.add(IngressRule.builder().index(rules.size()).service(notFound.toString()).build());
    model = IngressModel.builder().source(ConfigSource.inline("benchmark")).rules(rules).build();
    routes = rules.stream().map(r -> Route.forRule(r.index(), r.service().toString())).toList();
    check = OriginCheck.builder().socketTable(SocketTable.none()).build();
  }

  @TearDown(Level.Trial)
  public void stopOrigins() throws IOException {
    for (ServerSocket server : servers) {
      server.close();
    }
    for (Socket connection : connections) {
      connection.close();
    }
    Map<String, Long> codes = last.stream().collect(Collectors.groupingBy(Finding::code, Collectors.counting()));
    if (codes.getOrDefault(FindingCode.ORIGIN_NO_RESPONSE, 0L) != SILENT
        || codes.getOrDefault(FindingCode.ORIGIN_CONNECTION_REFUSED, 0L) != REFUSING
        || codes.getOrDefault(FindingCode.ORIGIN_REACHABLE, 0L) != HEALTHY) {
      throw new IllegalStateException("unexpected verdicts in the last run: " + codes);
    }
  }

  @Benchmark
  public List<Finding> probeAllOrigins() throws Exception {
    CheckContext context = new Context(model, routes, Instant.now().plus(TIMEOUT));
    last = check.run(context);
    return last;
  }

  private static IngressRule rule(int index, String name, int port) {
    OriginService.Http service = new OriginService.Http("http", "127.0.0.1", port, "http://127.0.0.1:" + port);
    return IngressRule.builder().index(index).hostname(name + ".bench.test").service(service.toString()).build();
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private interface Handler {
    void handle(Socket socket) throws IOException;
  }

  private int serve(Handler handler) throws IOException {
    ServerSocket server = new ServerSocket();
    server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100);
    servers.add(server);
    Thread acceptor = new Thread(() -> {
      while (!server.isClosed()) {
        try {
          Socket socket = server.accept();
          connections.add(socket);
          Thread worker = new Thread(() -> {
            try (socket) {
              handler.handle(socket);
            } catch (IOException ignored) {
              // the probe closed it
            } finally {
              connections.remove(socket);
            }
          });
          worker.setDaemon(true);
          worker.start();
        } catch (IOException e) {
          return;
        }
      }
    });
    acceptor.setDaemon(true);
    acceptor.start();
    return server.getLocalPort();
  }

  private static void neverAnswer(Socket socket) throws IOException {
    InputStream in = socket.getInputStream();
    byte[] buffer = new byte[4096];
    while (in.read(buffer) >= 0) {
      // discard
    }
  }

  private static void answerOk(Socket socket) throws IOException {
    InputStream in = socket.getInputStream();
    int matched = 0;
    int c;
    while (matched < 4 && (c = in.read()) >= 0) {
      matched = (c == "\r\n\r\n".charAt(matched)) ? matched + 1 : (c == '\r' ? 1 : 0);
    }
    socket.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".getBytes(StandardCharsets.ISO_8859_1));
    socket.getOutputStream().flush();
  }

  private record Context(IngressModel ingress, List<Route> routes, Instant deadline) implements CheckContext {
    @Override
    public Clock clock() {
      return Clock.systemUTC();
    }

    @Override
    public Resolver resolver() {
      return host -> {
        throw new UnknownHostException(host + ": the benchmark resolves nothing");
      };
    }

    @Override
    public Optional<CheckResult> resultOf(String checkId) {
      return Optional.empty();
    }
  }

}
