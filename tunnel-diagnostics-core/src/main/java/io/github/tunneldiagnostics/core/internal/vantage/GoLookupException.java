package io.github.tunneldiagnostics.core.internal.vantage;

import java.net.UnknownHostException;
import java.util.Objects;

/**
 * A name that did not resolve in cloudflared's resolver, with the text Go prints ({@code lookup app on
 * 127.0.0.11:53: no such host}) and where the answer came from.
 */
public final class GoLookupException extends UnknownHostException {
  private static final long serialVersionUID = 1L;

  /** How the lookup failed. */
  public enum Kind {
    /** NXDOMAIN, or a name Go's resolver treats as unknown. */
    NO_SUCH_HOST,
    /** SERVFAIL or another error code: {@code server misbehaving}. */
    SERVER_MISBEHAVING,
    /** No answer in time: {@code i/o timeout}. */
    TIMEOUT
  }

  private final String host;
  private final String nameserver;
  private final Kind kind;
  private final String source;

  /**
   * @param host the name as written in the service
   * @param nameserver {@code 127.0.0.11:53}, the server Go names in its message
   * @param source which files were read, e.g. {@code /etc/hosts and /etc/resolv.conf of cloudflared (pid 42)}
   */
  public GoLookupException(String host, String nameserver, Kind kind, String source) {
    super("lookup " + host + " on " + nameserver + ": " + text(kind));
    this.host = Objects.requireNonNull(host, "host");
    this.nameserver = Objects.requireNonNull(nameserver, "nameserver");
    this.kind = Objects.requireNonNull(kind, "kind");
    this.source = Objects.requireNonNull(source, "source");
  }

  private static String text(Kind kind) {
    return switch (kind) {
      case NO_SUCH_HOST -> "no such host";
      case SERVER_MISBEHAVING -> "server misbehaving";
      case TIMEOUT -> "i/o timeout";
    };
  }

  public String host() {
    return host;
  }

  public String nameserver() {
    return nameserver;
  }

  public Kind kind() {
    return kind;
  }

  public String source() {
    return source;
  }

  /** What cloudflared logs: {@code dial tcp: lookup app on 127.0.0.11:53: no such host}. */
  public String goError() {
    return "dial tcp: " + getMessage();
  }
}
