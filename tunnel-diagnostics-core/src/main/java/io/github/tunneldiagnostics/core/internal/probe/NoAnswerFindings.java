package io.github.tunneldiagnostics.core.internal.probe;

import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.check.FindingCode;
import io.github.tunneldiagnostics.api.check.Severity;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Tells apart the ways an origin can fail to give an HTTP answer, each with its own evidence
 * ({@code origin.reply}) and wording: TLS bytes on a plain-text service (ORIGIN_SPEAKS_TLS), HTTP/2 frames
 * (ORIGIN_H2C_ONLY), other bytes that are not HTTP, a close without a byte, a reset, and silence
 * (ORIGIN_NO_RESPONSE). Bytes are shown Go-quoted and bounded.
 */
final class NoAnswerFindings {
  private static final String MALFORMED = "net/http: HTTP/1.x transport connection broken: malformed HTTP response ";

  private final HttpTarget target;
  private final RouteProbe probe;
  private final String where;

  NoAnswerFindings(HttpTarget target) {
    this.target = target;
    this.probe = target.probe();
    this.where = target.where();
  }

  /** @param sniffs second looks for a plain-text service (null when not applicable) */
  void classify(OriginRequestShape request, HttpOutcome outcome, HttpPhase.@Nullable Sniffs sniffs) {
    BooleanSupplier tlsSniff = sniffs == null ? null : sniffs.tls();
    if (outcome instanceof HttpOutcome.Malformed malformed) {
      notHttp(request, malformed, tlsSniff);
    } else if (outcome instanceof HttpOutcome.NoResponse none) {
      noResponse(request, none, sniffs);
    }
  }

  private void notHttp(OriginRequestShape request, HttpOutcome.Malformed malformed, @Nullable BooleanSupplier tlsSniff) {
    String goError = MALFORMED + malformed.quoted();
    if (!target.tls() && malformed.kind() == HttpOutcome.Malformed.Kind.TLS) {
      speaksTls("answered the plain-text request with TLS bytes " + malformed.quoted(), goError, "tls");
      return;
    }
    if (malformed.kind() == HttpOutcome.Malformed.Kind.HTTP2) {
      h2cOnly(request, malformed, goError);
      return;
    }
    if (!target.tls() && tlsSniff != null && tlsSniff.getAsBoolean()) {
      speaksTls("answered the plain-text request with bytes that are not HTTP (" + malformed.quoted() + "), and completes a TLS handshake", goError, "non-http");
      return;
    }
    probe.add(target.base(FindingCode.ORIGIN_NO_RESPONSE, Severity.ERROR, request)
        .message("The origin at " + where + " answered " + request.what() + " with bytes that are not an HTTP/1.x response (" + malformed.quoted()
            + "); cloudflared logs " + goError + ".")
        .remediation("Point " + probe.findings().ruleService() + " at the app's HTTP port; " + where + " speaks another protocol.")
        .evidence("origin.reply", "non-http")
        .evidence("result", "malformed response")
        .evidence("firstBytes", malformed.quoted())
        .build());
  }

  private void h2cOnly(OriginRequestShape request, HttpOutcome.Malformed malformed, String goError) {
    if (target.tls()) {
      probe.add(target.base(FindingCode.ORIGIN_NO_RESPONSE, Severity.ERROR, request)
          .message("The origin at " + where + " answered " + request.what() + " over TLS with HTTP/2 frames (" + malformed.frames()
              + ") although HTTP/2 was not negotiated; cloudflared logs " + goError + ".")
          .remediation("Set originRequest.http2Origin: true on rule #" + probe.rule().index() + " so that cloudflared offers h2, or enable HTTP/1.1 on the origin.")
          .evidence("origin.reply", "http2-frames")
          .evidence("result", "HTTP/2 frames")
          .evidence("frames", malformed.frames())
          .evidence("firstBytes", malformed.quoted())
          .build());
      return;
    }
    probe.add(target.base(FindingCode.ORIGIN_H2C_ONLY, Severity.ERROR, request)
        .message("The origin at " + where + " answered the HTTP/1.1 request with HTTP/2 frames (" + malformed.frames() + "): it speaks only cleartext"
            + " HTTP/2 with prior knowledge (h2c, e.g. a gRPC server), which cloudflared never uses for " + probe.findings().ruleService()
            + "; cloudflared logs " + goError + ".")
        .remediation("Serve TLS on the origin and change " + probe.findings().ruleService() + " to " + target.changeToHttps()
            + " with originRequest.http2Origin: true (cloudflared then negotiates HTTP/2 through ALPN), or enable HTTP/1.1 on the origin.")
        .evidence("origin.reply", "http2-frames")
        .evidence("result", "HTTP/2 frames")
        .evidence("frames", malformed.frames())
        .evidence("firstBytes", malformed.quoted())
        .build());
  }

  private void noResponse(OriginRequestShape request, HttpOutcome.NoResponse none, HttpPhase.@Nullable Sniffs sniffs) {
    if (none.kind() == HttpOutcome.NoResponse.Kind.TIMEOUT) {
      probe.timings().firstByte(none.waited());
      String received = none.received().equals("\"\"") || none.received().isEmpty() ? "" : " (only " + none.received() + ")";
      probe.add(target.base(FindingCode.ORIGIN_NO_RESPONSE, Severity.ERROR, request)
          .message("The origin at " + where + " accepted the connection but sent no response to " + request.what() + " within "
              + none.waited().toMillis() + " ms" + received
              + "; cloudflared sets no response timeout, so the visitor waits until Cloudflare's edge gives up after 100 s (error 524).")
          .remediation("Find out why the app behind " + where + " hangs (thread pool exhausted, deadlock, a slow upstream); restart it and check its logs.")
          .evidence("origin.reply", received.isEmpty() ? "none-in-time" : "partial-in-time")
          .evidence("result", "no response in time")
          .evidence("waitedMs", none.waited().toMillis())
          .build());
      return;
    }
    boolean reset = none.kind() == HttpOutcome.NoResponse.Kind.RESET;
    String goError = reset ? "read tcp <cloudflared>->" + where + ": read: connection reset by peer" : "EOF";
    String frames = target.tls() || sniffs == null ? "" : sniffs.h2c().get();
    if (!frames.isEmpty()) {
      probe.add(target.base(FindingCode.ORIGIN_H2C_ONLY, Severity.ERROR, request)
          .message("The origin at " + where + " " + (reset ? "reset" : "closed") + " the HTTP/1.1 request without an answer, but answers the HTTP/2"
              + " connection preface with HTTP/2 frames (" + frames + "): it speaks only cleartext HTTP/2 with prior knowledge (h2c, e.g. a gRPC"
              + " server), which cloudflared never uses for " + probe.findings().ruleService() + "; cloudflared logs " + goError + ".")
          .remediation("Serve TLS on the origin and change " + probe.findings().ruleService() + " to " + target.changeToHttps()
              + " with originRequest.http2Origin: true (cloudflared then negotiates HTTP/2 through ALPN), or enable HTTP/1.1 on the origin.")
          .evidence("origin.reply", reset ? "reset" : "closed-without-a-byte")
          .evidence("result", "HTTP/2 frames to the preface")
          .evidence("frames", frames)
          .build());
      return;
    }
    if (!target.tls() && sniffs != null && sniffs.tls().getAsBoolean()) {
      speaksTls((reset ? "reset" : "closed") + " the plain-text request without an HTTP answer, and completes a TLS handshake on a second connection",
          goError, reset ? "reset" : "closed-without-a-byte");
      return;
    }
    Finding.Builder builder = target.base(FindingCode.ORIGIN_NO_RESPONSE, Severity.ERROR, request);
    if (reset) {
      builder
          .message("The origin at " + where + " accepted the connection, then reset it (TCP RST) instead of answering " + request.what()
              + " (after " + none.waited().toMillis() + " ms)" + (none.received().isEmpty() || none.received().equals("\"\"") ? "" : ", after sending only " + none.received())
              + "; cloudflared logs " + goError + ".")
          .remediation("Check the app's logs around the probe's request: a reset right after a request means the app crashed or aborted the"
              + " connection (often a request it cannot parse, or a worker that died), or a firewall or proxy in front of " + where + " killed it.")
          .evidence("origin.reply", "reset")
          .evidence("result", "connection reset");
    } else {
      builder
          .message("The origin at " + where + " accepted the connection and closed it without sending a byte in answer to " + request.what()
              + " (after " + none.waited().toMillis() + " ms); cloudflared logs " + goError + ".")
          .remediation("Check the app's logs for why it drops requests with Host: " + request.host()
              + " (crash, request size limits, a proxy that rejects unknown hosts); the port is open but nothing answers HTTP there.")
          .evidence("origin.reply", "closed-without-a-byte")
          .evidence("result", "closed without response");
    }
    probe.add(builder.build());
  }

  private void speaksTls(String what, String goError, String reply) {
    probe.add(probe.findings().start(FindingCode.ORIGIN_SPEAKS_TLS, Severity.ERROR)
        .message("The origin at " + where + " speaks TLS but " + probe.findings().subject().replaceFirst("^rule #\\d+ ", "") + " is plain HTTP: it "
            + what + "; cloudflared logs " + goError + ".")
        .remediation("Change " + probe.findings().ruleService() + " to " + target.changeToHttps()
            + " (add originServerName or caPool if its certificate is not for that name or not publicly trusted).")
        .evidence("address", where)
        .evidence("origin.reply", reply)
        .evidence("result", "speaks TLS")
        .build());
  }
}
