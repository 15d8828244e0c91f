package io.github.tunneldiagnostics.core.internal.probe;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** One open connection to an origin: a TCP (or TLS) socket, or a unix domain socket channel. */
final class ProbeConnection implements Closeable {
  private final InputStream in;
  private final OutputStream out;
  private final @Nullable Socket socket;
  private final Closeable underlying;

  private ProbeConnection(InputStream in, OutputStream out, @Nullable Socket socket, Closeable underlying) {
    this.in = in;
    this.out = out;
    this.socket = socket;
    this.underlying = underlying;
  }

  static ProbeConnection of(Socket socket) throws IOException {
    return new ProbeConnection(socket.getInputStream(), socket.getOutputStream(), socket, socket);
  }

  static ProbeConnection of(SocketChannel channel) {
    return new ProbeConnection(Channels.newInputStream(channel), Channels.newOutputStream(channel), null, channel);
  }

  InputStream in() {
    return in;
  }

  OutputStream out() {
    return out;
  }

  /** The socket, when this is a TCP connection. */
  @Nullable Socket socket() {
    return socket;
  }

  /** Bounds the next reads; a no-op for channels, which rely on the {@link Watchdog}. */
  void readTimeout(Duration timeout) throws SocketException {
    if (socket != null) {
      socket.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis())));
    }
  }

  @Override
  public void close() {
    try {
      underlying.close();
    } catch (IOException ignored) {
      // nothing more to do
    }
  }
}
