package io.github.tunneldiagnostics.api.ingress;

import io.github.tunneldiagnostics.api.internal.Redaction;
import io.github.tunneldiagnostics.api.internal.golang.GoNet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * The service an ingress rule sends traffic to, in cloudflared's taxonomy (cloudflared-semantics.md §d).
 * {@code toString()} is cloudflared's own rendering of the service.
 *
 * <p>Sealed because the library owns this taxonomy; a new cloudflared service type is a minor-version
 * change, so keep a {@code default} branch when switching over it.
 */
public sealed interface OriginService
    permits OriginService.Http,
        OriginService.Stream,
        OriginService.UnixSocket,
        OriginService.HttpStatus,
        OriginService.HelloWorld,
        OriginService.Bastion,
        OriginService.SocksProxy,
        OriginService.Invalid {

  /**
   * Parses a rule's {@code service} string exactly as cloudflared's {@code validateIngress} does, e.g.
   * {@code OriginService.parse("http://localhost:8080")}. A string cloudflared rejects is not an
   * exception: it yields {@link Invalid} with cloudflared's own message.
   */
  static OriginService parse(String raw) {
    return parse(raw, false);
  }

  /**
   * As {@link #parse(String)}, for a rule whose effective {@code originRequest.bastionMode} is {@code
   * bastionMode}: cloudflared then serves {@code bastion} for any service other than {@code unix:},
   * {@code http_status:}, {@code hello_world} and {@code socks-proxy}.
   */
  static OriginService parse(String raw, boolean bastionMode) {
    return ServiceParsing.parse(Objects.requireNonNull(raw, "raw"), bastionMode);
  }

  /** True for the services cloudflared dials (HTTP, stream and unix socket origins). */
  default boolean isDialed() {
    return this instanceof Http || this instanceof Stream || this instanceof UnixSocket;
  }

  /**
   * An {@code http}, {@code https}, {@code ws} or {@code wss} origin. cloudflared adds no default port;
   * Go dials 80 or 443.
   *
   * @param scheme the lower-cased scheme
   * @param host the host without IPv6 brackets
   * @param port the explicit port, or -1
   * @param rendered cloudflared's {@code url.String()} of the service
   */
  record Http(String scheme, String host, int port, String rendered) implements OriginService {
    public Http {
      Objects.requireNonNull(scheme, "scheme");
      Objects.requireNonNull(host, "host");
      Objects.requireNonNull(rendered, "rendered");
    }

    /** True for https and wss. */
    public boolean tls() {
      return scheme.equals("https") || scheme.equals("wss");
    }

    /** The port Go dials: the explicit one, else 443 for TLS schemes and 80 otherwise. */
    public int effectivePort() {
      return port >= 0 ? port : tls() ? 443 : 80;
    }

    /** {@code host:port} as Go writes a dial address ({@code [::1]:8080} for IPv6). */
    public String dialAddress() {
      return GoNet.joinHostPort(host, effectivePort());
    }

    @Override
    public String toString() {
      return Redaction.redact(rendered);
    }
  }

  /**
   * A TCP stream origin reached through cloudflared's websocket carrier: {@code ssh}, {@code rdp},
   * {@code smb}, {@code tcp}, or any other scheme.
   *
   * @param scheme the lower-cased scheme
   * @param host the host without IPv6 brackets
   * @param port the explicit port, or -1
   */
  record Stream(String scheme, String host, int port) implements OriginService {
    private static final Map<String, Integer> DEFAULT_PORTS = Map.of("ssh", 22, "rdp", 3389, "smb", 445, "tcp", 7864);

    public Stream {
      scheme = scheme.toLowerCase(Locale.ROOT);
      Objects.requireNonNull(host, "host");
    }

    /** The explicit port, else cloudflared's default for ssh/rdp/smb/tcp, else none. */
    public OptionalInt effectivePort() {
      if (port >= 0) {
        return OptionalInt.of(port);
      }
      Integer fallback = DEFAULT_PORTS.get(scheme);
      return fallback == null ? OptionalInt.empty() : OptionalInt.of(fallback);
    }

    @Override
    public String toString() {
      OptionalInt p = effectivePort();
      return Redaction.redact(scheme + "://" + (p.isPresent() ? GoNet.joinHostPort(host, p.getAsInt()) : GoNet.authorityHost(host)));
    }
  }

  /** {@code unix:<path>} (HTTP) or {@code unix+tls:<path>} (HTTPS) over a unix domain socket. */
  record UnixSocket(String path, boolean tls) implements OriginService {
    public UnixSocket {
      Objects.requireNonNull(path, "path");
    }

    @Override
    public String toString() {
      return Redaction.redact((tls ? "unix+tls:" : "unix:") + path);
    }
  }

  /** {@code http_status:<code>}: cloudflared answers this status itself. */
  record HttpStatus(int status) implements OriginService {
    @Override
    public String toString() {
      return Redaction.redact("http_status:" + status);
    }
  }

  /** {@code hello_world}: cloudflared's built-in test server. */
  record HelloWorld() implements OriginService {
    @Override
    public String toString() {
      return Redaction.redact("hello_world");
    }
  }

  /** {@code bastion}, or any rule whose effective {@code bastionMode} is true. */
  record Bastion() implements OriginService {
    @Override
    public String toString() {
      return Redaction.redact("bastion");
    }
  }

  /** {@code socks-proxy}. */
  record SocksProxy() implements OriginService {
    @Override
    public String toString() {
      return Redaction.redact("socks-proxy");
    }
  }

  /**
   * A service string cloudflared rejects.
   *
   * @param raw the value as written
   * @param cloudflaredMessage cloudflared's exact validation error for it
   */
  record Invalid(String raw, String cloudflaredMessage) implements OriginService {
    public Invalid {
      Objects.requireNonNull(raw, "raw");
      Objects.requireNonNull(cloudflaredMessage, "cloudflaredMessage");
    }

    @Override
    public String toString() {
      return Redaction.redact(raw);
    }
  }
}
