package io.github.tunneldiagnostics.core.internal.probe;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/** Connects to every resolved address of an origin, concurrently, each within the connect timeout. */
final class TcpDialer {
  private final ExecutorService executor;
  private final Clock clock;

  TcpDialer(ExecutorService executor, Clock clock) {
    this.executor = executor;
    this.clock = clock;
  }

  /** One attempt per address, in the resolver's order. */
  List<DialAttempt> dialAll(List<InetAddress> addresses, int port, Duration timeout) {
    List<CompletableFuture<DialAttempt>> futures = new ArrayList<>();
    for (InetAddress address : addresses) {
      futures.add(CompletableFuture.supplyAsync(() -> dial(address, port, timeout), executor));
    }
    List<DialAttempt> attempts = new ArrayList<>();
    for (CompletableFuture<DialAttempt> future : futures) {
      attempts.add(future.join());
    }
    return attempts;
  }

  /** One connect; never longer than {@code timeout}. */
  DialAttempt dial(InetAddress address, int port, Duration timeout) {
    Instant start = clock.instant();
    Socket socket = new Socket();
    try {
      if (timeout.toMillis() < 1) {
        socket.close();
        return new DialAttempt(address, port, DialAttempt.Result.TIMEOUT, Duration.ZERO, "no time left", null);
      }
      socket.setTcpNoDelay(true);
      socket.connect(new InetSocketAddress(address, port), (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
      return new DialAttempt(address, port, DialAttempt.Result.CONNECTED, since(start), "", socket);
    } catch (SocketTimeoutException e) {
      return failed(socket, address, port, DialAttempt.Result.TIMEOUT, start, "i/o timeout");
    } catch (NoRouteToHostException e) {
      return failed(socket, address, port, DialAttempt.Result.UNREACHABLE, start, text(e, "No route to host"));
    } catch (ConnectException e) {
      String message = text(e, "Connection refused");
      DialAttempt.Result result =
          message.toLowerCase(Locale.ROOT).contains("refused")
              ? DialAttempt.Result.REFUSED
              : message.toLowerCase(Locale.ROOT).contains("unreachable")
                  ? DialAttempt.Result.UNREACHABLE
                  : DialAttempt.Result.FAILED;
      return failed(socket, address, port, result, start, message);
    } catch (IOException | RuntimeException e) {
      return failed(socket, address, port, DialAttempt.Result.FAILED, start, text(e, e.getClass().getSimpleName()));
    }
  }

  private DialAttempt failed(Socket socket, InetAddress address, int port, DialAttempt.Result result, Instant start, String detail) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // already failed
    }
    return new DialAttempt(address, port, result, since(start), detail, null);
  }

  private static String text(Exception e, String fallback) {
    String message = e.getMessage();
    if (message == null || message.isBlank()) {
      return fallback;
    }
    // the JDK appends " (Connection refused)" style details; keep the OS text only
    int paren = message.lastIndexOf('(');
    if (paren >= 0 && message.endsWith(")")) {
      return message.substring(paren + 1, message.length() - 1);
    }
    return message;
  }

  private Duration since(Instant start) {
    return Duration.between(start, clock.instant());
  }
}
