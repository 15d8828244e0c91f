package io.github.tunneldiagnostics.core.internal.probe;

import io.github.tunneldiagnostics.api.internal.golang.GoNet;
import io.github.tunneldiagnostics.api.check.FindingCode;
import io.github.tunneldiagnostics.api.check.Severity;
import io.github.tunneldiagnostics.api.ingress.OriginService;
import java.net.InetAddress;
import java.net.Socket;
import java.util.List;

/**
 * The chain for a stream service ({@code ssh://}, {@code rdp://}, {@code tcp://} ...): cloudflared carries
 * it as a raw TCP stream, so resolving and connecting is all there is to probe; nothing is sent.
 */
final class StreamOriginProbe {
  private final RouteProbe probe;
  private final OriginService.Stream stream;

  StreamOriginProbe(RouteProbe probe, OriginService.Stream stream) {
    this.probe = probe;
    this.stream = stream;
  }

  void probe() {
    OriginFindings findings = probe.findings();
    if (stream.effectivePort().isEmpty()) {
      probe.add(findings
          .start(FindingCode.CHECK_SKIPPED, Severity.INFO)
          .message(stream + " has no port and its scheme has no default; cloudflared dials '" + stream.host() + "' without one and fails (missing port in address).")
          .remediation("Add the port to " + findings.ruleService() + ", e.g. " + stream.scheme() + "://" + stream.host() + ":<port>.")
          .build());
      return;
    }
    int port = stream.effectivePort().getAsInt();
    List<InetAddress> addresses = probe.resolve(stream.host());
    if (addresses == null) {
      return;
    }
    Socket socket = probe.connect(addresses, port, (host, newPort) -> stream.scheme() + "://" + GoNet.joinHostPort(host == null ? stream.host() : GoNet.ipString(host), newPort));
    if (socket == null) {
      return;
    }
    String where = GoNet.joinHostPort(socket.getInetAddress(), port);
    RouteProbe.closeQuietly(socket);
    probe.add(findings
        .start(FindingCode.ORIGIN_REACHABLE, Severity.INFO)
        .message("The " + stream.scheme() + " origin accepts TCP connections at " + where + "; cloudflared carries " + stream.scheme()
            + " as a raw TCP stream, so nothing beyond the connect was probed.")
        .evidence("address", where)
        .evidence("attempts", probe.attemptsText())
        .evidence("result", "connected")
        .build());
  }
}
