package io.github.tunneldiagnostics.core.internal.probe;

import io.github.tunneldiagnostics.api.check.FindingCode;
import io.github.tunneldiagnostics.api.check.Severity;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Set;

/**
 * Classifies an HTTP answer to cloudflared's request: ORIGIN_REACHABLE or ORIGIN_HTTP_ERROR (5xx from the
 * app itself); for the WebSocket handshake, ORIGIN_REACHABLE on 101 and ORIGIN_WEBSOCKET_REJECTED on
 * anything else; then ORIGIN_REDIRECT_LOOP and ORIGIN_SLOW.
 */
final class ResponseFindings {
  private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

  private final HttpTarget target;
  private final RouteProbe probe;

  ResponseFindings(HttpTarget target) {
    this.target = target;
    this.probe = target.probe();
  }

  void evaluate(OriginRequestShape request, HttpOutcome.Response response) {
    if (request.websocket()) {
      websocket(request, response);
    } else {
      plain(request, response);
    }
    redirectLoop(request, response);
    slow(request, response);
  }

  private void plain(OriginRequestShape request, HttpOutcome.Response response) {
    String server = response.header("server").orElse("");
    String where = target.where();
    if (response.status() >= 500) {
      probe.add(target.base(FindingCode.ORIGIN_HTTP_ERROR, Severity.ERROR, request, response)
          .message("The origin at " + where + " itself answers " + response.statusLine() + (server.isEmpty() ? "" : " (Server: " + server + ")")
              + " to GET " + request.path() + " with Host: " + request.host()
              + "; the visitor's " + response.status() + " comes from the app or its upstream, not from the tunnel.")
          .remediation("Fix the app behind " + where + " or the upstream it proxies to"
              + (server.isEmpty() ? "" : " (check " + server + "'s error log)") + "; the tunnel and cloudflared work.")
          .build());
      return;
    }
    probe.add(target.base(FindingCode.ORIGIN_REACHABLE, Severity.INFO, request, response)
        .message("The origin at " + where + " answered " + response.statusLine() + " to GET " + request.path() + " with Host: " + request.host()
            + " in " + response.firstByte().toMillis() + " ms" + (target.tls() ? " over " + target.transport().getOrDefault("tlsProtocol", "TLS") : "") + ".")
        .build());
  }

  private void websocket(OriginRequestShape request, HttpOutcome.Response response) {
    String where = target.where();
    if (response.status() == 101) {
      String accept = response.header("sec-websocket-accept").orElse("");
      boolean acceptOk = accept.equals(request.expectedAccept());
      probe.add(target.base(FindingCode.ORIGIN_REACHABLE, Severity.INFO, request, response)
          .message("The origin at " + where + " accepted cloudflared's WebSocket handshake for " + request.path() + " with Host: " + request.host()
              + " (" + response.statusLine() + ") in " + response.firstByte().toMillis() + " ms; the probe closed the connection without sending a frame.")
          .evidence("websocket", "101, Sec-WebSocket-Accept " + (acceptOk ? "matches the key" : accept.isEmpty() ? "missing" : "does not match the key (" + accept + ")"))
          .build());
      return;
    }
    String why;
    String fix;
    int status = response.status();
    if (status / 100 == 2) {
      why = "it answered as to a plain GET, so nothing on that path speaks WebSocket (or a proxy in front of it drops the Upgrade header)";
      fix = "Point " + probe.findings().ruleService() + " (and the route's path) at the app's WebSocket endpoint; if a proxy such as nginx sits in"
          + " front of the app, pass the upgrade on (proxy_http_version 1.1; proxy_set_header Upgrade $http_upgrade; proxy_set_header Connection \"upgrade\").";
    } else if (status == 403 || status == 400) {
      why = "the app refused the upgrade; WebSocket servers commonly refuse an Origin they do not allow, and browsers send Origin: https://"
          + HttpPhase.stripPort(request.forwardedHost() != null ? request.forwardedHost() : request.host());
      fix = "Allow the origin https://" + HttpPhase.stripPort(request.forwardedHost() != null ? request.forwardedHost() : request.host())
          + " in the app's WebSocket settings (allowed origins / CheckOrigin), and check its log for the reason it gives.";
    } else if (status == 404) {
      why = "there is no WebSocket endpoint at " + request.path();
      fix = "Probe the path the app serves WebSockets on (--url wss://<host>/<path>) and check that the app routes it.";
    } else if (status >= 500) {
      why = "the app itself failed while handling the upgrade";
      fix = "Check the app's error log for the failed WebSocket upgrade at " + request.path() + ".";
    } else {
      why = "a WebSocket handshake succeeds only with 101 Switching Protocols";
      fix = "Make the app behind " + where + " accept WebSocket upgrades at " + request.path() + " (it must answer 101 Switching Protocols).";
    }
    probe.add(target.base(FindingCode.ORIGIN_WEBSOCKET_REJECTED, Severity.ERROR, request, response)
        .message("The origin at " + where + " answered cloudflared's WebSocket handshake for " + request.path() + " with " + response.statusLine()
            + " instead of 101 Switching Protocols: " + why + "; the visitor's WebSocket fails (a 1006 close or an error in the browser).")
        .remediation(fix)
        .evidence("websocket", "expected 101, got " + status)
        .build());
  }

  private void redirectLoop(OriginRequestShape request, HttpOutcome.Response response) {
    if (!REDIRECTS.contains(response.status()) || response.header("location").isEmpty()) {
      return;
    }
    String location = response.header("location").get();
    try {
      URI redirect = new URI(location);
      String host = HttpPhase.stripPort(request.host());
      String path = redirect.getRawPath() == null || redirect.getRawPath().isEmpty() ? "/" : redirect.getRawPath();
      String asked = request.path().contains("?") ? request.path().substring(0, request.path().indexOf('?')) : request.path();
      boolean sameUrl = "https".equalsIgnoreCase(redirect.getScheme())
          && redirect.getHost() != null
          && redirect.getHost().equalsIgnoreCase(host)
          && (redirect.getPort() == -1 || redirect.getPort() == 443)
          && path.equals(asked);
      if (!sameUrl) {
        return;
      }
      probe.add(target.base(FindingCode.ORIGIN_REDIRECT_LOOP, Severity.WARNING, request, response)
          .message("The origin at " + target.where() + " answers " + response.statusLine() + " to " + location + " for GET " + request.path()
              + " although the request says X-Forwarded-Proto: https: the visitor already is on that URL, so browsers loop (ERR_TOO_MANY_REDIRECTS).")
          .remediation(target.tls()
              ? "Make the app trust X-Forwarded-Proto from cloudflared (trusted proxies) so it stops forcing https."
              : "Make the app trust X-Forwarded-Proto from cloudflared (trusted proxies), or change " + probe.findings().ruleService() + " to "
                  + target.changeToHttps() + " so the origin sees TLS.")
          .build());
    } catch (URISyntaxException e) {
      // not a URL we can compare
    }
  }

  private void slow(OriginRequestShape request, HttpOutcome.Response response) {
    if (response.firstByte().compareTo(probe.run().settings().slowThreshold()) < 0) {
      return;
    }
    probe.add(target.base(FindingCode.ORIGIN_SLOW, Severity.WARNING, request, response)
        .message("The origin at " + target.where() + " took " + response.firstByte().toMillis() + " ms to send the first byte for GET " + request.path()
            + " (warning threshold " + probe.run().settings().slowThreshold().toMillis() + " ms); Cloudflare's edge gives up after 100 s and the visitor gets 524.")
        .remediation("Make the endpoint answer sooner: stream or send headers early, move the work to a background job, or cache the result.")
        .build());
  }
}
