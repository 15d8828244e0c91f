package io.github.tunneldiagnostics.core.internal.probe;

import io.github.tunneldiagnostics.api.internal.golang.GoNet;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The HTTP step over an open connection: sends the request cloudflared would send
 * ({@link OriginRequestShape}: a GET, or the WebSocket Upgrade handshake for {@code ws(s)://}), then hands
 * the answer to {@link ResponseFindings} or, when no HTTP answer comes, to {@link NoAnswerFindings}; a 4xx
 * is retried once without the proxy headers ({@link ProxyHeaderProbe}), a 3xx or 4xx once with the
 * service's own Host ({@link HostHeaderProbe}). Never a body, never a method other than GET.
 */
final class HttpPhase {
  /** Opens a fresh connection to the same origin, set up like the first (TLS included); null when it cannot. */
  @FunctionalInterface
  interface Reopen {
    @Nullable ProbeConnection open();
  }

  private final HttpTarget target;

  /**
   * @param where the address probed, for messages
   * @param tls whether the connection is TLS
   * @param transportEvidence TLS details for the evidence
   * @param serviceAuthority the Host Go would put for the service URL itself, e.g. {@code 127.0.0.1:8080}
   * @param changeToHttps the https form of the service, for remediations
   */
  HttpPhase(RouteProbe probe, String where, boolean tls, Map<String, String> transportEvidence, String serviceAuthority, String changeToHttps) {
    this.target = new HttpTarget(probe, where, tls, transportEvidence, serviceAuthority, changeToHttps, "");
  }

  /** What cloudflared sends for this route (see {@link OriginRequestShape#of}). */
  static OriginRequestShape shape(RouteProbe probe, String serviceAuthority) {
    return OriginRequestShape.of(probe, serviceAuthority);
  }

  /**
   * Second looks at a plain-text port that gave no HTTP answer, each on a fresh connection; absent where
   * they do not apply (TLS services, unix sockets).
   *
   * @param tls does the port complete a TLS handshake?
   * @param h2c the HTTP/2 frames the port answers the HTTP/2 connection preface with; empty when none
   */
  record Sniffs(BooleanSupplier tls, Supplier<String> h2c) {}

  /** @param sniffs second looks for a plain-text service (null when not applicable) */
  void run(ProbeConnection connection, Reopen reopen, @Nullable Sniffs sniffs) {
    RouteProbe probe = target.probe();
    OriginRequestShape request = shape(probe, target.serviceAuthority());
    HttpTarget here = target;
    if (connection.socket() != null && connection.socket().getLocalAddress() != null) {
      here = new HttpTarget(probe, target.where(), target.tls(), target.transport(), target.serviceAuthority(), target.changeToHttps(),
          GoNet.ipString(connection.socket().getLocalAddress()));
    }
    HttpOutcome outcome;
    try {
      outcome = probe.run().http().exchange(connection, request.bytes(), probe.deadline());
    } finally {
      connection.close();
    }
    if (outcome instanceof HttpOutcome.Response response) {
      probe.timings().firstByte(response.firstByte());
      if (response.status() / 100 == 4 && new ProxyHeaderProbe(here).rejects(request, response, reopen)) {
        return;
      }
      new ResponseFindings(here).evaluate(request, response);
      new HostHeaderProbe(here).compare(request, response, reopen);
    } else {
      new NoAnswerFindings(here).classify(request, outcome, sniffs);
    }
  }

  /** The host of a Host header value: without port and brackets. */
  static String stripPort(String hostHeader) {
    if (hostHeader.startsWith("[")) {
      int end = hostHeader.indexOf(']');
      return end > 0 ? hostHeader.substring(1, end) : hostHeader;
    }
    int colon = hostHeader.lastIndexOf(':');
    return colon > 0 && hostHeader.indexOf(':') == colon ? hostHeader.substring(0, colon) : hostHeader;
  }
}
