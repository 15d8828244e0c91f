package io.github.tunneldiagnostics.core.internal.seat;

import io.github.tunneldiagnostics.api.Route;
import io.github.tunneldiagnostics.api.check.Check;
import io.github.tunneldiagnostics.api.check.CheckContext;
import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.check.FindingCode;
import io.github.tunneldiagnostics.api.check.Severity;
import io.github.tunneldiagnostics.api.ingress.IngressRule;
import io.github.tunneldiagnostics.api.ingress.OriginService;
import io.github.tunneldiagnostics.core.internal.vantage.ProxyEnvironment;
import io.github.tunneldiagnostics.core.internal.vantage.ProxyServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import javax.net.ssl.SSLSocketFactory;

/**
 * ORIGIN_VIA_PROXY (check id {@value #ID}): which origins cloudflared reaches through a proxy set in
 * its environment (Go's {@code ProxyFromEnvironment} rules, see {@link ProxyEnvironment}), and whether
 * that proxy gets through: a {@code GET} in absolute form for {@code http} origins, a {@code CONNECT}
 * for {@code https} ones, as Go's transport sends them; only the status line is read. An ERROR when the
 * proxy refuses, fails or cannot reach the origin; a WARNING when it works. The proxy's user and
 * password are sent as cloudflared would, and never shown.
 */
public final class ProxyCheck implements Check {
  public static final String ID = "origin.proxy";
  private static final int MAX_HEAD = 8 << 10;

  private final ProxyEnvironment proxy;

  public ProxyCheck(ProxyEnvironment proxy) {
    this.proxy = Objects.requireNonNull(proxy, "proxy");
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String description() {
    return "checks the HTTP(S)_PROXY cloudflared's environment sends origin requests through";
  }

  @Override
  public List<Finding> run(CheckContext context) {
    List<Finding> findings = new ArrayList<>();
    if (!proxy.any()) {
      return findings;
    }
    Set<Integer> seen = new HashSet<>();
    for (Route route : context.routes()) {
      if (route.rule() >= context.ingress().rules().size() || !seen.add(route.rule())) {
        continue;
      }
      IngressRule rule = context.ingress().rule(route.rule());
      if (!(rule.service() instanceof OriginService.Http http)) {
        continue;
      }
      String scheme = http.scheme();
      int port = http.effectivePort();
      ProxyServer server = proxy.proxyFor(scheme, http.host(), port).orElse(null);
      if (server == null) {
        continue;
      }
      findings.add(probe(context, rule, http, server, port));
    }
    return findings;
  }

  private Finding probe(CheckContext context, IngressRule rule, OriginService.Http http, ProxyServer server, int port) {
    boolean tls = http.scheme().equals("https") || http.scheme().equals("wss");
    String target = (http.host().contains(":") ? "[" + http.host() + "]" : http.host()) + ":" + port;
    String via = server.display() + " (" + server.variable() + " in cloudflared's environment)";
    java.util.function.Function<Severity, Finding.Builder> start = severity -> Finding.builder(FindingCode.ORIGIN_VIA_PROXY, severity)
        .check(ID)
        .subject("rule #" + rule.index() + " " + rule.service())
        .rule(rule.index())
        .evidence("source", "probe")
        .evidence("proxy", server.display())
        .evidence("proxyVariable", server.variable())
        .evidence("noProxy", proxy.noProxy().isEmpty() ? "not set" : proxy.noProxy())
        .evidence("request", tls ? "CONNECT " + target : "GET " + http.scheme() + "://" + target + "/");
    Finding.Builder b = start.apply(Severity.WARNING);
    String exempt = "add " + http.host() + " to NO_PROXY in cloudflared's environment (NO_PROXY=" + (proxy.noProxy().isEmpty() ? "" : proxy.noProxy() + ",") + http.host()
        + "; in Compose: environment: [\"NO_PROXY=" + http.host() + "\"]) so that it connects directly";
    if (!server.isHttp()) {
      return b.message("cloudflared sends rule #" + rule.index() + "'s requests to " + target + " through the SOCKS proxy " + via
              + ", not directly; the direct probe does not show what that proxy does.")
          .remediation("If the origin is on this machine or its network, " + exempt + ".")
          .evidence("result", "not probed (SOCKS)")
          .build();
    }
    String outcome;
    int status;
    try {
      Instant end = context.deadline().minus(Duration.ofMillis(50));
      status = exchange(context, server, tls, target, http, end);
      outcome = "the proxy answered " + status;
    } catch (ConnectException e) {
      return start.apply(Severity.ERROR).message("cloudflared sends rule #" + rule.index() + "'s requests to " + target + " through the proxy " + via
              + ", and nothing accepts connections at the proxy (" + server.host() + ":" + server.port() + " refused): every request fails with 502.")
          .remediation("Fix or remove " + server.variable() + " in cloudflared's environment, or " + exempt + ".")
          .evidence("result", "proxy refused the connection")
          .build();
    } catch (IOException e) {
      boolean timeout = e instanceof SocketTimeoutException;
      return start.apply(Severity.ERROR).message("cloudflared sends rule #" + rule.index() + "'s requests to " + target + " through the proxy " + via
              + ", and the proxy " + (timeout ? "did not answer in time" : "failed (" + e.getMessage() + ")") + ": requests fail with 502.")
          .remediation("Fix or remove " + server.variable() + " in cloudflared's environment, or " + exempt + ".")
          .evidence("result", timeout ? "proxy timeout" : "proxy failed: " + e.getMessage())
          .build();
    }
    b.evidence("result", outcome);
    Finding.Builder failed = start.apply(Severity.ERROR).evidence("result", outcome);
    boolean works = tls ? status >= 200 && status < 300 : status != 502 && status != 503 && status != 504 && status != 407 && status != 403;
    if (works) {
      return b.message("cloudflared sends rule #" + rule.index() + "'s requests to " + target + " through the proxy " + via
              + ", not directly (NO_PROXY does not exempt " + http.host() + "); the proxy gets through now (" + outcome + "), but the origin depends on it.")
          .remediation("If the origin is on this machine or its network, " + exempt + ".")
          .build();
    }
    String why = status == 407 ? "asks for credentials cloudflared does not send (407)"
        : status == 403 ? "forbids this destination (403)"
        : "cannot reach the origin (" + status + ")";
    return failed
        .message("cloudflared sends rule #" + rule.index() + "'s requests to " + target + " through the proxy " + via + ", and the proxy " + why
            + ": visitors get 502, whatever the direct probe says.")
        .remediation(exempt.substring(0, 1).toUpperCase(java.util.Locale.ROOT) + exempt.substring(1) + ", or allow " + target + " on the proxy.")
        .build();
  }

  private static int exchange(CheckContext context, ProxyServer server, boolean tls, String target, OriginService.Http http, Instant end) throws IOException {
    List<InetAddress> addresses = context.resolver().resolve(server.host());
    Socket socket = new Socket();
    try {
      socket.connect(new InetSocketAddress(addresses.get(0), server.port()), millis(end));
      if (server.scheme().equals("https")) {
        socket = ((SSLSocketFactory) SSLSocketFactory.getDefault()).createSocket(socket, server.host(), server.port(), true);
      }
      StringBuilder request = new StringBuilder();
      if (tls) {
        request.append("CONNECT ").append(target).append(" HTTP/1.1\r\nHost: ").append(target).append("\r\n");
      } else {
        request.append("GET ").append(http.scheme().equals("ws") ? "http" : http.scheme()).append("://").append(target).append("/ HTTP/1.1\r\nHost: ")
            .append(target).append("\r\nUser-Agent: tunnel-diagnostics-probe\r\nConnection: close\r\n");
      }
      server.authorization().ifPresent(value -> request.append("Proxy-Authorization: ").append(value).append("\r\n"));
      request.append("\r\n");
      OutputStream out = socket.getOutputStream();
      out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      while (line.size() < MAX_HEAD) {
        socket.setSoTimeout(millis(end));
        int c = in.read();
        if (c < 0 || c == '\n') {
          break;
        }
        line.write(c);
      }
      String[] parts = line.toString(StandardCharsets.ISO_8859_1).strip().split(" ");
      if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
        throw new IOException(line.size() == 0 ? "it closed the connection without an answer" : "it answered something that is not HTTP");
      }
      try {
        return Integer.parseInt(parts[1]);
      } catch (NumberFormatException e) {
        throw new IOException("it answered something that is not HTTP", e);
      }
    } finally {
      socket.close();
    }
  }

  private static int millis(Instant end) throws SocketTimeoutException {
    long left = Duration.between(Instant.now(), end).toMillis();
    if (left <= 0) {
      throw new SocketTimeoutException("no time left");
    }
    return (int) Math.min(Integer.MAX_VALUE, left);
  }
}
