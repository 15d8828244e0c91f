package io.github.tunneldiagnostics.core.internal.probe;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;

/**
 * A connected unix domain socket channel presented as a {@link Socket}, so that the JDK's layered
 * {@code SSLSocket} can run TLS over it (cloudflared's {@code unix+tls:}). Only the stream and close
 * methods are meaningful; read timeouts are enforced by the {@link Watchdog}, which closes it.
 */
final class ChannelSocket extends Socket {
  private final SocketChannel channel;
  private final InputStream in;
  private final OutputStream out;

  ChannelSocket(SocketChannel channel) {
    this.channel = channel;
    this.in = Channels.newInputStream(channel);
    this.out = Channels.newOutputStream(channel);
  }

  @Override
  public InputStream getInputStream() {
    return in;
  }

  @Override
  public OutputStream getOutputStream() {
    return out;
  }

  @Override
  public boolean isConnected() {
    return channel.isConnected();
  }

  @Override
  public boolean isClosed() {
    return !channel.isOpen();
  }

  @Override
  public synchronized void setSoTimeout(int timeout) {
    // blocking channel reads have no timeout; the Watchdog closes the channel instead
  }

  @Override
  public synchronized int getSoTimeout() {
    return 0;
  }

  @Override
  public void shutdownOutput() throws IOException {
    channel.shutdownOutput();
  }

  @Override
  public void shutdownInput() throws IOException {
    channel.shutdownInput();
  }

  @Override
  public synchronized void close() throws IOException {
    channel.close();
  }
}
