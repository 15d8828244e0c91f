package io.github.tunneldiagnostics.core.internal.probe;

import io.github.tunneldiagnostics.api.internal.golang.GoNet;
import io.github.tunneldiagnostics.api.check.FindingCode;
import io.github.tunneldiagnostics.api.check.Severity;
import io.github.tunneldiagnostics.api.ingress.OriginService;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/** The chain for {@code unix:} and {@code unix+tls:} services. */
final class UnixOriginProbe {
  private final RouteProbe probe;
  private final OriginService.UnixSocket service;

  UnixOriginProbe(RouteProbe probe, OriginService.UnixSocket service) {
    this.probe = probe;
    this.service = service;
  }

  void probe() {
    String path = service.path();
    Path file;
    try {
      file = Path.of(path);
    } catch (InvalidPathException e) {
      missing(path, "is not a valid path", "no such file or directory");
      return;
    }
    if (path.isEmpty() || (!Files.exists(file, LinkOption.NOFOLLOW_LINKS) && !Files.exists(file))) {
      missing(path, "does not exist", "no such file or directory");
      return;
    }
    try {
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
      if (!attributes.isOther()) {
        missing(path, "exists but is a " + (attributes.isDirectory() ? "directory" : "regular file") + ", not a socket", "connection refused");
        return;
      }
    } catch (IOException e) {
      // stat failed: let the connect tell
    }
    Instant start = probe.now();
    SocketChannel channel;
    try {
      channel = SocketChannel.open(StandardProtocolFamily.UNIX);
    } catch (IOException | UnsupportedOperationException e) {
      return;
    }
    Watchdog.Guard guard = probe.run().watchdog().closeAt(channel, probe.now().plus(probe.capped(probe.settings().connectTimeout())));
    try {
      channel.connect(UnixDomainSocketAddress.of(file));
      guard.close();
    } catch (IOException e) {
      guard.close();
      probe.timings().connect(Duration.between(start, probe.now()));
      closeQuietly(channel);
      String reason = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
      String goReason = reason.contains("permission") ? "permission denied" : reason.contains("refused") ? "connection refused" : reason;
      probe.add(probe.findings().start(FindingCode.ORIGIN_CONNECTION_REFUSED, Severity.ERROR)
          .message("Connecting to the unix socket " + path + " failed (" + goReason + ")"
              + (goReason.equals("connection refused") ? ": the socket file is left over and no process accepts on it" : "")
              + "; cloudflared would log dial unix " + path + ": connect: " + goReason + ".")
          .remediation(goReason.equals("permission denied")
              ? "Give cloudflared's user write access to " + path + " (socket owner, group or mode)."
              : "Start the app that should listen on " + path + ", or point " + probe.findings().ruleService() + " at the socket it really uses.")
          .evidence("path", path)
          .evidence("listeningUnixSockets", listeners(file))
          .evidence("result", goReason)
          .build());
      return;
    }
    probe.timings().connect(Duration.between(start, probe.now()));
    if (service.tls()) {
      tls(channel, file, path);
      return;
    }
    Map<String, String> transport = new LinkedHashMap<>();
    transport.put("path", path);
    HttpPhase phase = new HttpPhase(probe, "unix:" + path, false, transport, "", "unix+tls:" + path);
    phase.run(ProbeConnection.of(channel), () -> reopen(file), null);
  }

  /** unix+tls: TLS over the socket; the name is originServerName, else the visitor's host (cloudflared's request URL host). */
  private void tls(SocketChannel channel, Path file, String path) {
    String tlsName = !probe.settings().originServerName().isEmpty() ? probe.settings().originServerName() : probe.publicHost().orElse("");
    String sni = tlsName.isEmpty() || GoNet.isIpLiteral(tlsName) ? null : tlsName;
    List<String> alpn = probe.settings().http2Origin() ? List.of("h2", "http/1.1") : List.of();
    String where = "unix+tls:" + path;
    Map<String, String> transport = new LinkedHashMap<>();
    transport.put("path", path);
    transport.put("sni", sni == null ? "none" : sni);
    TlsHandshake.Result result = probe.run().tls().handshake(new ChannelSocket(channel), sni, alpn, tlsDeadline());
    probe.timings().tls(result.elapsed());
    if (result instanceof TlsHandshake.Failed failed) {
      transport.put("tlsError", failed.detail());
      ProbeConnection plain = reopen(file);
      HttpOutcome answer = plain == null
          ? new HttpOutcome.NoResponse(HttpOutcome.NoResponse.Kind.CLOSED, "", Duration.ZERO)
          : probe.run().http().exchange(plain, HttpPhase.shape(probe, "localhost").bytes(), tlsDeadline());
      if (plain != null) {
        plain.close();
      }
      if (answer instanceof HttpOutcome.Response || TlsHandshake.peerSpokePlaintext(failed)) {
        probe.add(probe.findings().start(FindingCode.ORIGIN_SPEAKS_PLAINTEXT, Severity.ERROR)
            .message("The unix socket " + path + " speaks plain HTTP, not TLS"
                + (answer instanceof HttpOutcome.Response response ? " (it answers a plain request with " + response.statusLine() + ")" : "")
                + ", but rule #" + probe.rule().index() + "'s service is " + service + "; cloudflared would log tls: first record does not look like a TLS handshake.")
            .remediation("Change " + probe.findings().ruleService() + " to unix:" + path + ".")
            .evidence(transport)
            .evidence("result", "plain text")
            .build());
        return;
      }
      probe.add(probe.findings().start(FindingCode.ORIGIN_NO_RESPONSE, Severity.ERROR)
          .message("The TLS handshake over the unix socket " + path + " " + (failed.timedOut() ? "did not complete in time" : "failed (" + failed.detail() + ")")
              + "; cloudflared would log " + failed.goError() + ".")
          .remediation("Check the TLS configuration of the app listening on " + path + ", or use unix:" + path + " if it speaks plain HTTP.")
          .evidence(transport)
          .evidence("result", failed.timedOut() ? "TLS handshake timeout" : "TLS handshake failed")
          .build());
      return;
    }
    TlsHandshake.Established established = (TlsHandshake.Established) result;
    transport.put("tlsProtocol", established.protocol());
    transport.put("tlsCipher", established.cipherSuite());
    transport.put("alpn", established.alpn().isEmpty() ? "none" : established.alpn());
    transport.putAll(CertificateEvidence.of(established.chain()));
    if (probe.settings().noTLSVerify()) {
      transport.put("verification", "skipped (noTLSVerify: true)");
    } else if (!CertificateFindings.verify(probe, established, where, tlsName,
        probe.settings().originServerName().isEmpty() ? "the visitor's host" : "originServerName", transport)) {
      closeQuietly(established.socket());
      return;
    } else {
      transport.put("verification", tlsName.isEmpty() ? "chain ok; name not checked" : "ok for " + tlsName);
    }
    ProbeConnection connection;
    try {
      connection = ProbeConnection.of(established.socket());
    } catch (IOException e) {
      closeQuietly(established.socket());
      return;
    }
    HttpPhase phase = new HttpPhase(probe, where, true, transport, "", "unix+tls:" + path);
    phase.run(connection, () -> reopenTls(file, sni), null);
  }

  private @Nullable ProbeConnection reopenTls(Path file, @Nullable String sni) {
    try {
      SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
      channel.connect(UnixDomainSocketAddress.of(file));
      TlsHandshake.Result result = probe.run().tls().handshake(new ChannelSocket(channel), sni, List.of(), tlsDeadline());
      return result instanceof TlsHandshake.Established established ? ProbeConnection.of(established.socket()) : null;
    } catch (IOException e) {
      return null;
    }
  }

  private Instant tlsDeadline() {
    Instant limit = probe.now().plus(probe.settings().tlsTimeout());
    return limit.isBefore(probe.deadline()) ? limit : probe.deadline();
  }

  private static void closeQuietly(java.net.Socket socket) {
    RouteProbe.closeQuietly(socket);
  }

  private @Nullable ProbeConnection reopen(Path file) {
    try {
      SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
      channel.connect(UnixDomainSocketAddress.of(file));
      return ProbeConnection.of(channel);
    } catch (IOException e) {
      return null;
    }
  }

  private void missing(String path, String what, String goReason) {
    Path file = Path.of(path.isEmpty() ? "." : path);
    probe.add(probe.findings().start(FindingCode.ORIGIN_UNIX_SOCKET_MISSING, Severity.ERROR)
        .message("The unix socket " + (path.isEmpty() ? "path (empty)" : path) + " " + what + "; cloudflared would log dial unix " + path + ": connect: " + goReason + ".")
        .remediation("Start the app so that it creates " + path + ", or change " + probe.findings().ruleService()
            + " to unix:<the socket it really creates>" + alternatives(file) + ".")
        .evidence("path", path)
        .evidence("listeningUnixSockets", listeners(file))
        .evidence("result", what)
        .build());
  }

  private String alternatives(Path file) {
    List<String> near = nearby(file);
    return near.isEmpty() ? "" : " (listening sockets nearby: " + String.join(", ", near) + ")";
  }

  private String listeners(Path file) {
    if (!probe.run().sockets().get().available()) {
      return "unknown: /proc/net/unix is not readable";
    }
    List<String> near = nearby(file);
    return near.isEmpty() ? "none in " + (file.getParent() == null ? "the same directory" : file.getParent()) : String.join(", ", near);
  }

  /** Listening sockets in the same directory or with the same file name. */
  private List<String> nearby(Path file) {
    Path parent = file.toAbsolutePath().getParent();
    String name = file.getFileName() == null ? "" : file.getFileName().toString();
    return probe.run().sockets().get().unixPaths().stream()
        .filter(p -> !p.startsWith("@"))
        .filter(p -> {
          Path candidate = Path.of(p);
          return (parent != null && parent.equals(candidate.getParent())) || (!name.isEmpty() && candidate.getFileName() != null && name.equals(candidate.getFileName().toString()));
        })
        .distinct()
        .limit(10)
        .collect(Collectors.toList());
  }

  private static void closeQuietly(SocketChannel channel) {
    try {
      channel.close();
    } catch (IOException ignored) {
      // nothing to do
    }
  }
}
