package io.github.tunneldiagnostics.doctor;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.github.tunneldiagnostics.core.PublicRouteOptions;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;

/**
 * The visitor's side of {@code tunnel-doctor --demo --public}, all on loopback: a DNS server answering
 * Cloudflare addresses for the demo hostnames ({@link DemoDns}), and Cloudflare's edge as an HTTPS server
 * that answers, per hostname, what the real edge would given the demo's faults: cloudflared's 502 where it
 * cannot reach the origin ({@code api}, {@code admin}, {@code secure}), the origin's own 502 for
 * {@code shop}, error 1033 for {@code old.demo.example} (its DNS points at a tunnel that no longer runs),
 * and 200 for {@code app}. It also writes the connector's log lines of those requests, with their
 * {@code cf-ray}, so that the report tells cloudflared's 502 from the origin's.
 * Every hostname is pinned to the fake edge with curl-style {@code --resolve}; its certificate comes from a
 * throwaway demo CA shipped in the jar (see the README next to it).
 */
final class DemoPublicSide implements AutoCloseable {
  private static final char[] DEMO_KEY_PASSWORD = "demo-only-not-secret".toCharArray();

  private final DemoDns dns;
  private final HttpsServer edge;
  private final Path directory;
  private final Path ca;
  private final Path log;

  private DemoPublicSide(DemoDns dns, HttpsServer edge, Path directory, Path ca, Path log) {
    this.dns = dns;
    this.edge = edge;
    this.directory = directory;
    this.ca = ca;
    this.log = log;
  }

  /**
   * Starts the DNS server and the edge for {@code hostnames} (in rule order, with their {@code services}),
   * and writes the CA and the connector's log lines for the requests that fail behind the edge.
   */
  static DemoPublicSide start(List<String> hostnames, List<String> services) throws IOException {
    Path directory = Files.createTempDirectory("tunnel-doctor-demo-public");
    DemoDns dns = null;
    HttpsServer edge = null;
    try {
      dns = DemoDns.start(hostnames);
      edge = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
      edge.setHttpsConfigurator(new HttpsConfigurator(tlsContext()));
      edge.createContext("/", DemoPublicSide::answer);
      edge.start();
      Path ca = directory.resolve("demo-edge-ca.pem");
      try (InputStream in = Objects.requireNonNull(DemoPublicSide.class.getResourceAsStream("demo-edge-ca.pem"), "demo-edge-ca.pem")) {
        Files.copy(in, ca);
      }
      StringBuilder lines = new StringBuilder();
      for (int rule = 0; rule < hostnames.size(); rule++) {
        String line = logLine(hostnames.get(rule), rule, services.get(rule));
        if (line != null) {
          lines.append(line).append('\n');
        }
      }
      Path log = Files.writeString(directory.resolve("cloudflared.log"), lines, StandardCharsets.UTF_8);
      return new DemoPublicSide(dns, edge, directory, ca, log);
    } catch (IOException | RuntimeException e) {
      if (dns != null) {
        dns.close();
      }
      if (edge != null) {
        edge.stop(0);
      }
      throw e;
    }
  }

  /** What cloudflared logs for the demo request to {@code host}: an error when it cannot reach the origin, a request line for the shop's own 502. */
  private static @Nullable String logLine(String host, int rule, String service) {
    String dial = service.substring(service.indexOf("://") + 3);
    String unreachable = "2026-11-25T12:00:01Z ERR  error=\"Unable to reach the origin service. The service may be down or it may not be "
        + "responding to traffic from cloudflared: ";
    String fields = "\" cfRay=" + ray(host) + " event=1 ingressRule=" + rule + " originService=" + service;
    return switch (host) {
      case "api.demo.example", "admin.demo.example" -> unreachable + "dial tcp " + dial + ": connect: connection refused" + fields;
      case "secure.demo.example" -> unreachable + "tls: failed to verify certificate: x509: certificate signed by unknown authority" + fields;
      case "shop.demo.example" -> "2026-11-25T12:00:02Z DBG GET https://shop.demo.example/ HTTP/1.1 cfRay=" + ray(host) + " ingressRule=" + rule
          + " status=502";
      default -> null;
    };
  }

  /** A made-up, well-formed ray id per host. */
  private static String ray(String host) {
    return String.format("8f0c6e1d%08x-AMS", host.hashCode());
  }

  /** {@code https://<host>:<edge port>/}: the URL of {@code host} through the fake edge. */
  String url(String host) {
    return "https://" + host + ":" + edge.getAddress().getPort() + "/";
  }

  /** The public checks pointed at the demo's DNS server and edge. */
  PublicRouteOptions options(List<String> hostnames) {
    PublicRouteOptions.Builder options = PublicRouteOptions.builder().dnsServer(dns.address()).edgeCa(ca);
    for (String host : hostnames) {
      options.resolve(host + ":" + edge.getAddress().getPort() + ":127.0.0.1");
    }
    return options.build();
  }

  /** The connector's log with the lines of the two 502s. */
  Path log() {
    return log;
  }

  private static void answer(HttpExchange exchange) throws IOException {
    try (exchange) {
      String host = String.valueOf(exchange.getRequestHeaders().getFirst("Host")).toLowerCase(Locale.ROOT);
      host = host.indexOf(':') >= 0 ? host.substring(0, host.indexOf(':')) : host;
      Map.Entry<Integer, String> page;
      String type;
      switch (host) {
        case "api.demo.example", "admin.demo.example", "secure.demo.example" -> { // cloudflared could not reach the origin
          type = "text/html; charset=UTF-8";
          page = Map.entry(502, "<title>" + host + " | 502: Bad gateway</title><span class=\"code-label\">Error code 502</span>"
              + "The web server reported a bad gateway error.");
        }
        case "shop.demo.example" -> { // the origin's own 502, replaced by the same page
          type = "application/problem+json; charset=utf-8";
          page = Map.entry(502, "{\"title\":\"Error 502: Bad gateway\",\"status\":502,\"error_code\":502,\"error_category\":\"origin\","
              + "\"cloudflare_error\":true,\"ray_id\":\"" + ray(host).substring(0, 16) + "\",\"retryable\":true,\"retry_after\":60}");
        }
        case "old.demo.example" -> { // the hostname's CNAME names a tunnel that no longer runs
          type = "text/plain; charset=UTF-8";
          page = Map.entry(530, "error code: 1033");
        }
        default -> {
          type = "text/plain";
          page = Map.entry(200, "ok");
        }
      }
      String ray = ray(host);
      byte[] body = page.getValue().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("server", "cloudflare");
      exchange.getResponseHeaders().set("cf-ray", ray);
      exchange.getResponseHeaders().set("content-type", type);
      exchange.sendResponseHeaders(page.getKey(), body.length);
      exchange.getResponseBody().write(body);
    }
  }

  private static SSLContext tlsContext() throws IOException {
    try (InputStream in = DemoPublicSide.class.getResourceAsStream("demo-edge.p12")) {
      if (in == null) {
        throw new IOException("the demo edge key demo-edge.p12 is missing from the jar");
      }
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, DEMO_KEY_PASSWORD);
      KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(store, DEMO_KEY_PASSWORD);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys.getKeyManagers(), null, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot load the demo edge key: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    edge.stop(0);
    dns.close();
    try {
      Files.deleteIfExists(ca);
      Files.deleteIfExists(log);
      Files.deleteIfExists(directory);
    } catch (IOException ignored) {
      // a temporary directory left behind holds nothing secret
    }
  }

  static List<String> hostsOf(List<String> urls) {
    List<String> hosts = new ArrayList<>();
    for (String url : urls) {
      hosts.add(URI.create(url).getHost());
    }
    return hosts;
  }
}
