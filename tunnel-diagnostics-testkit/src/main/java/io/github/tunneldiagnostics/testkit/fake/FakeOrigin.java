package io.github.tunneldiagnostics.testkit.fake;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/**
 * An HTTP origin on a loopback port with a chosen behaviour: healthy, a status, a delay, a fault, or a
 * virtual host that answers 404 to any other Host header. Configure with the fluent builder; the origin
 * starts with {@link #start()} and stops with {@link #close()}.
 *
 * <pre>{@code
 * try (FakeOrigin origin = FakeOrigin.builder().status(502).build().start()) {
 *   String service = origin.serviceUrl(); // http://127.0.0.1:<port>
 * }
 * }</pre>
 */
public final class FakeOrigin implements AutoCloseable {
  private final int status;
  private final String body;
  private final Duration delay;
  private final OriginFault fault;
  private final @Nullable String onlyHost;
  private final LoopbackServerSlot server = new LoopbackServerSlot("fake origin", this::respond);

  private FakeOrigin(Builder builder) {
    this.status = builder.status;
    this.body = builder.body;
    this.delay = builder.delay;
    this.fault = builder.fault;
    this.onlyHost = builder.onlyHost;
  }

  /** A healthy origin answering 200. */
  public static FakeOrigin healthy() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Starts listening on a free loopback port. */
  public FakeOrigin start() {
    server.start();
    return this;
  }

  private boolean respond(LoopbackHttpServer.Request request, Socket socket, OutputStream out) throws IOException {
    if (!delay.isZero()) {
      try {
        Thread.sleep(delay.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    String host = request.header("Host");
    if (onlyHost != null && !host.equals(onlyHost) && !host.startsWith(onlyHost + ":")) {
      LoopbackHttpServer.writeResponse(out, 404, "text/plain", "unknown virtual host " + host);
      return true;
    }
    switch (fault) {
      case CONNECTION_RESET -> {
        socket.setSoLinger(true, 0); // close() then sends RST
        return false;
      }
      case EMPTY_RESPONSE -> {
        return false;
      }
      case RANDOM_DATA_THEN_CLOSE -> {
        byte[] junk = new byte[256];
        ThreadLocalRandom.current().nextBytes(junk);
        out.write(junk);
        return false;
      }
      case MALFORMED_RESPONSE_CHUNK -> {
        out.write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nnot a chunk".getBytes(StandardCharsets.ISO_8859_1));
        return false;
      }
      default -> {
        LoopbackHttpServer.writeResponse(out, status, "text/plain; charset=utf-8", body);
        return true;
      }
    }
  }

  /** The port it listens on. */
  public int port() {
    return server.port();
  }

  /** {@code http://127.0.0.1:<port>}, ready to use as a rule's service. */
  public String serviceUrl() {
    return "http://127.0.0.1:" + port();
  }

  /** How many requests it received. */
  public int requestCount() {
    return server.requestCount();
  }

  @Override
  public void close() {
    server.close();
  }

  /** Configures a {@link FakeOrigin}. */
  public static final class Builder {
    private int status = 200;
    private String body = "ok";
    private Duration delay = Duration.ZERO;
    private OriginFault fault = OriginFault.NONE;
    private @Nullable String onlyHost;

    private Builder() {}

    /** The status it answers, default 200. */
    public Builder status(int value) {
      this.status = value;
      return this;
    }

    /** The body it answers. */
    public Builder body(String value) {
      this.body = Objects.requireNonNull(value, "body");
      return this;
    }

    /** A delay before each answer. */
    public Builder delay(Duration value) {
      this.delay = Objects.requireNonNull(value, "delay");
      return this;
    }

    /** A fault instead of an answer. */
    public Builder fault(OriginFault value) {
      this.fault = Objects.requireNonNull(value, "fault");
      return this;
    }

    /** Answer only for this Host header (a virtual host); any other Host gets 404. */
    public Builder onlyForHost(String host) {
      this.onlyHost = Objects.requireNonNull(host, "host");
      return this;
    }

    public FakeOrigin build() {
      return new FakeOrigin(this);
    }
  }
}
