package io.github.tunneldiagnostics.testkit.fake;

import org.jspecify.annotations.Nullable;

/**
 * The start/stop life cycle the fakes share: a {@link LoopbackHttpServer} that runs from {@link #start()}
 * to {@link #close()}, may be started again, and refuses to report a port while stopped.
 */
final class LoopbackServerSlot implements AutoCloseable {
  private final String name;
  private final LoopbackHttpServer.Responder responder;
  private @Nullable LoopbackHttpServer server;

  LoopbackServerSlot(String name, LoopbackHttpServer.Responder responder) {
    this.name = name;
    this.responder = responder;
  }

  synchronized void start() {
    if (server == null) {
      server = new LoopbackHttpServer(name, responder);
    }
  }

  synchronized int port() {
    if (server == null) {
      throw new IllegalStateException("the " + name + " is not started: call start()");
    }
    return server.port();
  }

  /** Requests answered since the last start; 0 while stopped. */
  synchronized int requestCount() {
    return server == null ? 0 : server.requestCount();
  }

  @Override
  public synchronized void close() {
    if (server != null) {
      server.close();
      server = null;
    }
  }
}
