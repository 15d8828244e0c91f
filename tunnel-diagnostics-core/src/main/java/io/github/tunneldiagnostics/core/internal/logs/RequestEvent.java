package io.github.tunneldiagnostics.core.internal.logs;

import org.jspecify.annotations.Nullable;

/**
 * One ERR line about a failed request. cloudflared writes two per request: the proxy's line (rule index
 * and origin service) and the transport's line ({@code Request failed} with the destination URL over
 * QUIC, {@code failed to serve incoming request} over HTTP/2). {@link RequestPairing} joins them.
 */
final class RequestEvent {
  enum Kind {
    /** The proxy's line: rule index and origin service, empty message. */
    PROXY,
    /** The connection's line: {@code Request failed} (QUIC) or {@code failed to serve incoming request} (HTTP/2). */
    TRANSPORT,
    /** {@code cloudflared access}' {@code failed to connect to origin}: one line per failure. */
    CLIENT
  }

  final Kind kind;
  final String cause;
  final int connIndex;
  long sequence;
  int rule;
  String originService;
  String host;
  String path;
  String time;
  byte @Nullable [] sample;
  final String file;
  /** The request's cf-ray as a number ({@link PendingRequests#rayOf}), or 0 when the line has none. */
  long ray;
  /** The cf-ray's text, kept only for a cancelled request (ORIGIN_SLOW evidence); else empty. */
  String rayText = "";

  RequestEvent(Kind kind, String cause, int connIndex, long sequence, int rule, String originService, String host, String path, String time, byte @Nullable [] sample, String file) {
    this.kind = kind;
    this.cause = cause;
    this.connIndex = connIndex;
    this.sequence = sequence;
    this.rule = rule;
    this.originService = originService;
    this.host = host;
    this.path = path;
    this.time = time;
    this.sample = sample;
    this.file = file;
  }

  boolean pairsWith(RequestEvent other) {
    return other.kind != kind
        && other.cause.equals(cause) // interned: usually the same instance
        && (other.connIndex < 0 || connIndex < 0 || other.connIndex == connIndex);
  }

  /** Takes what the other line of the same request knows; the proxy line stays the sample. */
  void absorb(RequestEvent other) {
    if (rule == Integer.MIN_VALUE) {
      rule = other.rule;
    }
    if (originService.isEmpty()) {
      originService = other.originService;
    }
    if (host.isEmpty()) {
      host = other.host;
      path = other.path;
    }
    if ((kind == Kind.TRANSPORT && other.kind == Kind.PROXY && other.sample != null) || sample == null) {
      sample = other.sample;
    }
    if (ray == 0) {
      ray = other.ray;
      rayText = other.rayText;
    }
    if (time.isEmpty() || (!other.time.isEmpty() && other.time.compareTo(time) < 0)) {
      time = other.time;
    }
  }
}
