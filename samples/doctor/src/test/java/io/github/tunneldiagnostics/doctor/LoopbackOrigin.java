package io.github.tunneldiagnostics.doctor;

import com.sun.net.httpserver.HttpServer;
import io.github.tunneldiagnostics.api.check.Resolver;
import io.github.tunneldiagnostics.core.TunnelDiagnostics;
import io.github.tunneldiagnostics.core.ConnectorOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import picocli.CommandLine;

/** A JDK HttpServer on 127.0.0.1 answering every request with one status and body; plus test plumbing. */
final class LoopbackOrigin implements AutoCloseable {
  static final InetAddress LOOPBACK = loopback();

  private final HttpServer server;

  LoopbackOrigin(int status, String contentType, String body) throws IOException {
    this(Map.of("/", new Answer(status, contentType, body)));
  }

  LoopbackOrigin(Map<String, Answer> answers) throws IOException {
    server = HttpServer.create(new InetSocketAddress(LOOPBACK, 0), 16);
    answers.forEach((path, answer) -> server.createContext(path, exchange -> {
      try (exchange) {
        exchange.getRequestBody().readAllBytes();
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", answer.contentType());
        exchange.sendResponseHeaders(answer.status(), bytes.length);
        exchange.getResponseBody().write(bytes);
      }
    }));
    server.start();
  }

  record Answer(int status, String contentType, String body) {}

  String address() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }

  /** A port on 127.0.0.1 where nothing listens (bound, then closed). */
  static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, LOOPBACK)) {
      return socket.getLocalPort();
    }
  }

  /** Answers {@code localhost} with 127.0.0.1 and nothing else. */
  static Resolver resolver() {
    return host -> {
      if (host.equals("localhost")) {
        return List.of(LOOPBACK);
      }
      throw new UnknownHostException(host + ": tests resolve localhost only");
    };
  }

  /** Connector discovery that only tries a closed loopback port and skips /proc. */
  static ConnectorOptions noConnectorHere() throws IOException {
    return ConnectorOptions.builder().candidates(List.of("127.0.0.1:" + closedPort())).procRoot(null).build();
  }

  /** The library as the doctor uses it, but loopback only. */
  static TunnelDiagnostics diagnostics(Path config, ConnectorOptions connector) {
    return TunnelDiagnostics.forConfig(config).resolver(resolver()).connector(connector);
  }

  /** Runs the doctor like {@code main} (the default command included) with captured streams. */
  static DoctorRun run(DoctorContext context, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = TunnelDoctor.commandLine(context);
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    int exitCode = commandLine.execute(TunnelDoctor.withDefaultCommand(args));
    return new DoctorRun(exitCode, out.toString(), err.toString());
  }

  /** A context whose default config and configless diagnosis are given. */
  static DoctorContext context(ConnectorOptions connector, Supplier<Optional<Path>> defaultConfig) {
    return new DoctorContext(Map.of(), false, path -> diagnostics(path, connector), Duration.ofSeconds(30), defaultConfig,
        () -> TunnelDiagnostics.withoutConfig().resolver(resolver()).connector(connector));
  }

  private static InetAddress loopback() {
    try {
      return InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }
}
