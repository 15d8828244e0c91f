package io.github.tunneldiagnostics.core.internal.probe;

import io.github.tunneldiagnostics.api.internal.golang.GoNet;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * One TCP connect to one resolved address.
 *
 * @param address the address dialed
 * @param port the port dialed
 * @param result what happened
 * @param elapsed how long the connect took
 * @param detail the operating system's error text, or empty on success
 * @param socket the connected socket, on success; the caller owns it
 */
record DialAttempt(
    InetAddress address, int port, Result result, Duration elapsed, String detail, @Nullable Socket socket) {

  /** How a connect ended. */
  enum Result {
    CONNECTED,
    REFUSED,
    TIMEOUT,
    UNREACHABLE,
    FAILED
  }

  boolean connected() {
    return result == Result.CONNECTED;
  }

  /** {@code 127.0.0.1:8080} / {@code [::1]:8080}. */
  String target() {
    return GoNet.joinHostPort(address, port);
  }

  /** The error Go's dialer returns for this attempt, as cloudflared logs it. */
  String goError() {
    String prefix = "dial tcp " + target() + ": ";
    return switch (result) {
      case CONNECTED -> "";
      case REFUSED -> prefix + "connect: connection refused";
      case TIMEOUT -> prefix + "i/o timeout";
      case UNREACHABLE -> prefix + "connect: " + detail.toLowerCase(java.util.Locale.ROOT);
      case FAILED -> prefix + "connect: " + detail;
    };
  }

  /** A short outcome for evidence, e.g. {@code refused after 1 ms}. */
  String summary() {
    String what =
        switch (result) {
          case CONNECTED -> "connected";
          case REFUSED -> "refused";
          case TIMEOUT -> "timed out";
          case UNREACHABLE -> "unreachable (" + detail + ")";
          case FAILED -> "failed (" + detail + ")";
        };
    return what + " after " + elapsed.toMillis() + " ms";
  }
}
