package io.github.tunneldiagnostics.core.internal.connector;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * One HTTP/1.1 GET to a metrics server with a byte budget and a time budget over the whole exchange
 * (connect, headers and body): a body that streams forever or trickles is cut at the budget, and the
 * reply says so; nothing here can run past {@code min(now + requestTimeout, deadline)}.
 */
public final class BoundedGet {
  private static final int MAX_HEADERS = 64 << 10;

  /** How a GET ended. */
  public enum Outcome {
    /** A whole response within both budgets. */
    OK,
    /** Nothing listens. */
    REFUSED,
    /** The TCP connect did not complete in time. */
    CONNECT_TIMEOUT,
    /** Connected, but no response header came in time: the server hangs. */
    NO_ANSWER,
    /** The headers came, but the body did not end in time (streams or trickles). */
    TOO_SLOW,
    /** The body went past the byte budget. */
    TOO_LARGE,
    /** Not sent: the diagnosis deadline had passed. */
    NO_TIME,
    /** Anything else: reset, not HTTP. */
    FAILED
  }

  /**
   * A reply.
   *
   * @param status the HTTP status, or 0 when none was read
   * @param body the body read (UTF-8), cut at the budget
   * @param outcome how it ended
   * @param detail what happened, for evidence
   * @param bytesRead body bytes read
   */
  public record Reply(int status, String body, Outcome outcome, String detail, long bytesRead) {
    public Reply {
      Objects.requireNonNull(body, "body");
      Objects.requireNonNull(outcome, "outcome");
      Objects.requireNonNull(detail, "detail");
    }

    public boolean complete() {
      return outcome == Outcome.OK;
    }
  }

  private final Duration connectTimeout;
  private final Duration requestTimeout;
  private final int maxBytes;
  private final Instant deadline;
  private final Clock clock;

  public BoundedGet(Duration connectTimeout, Duration requestTimeout, int maxBytes, Instant deadline, Clock clock) {
    this.connectTimeout = connectTimeout;
    this.requestTimeout = requestTimeout;
    this.maxBytes = maxBytes;
    this.deadline = deadline;
    this.clock = clock;
  }

  /** The byte budget of a metrics-server path ({@code /ready}, {@code /metrics}, {@code /config}, {@code /diag/*}). */
  public static int budgetFor(String path) {
    return MetricsClient.budget(path);
  }

  public Duration requestTimeout() {
    return requestTimeout;
  }

  public int maxBytes() {
    return maxBytes;
  }

  /** GETs {@code base + path}; never throws. */
  public Reply get(URI base, String path) {
    Instant start = clock.instant();
    Instant end = start.plus(requestTimeout);
    if (end.isAfter(deadline)) {
      end = deadline;
    }
    if (!end.isAfter(start)) {
      return new Reply(0, "", Outcome.NO_TIME, "no answer in time (no time left before the deadline for " + base + path + ")", 0);
    }
    String host = base.getHost();
    int port = base.getPort() < 0 ? 80 : base.getPort();
    try (Socket socket = new Socket()) {
      long connectMillis = Math.max(1, Math.min(connectTimeout.toMillis(), Duration.between(start, end).toMillis()));
      try {
        socket.connect(new InetSocketAddress(host.startsWith("[") ? host.substring(1, host.length() - 1) : host, port), (int) connectMillis);
      } catch (ConnectException e) {
        return new Reply(0, "", Outcome.REFUSED, "connection refused (nothing listens)", 0);
      } catch (SocketTimeoutException e) {
        return new Reply(0, "", Outcome.CONNECT_TIMEOUT, "the TCP connect did not complete within " + connectMillis + " ms", 0);
      }
      OutputStream out = socket.getOutputStream();
      String hostHeader = base.getRawAuthority();
      out.write(("GET " + path + " HTTP/1.1\r\nHost: " + hostHeader + "\r\nUser-Agent: tunnel-diagnostics\r\nAccept: */*\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      return read(socket, end, start);
    } catch (IOException e) {
      return new Reply(0, "", Outcome.FAILED, e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()), 0);
    }
  }

  private Reply read(Socket socket, Instant end, Instant start) throws IOException {
    InputStream in = socket.getInputStream();
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int last4 = 0;
    try {
      while (last4 != 0x0d0a0d0a) {
        int b = readByte(socket, in, end);
        if (b < 0) {
          return new Reply(0, "", Outcome.FAILED, "the connection closed before a response", 0);
        }
        head.write(b);
        last4 = (last4 << 8) | b;
        if (head.size() > MAX_HEADERS) {
          return new Reply(0, "", Outcome.FAILED, "response headers larger than " + MAX_HEADERS + " bytes", 0);
        }
      }
    } catch (SocketTimeoutException e) {
      return new Reply(0, "", Outcome.NO_ANSWER,
          "connected, but no response within " + Duration.between(start, end).toMillis() + " ms", 0);
    }
    String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
    String[] statusLine = lines[0].split(" ");
    int status;
    try {
      status = statusLine.length > 1 && statusLine[0].startsWith("HTTP/") ? Integer.parseInt(statusLine[1]) : 0;
    } catch (NumberFormatException e) {
      status = 0;
    }
    if (status == 0) {
      return new Reply(0, "", Outcome.FAILED, "not an HTTP response", 0);
    }
    long length = -1;
    boolean chunked = false;
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon < 0) {
        continue;
      }
      String name = lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT);
      String value = lines[i].substring(colon + 1).strip();
      if (name.equals("content-length")) {
        try {
          length = Long.parseLong(value);
        } catch (NumberFormatException e) {
          length = -1;
        }
      } else if (name.equals("transfer-encoding") && value.toLowerCase(Locale.ROOT).contains("chunked")) {
        chunked = true;
      }
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    try {
      if (length > maxBytes) {
        return new Reply(status, "", Outcome.TOO_LARGE, "Content-Length " + length + " is more than the " + maxBytes + "-byte budget", 0);
      }
      if (chunked) {
        while (true) {
          String sizeLine = line(socket, in, end);
          int semi = sizeLine.indexOf(';');
          long size = Long.parseLong((semi >= 0 ? sizeLine.substring(0, semi) : sizeLine).strip(), 16);
          if (size == 0) {
            break;
          }
          if (body.size() + size > maxBytes) {
            copy(socket, in, body, maxBytes - body.size(), end);
            return tooLarge(status, body);
          }
          copy(socket, in, body, size, end);
          line(socket, in, end);
        }
      } else if (length >= 0) {
        copy(socket, in, body, length, end);
      } else {
        while (true) {
          if (body.size() >= maxBytes) {
            return tooLarge(status, body);
          }
          int n = readSome(socket, in, body, maxBytes - body.size() + 1, end);
          if (n < 0) {
            break;
          }
          if (body.size() > maxBytes) {
            return tooLarge(status, body);
          }
        }
      }
    } catch (SocketTimeoutException e) {
      return new Reply(status, cut(body), Outcome.TOO_SLOW,
          "the body did not end within " + Duration.between(start, end).toMillis() + " ms (" + body.size() + " bytes read)", body.size());
    } catch (NumberFormatException e) {
      return new Reply(status, cut(body), Outcome.FAILED, "malformed chunked body", body.size());
    }
    return new Reply(status, body.toString(StandardCharsets.UTF_8), Outcome.OK, "HTTP " + status + ", " + body.size() + " bytes", body.size());
  }

  private Reply tooLarge(int status, ByteArrayOutputStream body) {
    return new Reply(status, cut(body), Outcome.TOO_LARGE, "the body is larger than the " + maxBytes + "-byte budget", body.size());
  }

  private String cut(ByteArrayOutputStream body) {
    byte[] bytes = body.toByteArray();
    return new String(bytes, 0, Math.min(bytes.length, maxBytes), StandardCharsets.UTF_8);
  }

  private int readByte(Socket socket, InputStream in, Instant end) throws IOException {
    setTimeout(socket, end);
    return in.read();
  }

  private String line(Socket socket, InputStream in, Instant end) throws IOException {
    StringBuilder sb = new StringBuilder();
    while (sb.length() < 1024) {
      int b = readByte(socket, in, end);
      if (b < 0) {
        throw new IOException("the connection closed inside a chunked body");
      }
      if (b == '\n') {
        break;
      }
      if (b != '\r') {
        sb.append((char) b);
      }
    }
    return sb.toString();
  }

  private void copy(Socket socket, InputStream in, ByteArrayOutputStream body, long count, Instant end) throws IOException {
    long left = count;
    while (left > 0) {
      int n = readSome(socket, in, body, (int) Math.min(left, 64 << 10), end);
      if (n < 0) {
        throw new IOException("the connection closed before the body ended");
      }
      left -= n;
    }
  }

  private int readSome(Socket socket, InputStream in, ByteArrayOutputStream body, int max, Instant end) throws IOException {
    setTimeout(socket, end);
    byte[] buffer = new byte[Math.max(1, Math.min(max, 64 << 10))];
    int n = in.read(buffer);
    if (n > 0) {
      body.write(buffer, 0, n);
    }
    return n;
  }

  private void setTimeout(Socket socket, Instant end) throws IOException {
    long left = Duration.between(clock.instant(), end).toMillis();
    if (left <= 0) {
      throw new SocketTimeoutException("budget spent");
    }
    socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, left));
  }
}
