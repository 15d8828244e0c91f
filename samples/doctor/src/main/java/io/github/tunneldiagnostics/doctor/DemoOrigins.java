package io.github.tunneldiagnostics.doctor;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.github.tunneldiagnostics.api.check.Resolver;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;

/**
 * The origins of {@code tunnel-doctor --demo}, all on loopback: a healthy app, a rule pointing at a
 * port next to where the app listens, an app bound only to {@code [::1]} while the rule says
 * {@code 127.0.0.1} (left out when this machine has no IPv6 loopback), a self-signed TLS origin behind
 * {@code https://}, and an app answering 502. Writes their config to a temporary directory; {@link
 * #close()} stops them and deletes it.
 */
final class DemoOrigins implements AutoCloseable {
  /** The throwaway demo key's password (see the README next to it); it protects nothing. */
  private static final char[] DEMO_KEY_PASSWORD = "demo-only-not-secret".toCharArray();

  private static final InetAddress IPV4_LOOPBACK = loopback(new byte[] {127, 0, 0, 1});
  private static final InetAddress IPV6_LOOPBACK = loopback(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1});

  private final List<HttpServer> servers = new ArrayList<>();
  private final List<String> urls = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private final List<String> services = new ArrayList<>();
  private final StringBuilder ingress = new StringBuilder();
  private @Nullable Path directory;
  private boolean retiredHostname;
  private @Nullable Path config;
  private @Nullable DemoNamespace namespace;
  private @Nullable String headlineUrl;

  private DemoOrigins() {}

  /** Starts the origins and writes their config. */
  static DemoOrigins start() throws IOException {
    return start(false);
  }

  /**
   * Starts the origins and writes their config; with {@code retiredHostname}, also a rule for
   * {@code old.demo.example} (served by the healthy app) whose public DNS points at a tunnel that no longer runs.
   */
  static DemoOrigins start(boolean retiredHostname) throws IOException {
    DemoOrigins demo = new DemoOrigins();
    demo.retiredHostname = retiredHostname;
    try {
      demo.startAll();
      return demo;
    } catch (IOException | RuntimeException e) {
      demo.close();
      throw e;
    }
  }

  private void startAll() throws IOException {
    CompletableFuture<SSLContext> tls = new CompletableFuture<>(); // loading the key is the slow part: overlap it
    Thread loader = new Thread(() -> {
      try {
        tls.complete(demoTlsContext());
      } catch (IOException | RuntimeException e) {
        tls.completeExceptionally(e);
      }
    }, "tunnel-doctor-demo-key");
    loader.setDaemon(true);
    loader.start();

    HttpServer app = plain(IPV4_LOOPBACK, 200, "Hello from the demo app.\n");
    rule("app.demo.example", "http://127.0.0.1:" + app.getAddress().getPort());

    HttpServer api = plain(IPV4_LOOPBACK, 200, "{\"api\":\"ok\"}\n");
    rule("api.demo.example", "http://127.0.0.1:" + freeNeighbour(api.getAddress().getPort()));

    HttpServer admin = ipv6Only();
    if (admin != null) {
      rule("admin.demo.example", "http://127.0.0.1:" + admin.getAddress().getPort());
    }

    HttpServer secure = selfSignedTls(await(tls));
    rule("secure.demo.example", "https://localhost:" + secure.getAddress().getPort());

    HttpServer shop = plain(IPV4_LOOPBACK, 502, "Bad Gateway: the shop's upstream is down.\n");
    rule("shop.demo.example", "http://127.0.0.1:" + shop.getAddress().getPort());

    Optional<String> noNamespace = DemoNamespace.unavailable();
    if (noNamespace.isEmpty()) {
      HttpServer hidden = plain(IPV4_LOOPBACK, 200, "Hello from the app on this host's loopback.\n");
      rule("container.demo.example", "http://localhost:" + hidden.getAddress().getPort());
      headlineUrl = urls.get(urls.size() - 1);
    } else {
      notes.add("left out the headline case (cloudflared in its own network namespace cannot reach an app on this host's loopback): "
          + noNamespace.get());
    }
    if (retiredHostname) {
      rule("old.demo.example", "http://127.0.0.1:" + app.getAddress().getPort());
    }

    directory = Files.createTempDirectory("tunnel-doctor-demo");
    config = directory.resolve("config.yml");
    Files.writeString(config,
        "# Written by tunnel-doctor --demo for its loopback origins; deleted when the demo ends.\n"
            + "ingress:\n" + ingress + "  - service: http_status:404\n",
        StandardCharsets.UTF_8);
    if (headlineUrl != null) {
      namespace = DemoNamespace.start(directory, config);
    }
  }

  /**
   * The headline case's URL and the process id of the stand-in cloudflared in its own network namespace;
   * empty when this machine does not allow it (see {@link #notes()}).
   */
  Optional<Map.Entry<String, Long>> headline() {
    return headlineUrl == null || namespace == null ? Optional.empty() : Optional.of(Map.entry(headlineUrl, namespace.pid()));
  }

  /** The temporary directory of the demo's files, deleted by {@link #close()}. */
  Path directory() {
    return Objects.requireNonNull(directory, "directory");
  }

  /** The config file the demo wrote. */
  Path config() {
    return Objects.requireNonNull(config, "config");
  }

  /** One public URL per demo rule. */
  List<String> urls() {
    return List.copyOf(urls);
  }

  /** Each demo rule's service, in rule order. */
  List<String> services() {
    return List.copyOf(services);
  }

  /** What the demo had to leave out on this machine, for the user. */
  List<String> notes() {
    return List.copyOf(notes);
  }

  /** A resolver that answers loopback only: {@code localhost} is 127.0.0.1, loopback literals are themselves. */
  static Resolver resolver() {
    return host -> {
      if (host.equalsIgnoreCase("localhost")) {
        return List.of(IPV4_LOOPBACK);
      }
      String literal = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
      if (literal.matches("[0-9.]+|[0-9a-fA-F:]*:[0-9a-fA-F:.]*")) {
        InetAddress address = InetAddress.getByName(literal); // a literal: no lookup
        if (address.isLoopbackAddress()) {
          return List.of(address);
        }
      }
      throw new UnknownHostException(host + ": the demo resolves loopback names only");
    };
  }

  private void rule(String hostname, String service) {
    ingress.append("  - hostname: ").append(hostname).append('\n').append("    service: ").append(service).append('\n');
    urls.add("https://" + hostname + "/");
    services.add(service);
  }

  private HttpServer plain(InetAddress address, int status, String body) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(address, 0), 16);
    return serve(server, status, body);
  }

  private HttpServer serve(HttpServer server, int status, String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    server.createContext("/", exchange -> respond(exchange, status, bytes));
    server.start();
    servers.add(server);
    return server;
  }

  private static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
    try (exchange) {
      exchange.getRequestBody().readAllBytes();
      exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
      exchange.sendResponseHeaders(status, body.length);
      exchange.getResponseBody().write(body);
    }
  }

  /** An app on [::1] only, on a port that is free on 127.0.0.1; null when IPv6 loopback is unavailable. */
  private @Nullable HttpServer ipv6Only() {
    for (int attempt = 0; attempt < 3; attempt++) {
      HttpServer server;
      try {
        server = HttpServer.create(new InetSocketAddress(IPV6_LOOPBACK, 0), 16);
      } catch (IOException e) {
        notes.add("left out the app bound to [::1] only: this machine has no IPv6 loopback (" + e.getMessage() + ")");
        return null;
      }
      if (isFree(server.getAddress().getPort())) {
        return serve(server, 200, "Hello from the admin app on [::1].\n");
      }
      server.stop(0);
    }
    notes.add("left out the app bound to [::1] only: no port was free on both loopback addresses");
    return null;
  }

  private static SSLContext await(CompletableFuture<SSLContext> tls) throws IOException {
    try {
      return tls.get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while loading the demo key", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof IOException io ? io : new IOException("cannot load the demo key: " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      throw new IOException("loading the demo key took longer than 30 s", e);
    }
  }

  private HttpServer selfSignedTls(SSLContext context) throws IOException {
    HttpsServer server = HttpsServer.create(new InetSocketAddress(IPV4_LOOPBACK, 0), 16);
    server.setHttpsConfigurator(new HttpsConfigurator(context));
    return serve(server, 200, "Hello over TLS from the demo origin.\n");
  }

  private static SSLContext demoTlsContext() throws IOException {
    try (InputStream in = DemoOrigins.class.getResourceAsStream("demo-origin.p12")) {
      if (in == null) {
        throw new IOException("the demo key demo-origin.p12 is missing from the jar; rebuild it with mvn package");
      }
      KeyStore keys = KeyStore.getInstance("PKCS12");
      keys.load(in, DEMO_KEY_PASSWORD);
      KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      factory.init(keys, DEMO_KEY_PASSWORD);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(factory.getKeyManagers(), null, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot load the demo key: " + e.getMessage(), e);
    }
  }

  /** A port within 1..10 above or below {@code port} where nothing listens on 127.0.0.1. */
  private static int freeNeighbour(int port) throws IOException {
    for (int distance = 1; distance <= 10; distance++) {
      for (int candidate : new int[] {port + distance, port - distance}) {
        if (candidate > 1024 && candidate < 65536 && isFree(candidate)) {
          return candidate;
        }
      }
    }
    throw new IOException("no free port near " + port + " on 127.0.0.1 for the demo's wrong-port rule");
  }

  /** True when this process can bind {@code port} on 127.0.0.1 (nothing listens there). */
  private static boolean isFree(int port) {
    try (ServerSocket probe = new ServerSocket(port, 1, IPV4_LOOPBACK)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static InetAddress loopback(byte[] address) {
    try {
      return InetAddress.getByAddress(address);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    if (namespace != null) {
      namespace.close();
    }
    servers.forEach(server -> server.stop(0));
    servers.clear();
    try {
      if (config != null) {
        Files.deleteIfExists(config);
      }
      if (directory != null) {
        Files.deleteIfExists(directory);
      }
    } catch (IOException e) {
      notes.add("could not delete " + directory + ": " + e.getMessage());
    }
  }
}
