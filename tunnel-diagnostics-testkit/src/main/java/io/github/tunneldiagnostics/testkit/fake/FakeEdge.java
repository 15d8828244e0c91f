package io.github.tunneldiagnostics.testkit.fake;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedKeyManager;
import org.jspecify.annotations.Nullable;

/**
 * Cloudflare's edge as a visitor meets it, on a loopback HTTPS port: answers each hostname with one of
 * the {@link EdgeFixture}s, and, like Universal SSL, serves a certificate only for its zones and their
 * first-level names (a deeper SNI such as {@code a.b.example.com} gets the fatal {@code handshake_failure}
 * alert). The certificate is issued at start by a throwaway CA made for this fake; trust it with
 * {@link #writeCaPem(Path)} and {@code --edge-ca}, and point the hostnames at the fake with
 * {@code --resolve host:port:127.0.0.1}.
 *
 * <pre>{@code
 * try (FakeEdge edge = FakeEdge.builder()
 *     .answer("app.example.com", EdgeFixture.BAD_GATEWAY_HTML)
 *     .answer("down.example.com", EdgeFixture.TUNNEL_DOWN_TEXT)
 *     .build().start()) {
 *   Path ca = edge.writeCaPem(tempDir.resolve("edge-ca.pem"));
 *   String url = "https://app.example.com:" + edge.port() + "/";
 * }
 * }</pre>
 */
public final class FakeEdge implements AutoCloseable {
  private static final int MAX_HEAD_BYTES = 64 * 1024;

  private final Map<String, Supplier<EdgeFixture>> answers;
  private final EdgeFixture fallback;
  private final Duration delay;
  private final List<String> zones;
  private final ThrowawayCa ca;
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private @Nullable SSLServerSocket serverSocket;
  private @Nullable ExecutorService threads;

  /** A request the fake received. */
  public record Request(String host, String method, String target, Map<String, String> headers) {
    public Request {
      headers = Map.copyOf(headers);
    }
  }

  private FakeEdge(Builder builder) {
    this.answers = Map.copyOf(builder.answers);
    this.fallback = builder.fallback;
    this.delay = builder.delay;
    this.zones = List.copyOf(builder.zones.isEmpty() ? List.of("example.com") : builder.zones);
    this.ca = ThrowawayCa.create("tunnel-diagnostics FakeEdge CA (throwaway)");
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Starts listening on a free loopback port. */
  public synchronized FakeEdge start() {
    if (serverSocket != null) {
      return this;
    }
    List<String> names = new ArrayList<>();
    for (String zone : zones) {
      names.add(zone);
      names.add("*." + zone);
    }
    try {
      KeyStore store = ca.issueServer(zones.get(0), names);
      KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      factory.init(store, ThrowawayCa.password());
      X509ExtendedKeyManager base = (X509ExtendedKeyManager) factory.getKeyManagers()[0];
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(new KeyManager[] {new UniversalSslKeyManager(base, zones)}, null, null);
      SSLServerSocket socket = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress());
      AtomicInteger number = new AtomicInteger();
      ExecutorService pool = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "fake edge-" + number.incrementAndGet());
        thread.setDaemon(true);
        return thread;
      });
      this.serverSocket = socket;
      this.threads = pool;
      pool.execute(() -> acceptLoop(socket, pool));
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot bind a loopback port for the fake edge", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot set up the fake edge's TLS: " + e.getMessage(), e);
    }
  }

  /** The loopback port. */
  public synchronized int port() {
    if (serverSocket == null) {
      throw new IllegalStateException("the fake edge is not started: call start()");
    }
    return serverSocket.getLocalPort();
  }

  /** The {@code --resolve} entry that sends {@code host} on this fake's port to it. */
  public String resolveEntry(String host) {
    return host + ":" + port() + ":127.0.0.1";
  }

  /** {@code https://host:port/}: the URL of {@code host} through this fake. */
  public String url(String host) {
    return "https://" + host + ":" + port() + "/";
  }

  /** The throwaway CA that issued the fake's certificate. */
  public X509Certificate caCertificate() {
    return ca.certificate();
  }

  /** Writes the CA certificate as PEM to {@code file} (for {@code --edge-ca}) and returns the file. */
  public Path writeCaPem(Path file) {
    try {
      return Files.writeString(file, ca.pem(), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /** The requests received so far, in order. */
  public List<Request> requests() {
    return List.copyOf(requests);
  }

  private void acceptLoop(SSLServerSocket socket, ExecutorService pool) {
    while (!socket.isClosed()) {
      try {
        Socket client = socket.accept();
        pool.execute(() -> serve((SSLSocket) client));
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void serve(SSLSocket socket) {
    try (socket) {
      socket.setSoTimeout(30_000);
      socket.startHandshake(); // an uncovered SNI ends here with alert 40
      InputStream in = socket.getInputStream();
      String head = readHead(in);
      if (head == null) {
        return;
      }
      String[] lines = head.split("\r\n");
      String[] requestLine = lines[0].split(" ");
      Map<String, String> headers = new LinkedHashMap<>();
      for (int i = 1; i < lines.length; i++) {
        int colon = lines[i].indexOf(':');
        if (colon > 0) {
          headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
        }
      }
      String host = headers.getOrDefault("host", "");
      if (host.lastIndexOf(':') > host.lastIndexOf(']')) {
        host = host.substring(0, host.lastIndexOf(':'));
      }
      host = host.toLowerCase(Locale.ROOT);
      requests.add(new Request(host, requestLine[0], requestLine.length > 1 ? requestLine[1] : "/", headers));
      Supplier<EdgeFixture> answer = answers.get(host);
      EdgeFixture fixture = answer == null ? fallback : Objects.requireNonNull(answer.get(), "the answer for " + host);
      if (!delay.isZero()) {
        Thread.sleep(delay.toMillis());
      }
      OutputStream out = socket.getOutputStream();
      out.write(fixture.bytes());
      out.flush();
    } catch (IOException | RuntimeException ignored) {
      // the client went away, or the handshake was refused on purpose
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static @Nullable String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0 || head.size() > MAX_HEAD_BYTES) {
        return null;
      }
      head.write(b);
      matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3)) ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    return head.toString(StandardCharsets.ISO_8859_1);
  }

  @Override
  public synchronized void close() {
    if (serverSocket != null) {
      try {
        serverSocket.close();
      } catch (IOException ignored) {
        // already closed
      }
      serverSocket = null;
    }
    if (threads != null) {
      threads.shutdownNow();
      threads = null;
    }
  }

  /** Builds a {@link FakeEdge}. */
  public static final class Builder {
    private final Map<String, Supplier<EdgeFixture>> answers = new LinkedHashMap<>();
    private EdgeFixture fallback = EdgeFixture.HEALTHY;
    private Duration delay = Duration.ZERO;
    private final List<String> zones = new ArrayList<>();

    private Builder() {}

    /** Answers requests for {@code host} with {@code fixture}. */
    public Builder answer(String host, EdgeFixture fixture) {
      Objects.requireNonNull(fixture, "fixture");
      return answer(host, () -> fixture);
    }

    /**
     * Answers each request for {@code host} with what {@code fixture} gives at that moment: an edge whose answer
     * follows the tunnel behind it, e.g. {@link EdgeFixture#BAD_GATEWAY_HTML} until a fix reaches the connector,
     * then {@link EdgeFixture#HEALTHY}.
     */
    public Builder answer(String host, Supplier<EdgeFixture> fixture) {
      answers.put(Objects.requireNonNull(host, "host").toLowerCase(Locale.ROOT), Objects.requireNonNull(fixture, "fixture"));
      return this;
    }

    /** Answers every other host with {@code fixture} (default {@link EdgeFixture#HEALTHY}). */
    public Builder otherwise(EdgeFixture fixture) {
      this.fallback = Objects.requireNonNull(fixture, "fixture");
      return this;
    }

    /** Waits this long before each answer (e.g. to let a client's deadline pass). */
    public Builder delay(Duration value) {
      this.delay = Objects.requireNonNull(value, "delay");
      return this;
    }

    /** A zone the certificate covers, with its first-level names (default {@code example.com}). */
    public Builder zone(String zone) {
      zones.add(Objects.requireNonNull(zone, "zone").toLowerCase(Locale.ROOT));
      return this;
    }

    public FakeEdge build() {
      return new FakeEdge(this);
    }
  }

  /**
   * Universal SSL's coverage: offers the certificate only when the SNI is a zone or exactly one label
   * below one; otherwise no alias, so JSSE fails the handshake with {@code handshake_failure}.
   */
  private static final class UniversalSslKeyManager extends X509ExtendedKeyManager {
    private final X509ExtendedKeyManager base;
    private final List<String> zones;

    UniversalSslKeyManager(X509ExtendedKeyManager base, List<String> zones) {
      this.base = base;
      this.zones = zones;
    }

    @Override
    public @Nullable String chooseServerAlias(String keyType, Principal @Nullable [] issuers, @Nullable Socket socket) {
      if (socket instanceof SSLSocket ssl && !covered(ssl.getHandshakeSession())) {
        return null;
      }
      return base.chooseServerAlias(keyType, issuers, socket);
    }

    @Override
    public @Nullable String chooseEngineServerAlias(String keyType, Principal @Nullable [] issuers, @Nullable SSLEngine engine) {
      if (engine != null && !covered(engine.getHandshakeSession())) {
        return null;
      }
      return base.chooseEngineServerAlias(keyType, issuers, engine);
    }

    private boolean covered(@Nullable SSLSession session) {
      if (!(session instanceof ExtendedSSLSession extended)) {
        return true;
      }
      for (SNIServerName name : extended.getRequestedServerNames()) {
        if (name instanceof SNIHostName host) {
          String sni = host.getAsciiName().toLowerCase(Locale.ROOT);
          for (String zone : zones) {
            if (sni.equals(zone) || (sni.endsWith("." + zone) && sni.indexOf('.') == sni.length() - zone.length() - 1)) {
              return true;
            }
          }
          return false;
        }
      }
      return true; // no SNI (an address): serve the certificate
    }

    @Override
    public String @Nullable [] getClientAliases(String keyType, Principal @Nullable [] issuers) {
      return base.getClientAliases(keyType, issuers);
    }

    @Override
    public @Nullable String chooseClientAlias(String[] keyType, Principal @Nullable [] issuers, @Nullable Socket socket) {
      return base.chooseClientAlias(keyType, issuers, socket);
    }

    @Override
    public String @Nullable [] getServerAliases(String keyType, Principal @Nullable [] issuers) {
      return base.getServerAliases(keyType, issuers);
    }

    @Override
    public X509Certificate @Nullable [] getCertificateChain(String alias) {
      return base.getCertificateChain(alias);
    }

    @Override
    public @Nullable PrivateKey getPrivateKey(String alias) {
      return base.getPrivateKey(alias);
    }
  }
}
