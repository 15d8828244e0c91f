package io.github.tunneldiagnostics.core.internal.probe;

import io.github.tunneldiagnostics.api.internal.golang.GoDuration;
import io.github.tunneldiagnostics.api.internal.golang.GoNet;
import io.github.tunneldiagnostics.api.check.FindingCode;
import io.github.tunneldiagnostics.api.check.Severity;
import io.github.tunneldiagnostics.api.ingress.OriginService;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The chain for an {@code http(s)://} / {@code ws(s)://} service: resolve, connect, TLS, HTTP. */
final class HttpOriginProbe {
  private static final Duration MIN_EXTRA = Duration.ofMillis(50);

  private final RouteProbe probe;
  private final OriginService.Http service;
  private final int port;
  private final String tlsName;
  private final @Nullable String sni;
  private final List<String> alpn;

  HttpOriginProbe(RouteProbe probe, OriginService.Http service) {
    this.probe = probe;
    this.service = service;
    this.port = service.effectivePort();
    String hostHeader = HttpPhase.shape(probe, serviceAuthority()).host();
    String serverName = probe.settings().originServerName();
    if (!serverName.isEmpty()) {
      this.tlsName = serverName;
    } else if (probe.settings().matchSNItoHost()) {
      this.tlsName = HttpPhase.stripPort(hostHeader);
    } else {
      this.tlsName = service.host();
    }
    // Go's TLS client sends no SNI for an IP literal, but still verifies the IP
    this.sni = GoNet.isIpLiteral(tlsName) ? null : tlsName;
    this.alpn = probe.settings().http2Origin() ? List.of("h2", "http/1.1") : List.of();
  }

  /** The Host Go sends for the service URL itself: host plus the explicit port, as written. */
  private String serviceAuthority() {
    return service.port() >= 0 ? GoNet.joinHostPort(service.host(), service.port()) : (service.host().indexOf(':') >= 0 ? "[" + service.host() + "]" : service.host());
  }

  private String rewrite(@Nullable InetAddress host, int newPort) {
    String h = host == null ? service.host() : GoNet.ipString(host);
    return service.scheme() + "://" + GoNet.joinHostPort(h, newPort);
  }

  private String httpsForm() {
    String scheme = service.scheme().startsWith("ws") ? "wss" : "https";
    return scheme + "://" + GoNet.joinHostPort(service.host(), port);
  }

  void probe() {
    List<InetAddress> addresses = probe.resolve(service.host());
    if (addresses == null) {
      return;
    }
    Socket socket = probe.connect(addresses, port, this::rewrite);
    if (socket == null) {
      return;
    }
    InetAddress address = socket.getInetAddress();
    String where = GoNet.joinHostPort(address, port);
    Map<String, String> transport = new LinkedHashMap<>();
    transport.put("attempts", probe.attemptsText());
    ProbeConnection connection;
    if (service.tls()) {
      connection = tls(socket, address, where, transport);
      if (connection == null) {
        return;
      }
    } else {
      connection = open(socket);
      if (connection == null) {
        return;
      }
    }
    HttpPhase phase = new HttpPhase(probe, where, service.tls(), transport, serviceAuthority(), httpsForm());
    phase.run(connection, () -> reopen(address), service.tls() ? null : new PortSniffs(probe, port, sni, this::tlsDeadline).at(address));
  }

  static @Nullable ProbeConnection open(Socket socket) {
    try {
      return ProbeConnection.of(socket);
    } catch (IOException e) {
      RouteProbe.closeQuietly(socket);
      return null;
    }
  }

  /** A new connection to the same address, with the same TLS settings but no ALPN (for HTTP/1.1). */
  private @Nullable ProbeConnection reopen(InetAddress address) {
    if (!probe.hasTimeFor(MIN_EXTRA)) {
      return null;
    }
    DialAttempt attempt = probe.run().dialer().dial(address, port, probe.capped(probe.settings().connectTimeout()));
    if (attempt.socket() == null) {
      return null;
    }
    if (!service.tls()) {
      return open(attempt.socket());
    }
    TlsHandshake.Result result = probe.run().tls().handshake(attempt.socket(), sni, List.of(), tlsDeadline());
    if (result instanceof TlsHandshake.Established established) {
      return open(established.socket());
    }
    return null;
  }

  Instant tlsDeadline() {
    Instant limit = probe.now().plus(probe.settings().tlsTimeout());
    return limit.isBefore(probe.deadline()) ? limit : probe.deadline();
  }

  private @Nullable ProbeConnection tls(Socket socket, InetAddress address, String where, Map<String, String> transport) {
    TlsHandshake.Result result = probe.run().tls().handshake(socket, sni, alpn, tlsDeadline());
    probe.timings().tls(result.elapsed());
    transport.put("tlsName", tlsName);
    transport.put("sni", sni == null ? "none (the service host is an IP literal; Go sends no SNI)" : sni);
    if (result instanceof TlsHandshake.Failed failed) {
      tlsFailed(failed, address, where, transport);
      return null;
    }
    TlsHandshake.Established established = (TlsHandshake.Established) result;
    transport.put("tlsProtocol", established.protocol());
    transport.put("tlsCipher", established.cipherSuite());
    transport.put("alpn", established.alpn().isEmpty() ? "none" : established.alpn());
    transport.putAll(CertificateEvidence.of(established.chain()));
    if (probe.settings().http2Origin() && !"h2".equals(established.alpn())) {
      probe.add(probe.findings().start(FindingCode.ORIGIN_HTTP2_UNSUPPORTED, Severity.WARNING)
          .message("Rule #" + probe.rule().index() + " sets http2Origin: true but the origin at " + where + " did not select h2 in ALPN (offered h2, http/1.1; got "
              + (established.alpn().isEmpty() ? "none" : established.alpn()) + "); cloudflared falls back to HTTP/1.1.")
          .remediation("Enable HTTP/2 on the origin's TLS listener (gRPC needs it), or remove http2Origin from rule #" + probe.rule().index() + ".")
          .evidence(transport)
          .evidence("result", "no h2")
          .build());
    }
    if (probe.settings().noTLSVerify()) {
      transport.put("verification", "skipped (noTLSVerify: true)");
    } else if (!verify(established, where, transport)) {
      RouteProbe.closeQuietly(established.socket());
      return null;
    } else {
      transport.put("verification", "ok for " + tlsName);
    }
    if ("h2".equals(established.alpn())) {
      // HTTP/1.1 cannot be spoken on an h2 connection: probe HTTP on a second connection without ALPN
      RouteProbe.closeQuietly(established.socket());
      transport.put("httpProbe", "second connection without ALPN (the first negotiated h2)");
      return reopen(address);
    }
    return open(established.socket());
  }

  private boolean verify(TlsHandshake.Established established, String where, Map<String, String> transport) {
    return CertificateFindings.verify(probe, established, where, tlsName, nameSource(), transport);
  }

  private String nameSource() {
    if (!probe.settings().originServerName().isEmpty()) {
      return "originServerName";
    }
    if (probe.settings().matchSNItoHost()) {
      return "matchSNItoHost: the Host header";
    }
    return "the service host";
  }

  private void tlsFailed(TlsHandshake.Failed failed, InetAddress address, String where, Map<String, String> transport) {
    transport.put("tlsError", failed.detail());
    // 1. plain text on a TLS service?
    HttpOutcome plain = plainAttempt(address);
    if (plain instanceof HttpOutcome.Response || TlsHandshake.peerSpokePlaintext(failed)) {
      String answer = plain instanceof HttpOutcome.Response response ? " (it answers a plain request with " + response.statusLine() + ")" : "";
      probe.add(probe.findings().start(FindingCode.ORIGIN_SPEAKS_PLAINTEXT, Severity.ERROR)
          .message("The origin at " + where + " speaks plain HTTP, not TLS" + answer + ", but rule #" + probe.rule().index()
              + "'s service is " + service + "; cloudflared would log tls: first record does not look like a TLS handshake.")
          .remediation("Change " + probe.findings().ruleService() + " to " + plainForm() + ".")
          .evidence(transport)
          .evidence("address", where)
          .evidence("result", "plain text")
          .build());
      return;
    }
    // 2. does the handshake work with a name?
    if (!failed.timedOut()) {
      for (String candidate : sniCandidates()) {
        if (!probe.hasTimeFor(MIN_EXTRA)) {
          break;
        }
        DialAttempt attempt = probe.run().dialer().dial(address, port, probe.capped(probe.settings().connectTimeout()));
        if (attempt.socket() == null) {
          break;
        }
        TlsHandshake.Result retry = probe.run().tls().handshake(attempt.socket(), candidate, alpn, tlsDeadline());
        if (retry instanceof TlsHandshake.Established established) {
          RouteProbe.closeQuietly(established.socket());
          probe.add(probe.findings().start(FindingCode.ORIGIN_SNI_REQUIRED, Severity.ERROR)
              .message("The origin at " + where + " fails the TLS handshake with " + (sni == null ? "no SNI (what cloudflared sends for the IP " + tlsName + ")" : "SNI " + sni)
                  + " but completes it with SNI " + candidate + "; cloudflared would log " + failed.goError() + ".")
              .remediation("Set originRequest.originServerName: " + candidate + " on rule #" + probe.rule().index() + " (or matchSNItoHost: true).")
              .evidence(transport)
              .evidence("sniThatWorks", candidate)
              .evidence("result", "handshake needs SNI")
              .build());
          return;
        }
      }
    }
    String goError = failed.goError();
    probe.add(probe.findings().start(FindingCode.ORIGIN_NO_RESPONSE, Severity.ERROR)
        .message(failed.timedOut()
            ? "The origin at " + where + " accepted the connection but did not complete the TLS handshake within " + failed.elapsed().toMillis()
                + " ms (tlsTimeout " + GoDuration.format(probe.settings().tlsTimeout()) + "); cloudflared would log " + goError + "."
            : "The TLS handshake with the origin at " + where + " failed (" + failed.detail() + "); cloudflared would log " + goError + ".")
        .remediation(failed.timedOut()
            ? "Check that " + where + " is the app's TLS port and that the app is not hung; raise originRequest.tlsTimeout only if the handshake is merely slow."
            : "Check the origin's TLS configuration (protocol versions, ciphers, SNI routing: set originRequest.originServerName if it routes by name).")
        .evidence(transport)
        .evidence("address", where)
        .evidence("result", failed.timedOut() ? "TLS handshake timeout" : "TLS handshake failed")
        .build());
  }

  private List<String> sniCandidates() {
    List<String> names = new ArrayList<>();
    probe.publicHost().filter(h -> !GoNet.isIpLiteral(h) && !h.equals(sni)).ifPresent(names::add);
    if (!GoNet.isIpLiteral(service.host()) && !service.host().equals(sni) && !names.contains(service.host())) {
      names.add(service.host());
    }
    return names;
  }

  private HttpOutcome plainAttempt(InetAddress address) {
    if (!probe.hasTimeFor(MIN_EXTRA)) {
      return new HttpOutcome.NoResponse(HttpOutcome.NoResponse.Kind.TIMEOUT, "", Duration.ZERO);
    }
    DialAttempt attempt = probe.run().dialer().dial(address, port, probe.capped(probe.settings().connectTimeout()));
    ProbeConnection connection = attempt.socket() == null ? null : open(attempt.socket());
    if (connection == null) {
      return new HttpOutcome.NoResponse(HttpOutcome.NoResponse.Kind.CLOSED, "", Duration.ZERO);
    }
    try {
      return probe.run().http().exchange(connection, HttpPhase.shape(probe, serviceAuthority()).bytes(), tlsDeadline());
    } finally {
      connection.close();
    }
  }

  private String plainForm() {
    String scheme = service.scheme().startsWith("ws") ? "ws" : "http";
    return scheme + "://" + GoNet.joinHostPort(service.host(), port);
  }
}
