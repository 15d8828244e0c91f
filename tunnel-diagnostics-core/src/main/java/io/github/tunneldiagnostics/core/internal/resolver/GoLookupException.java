package io.github.tunneldiagnostics.core.internal.resolver;

import java.net.UnknownHostException;

/**
 * A failed lookup, with the text Go's {@code *net.DNSError} prints, which cloudflared logs after
 * {@code dial tcp: } (e.g. {@code lookup app on 127.0.0.11:53: no such host}).
 */
public final class GoLookupException extends UnknownHostException {
  private static final long serialVersionUID = 1L;

  private final String host;
  private final String server;
  private final String reason;
  private final boolean timedOut;
  private final String goText;

  GoLookupException(String host, String server, String reason, boolean timedOut) {
    super(goText(host, server, reason));
    this.host = host;
    this.server = server;
    this.reason = reason;
    this.timedOut = timedOut;
    this.goText = goText(host, server, reason);
  }

  private static String goText(String host, String server, String reason) {
    return "lookup " + host + (server.isEmpty() ? "" : " on " + server) + ": " + reason;
  }

  /** The name as written in the service URL. */
  public String host() {
    return host;
  }

  /** The last name server asked ({@code host:port}), or empty when DNS was not asked. */
  public String server() {
    return server;
  }

  /** {@code no such host}, {@code server misbehaving}, {@code read udp …: i/o timeout} ... */
  public String reason() {
    return reason;
  }

  /** Whether no server answered in time. */
  public boolean timedOut() {
    return timedOut;
  }

  /** Go's text: {@code lookup <host> on <server>: <reason>}. */
  public String goError() {
    return goText;
  }
}
