package io.github.tunneldiagnostics.core.internal.edge;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One visitor's request to the edge (public-route.md §2.1): a plain socket to the address, TLS over it
 * with the hostname as SNI and hostname verification on (a fresh TLS context each time), then one
 * {@code GET} over HTTP/1.1 with {@code Connection: close} and an {@code Accept} that gets Cloudflare's
 * machine-readable error body. Redirects are not followed; no body is sent. At most
 * {@link #MAX_BODY_BYTES} of body and {@link #MAX_HEAD_BYTES} of head are read; everything ends by the
 * deadline.
 */
public final class EdgeProbe {
  /** The body budget: Cloudflare's error pages are a few KB. */
  public static final int MAX_BODY_BYTES = 64 * 1024;

  static final int MAX_HEAD_BYTES = 64 * 1024;
  static final String ACCEPT = "application/problem+json, application/json;q=0.9, text/html;q=0.8, */*;q=0.5";

  private static final Logger LOG = LoggerFactory.getLogger(EdgeProbe.class);

  private final EdgeTrust trust;
  private final Clock clock;
  private final String userAgent;

  public EdgeProbe(EdgeTrust trust, Clock clock, String userAgent) {
    this.trust = trust;
    this.clock = clock;
    this.userAgent = userAgent;
  }

  /** Requests {@code target}, trying its addresses in order until one connects. */
  public EdgeResult probe(EdgeTarget target, Instant deadline) {
    List<String> attempts = new ArrayList<>();
    if (target.addresses().isEmpty()) {
      return new EdgeFailure("", attempts, EdgeFailure.Kind.NO_ADDRESS, "no address to connect to");
    }
    EdgeFailure last = null;
    for (InetAddress address : target.addresses()) {
      String label = label(address, target.port());
      long start = System.nanoTime();
      Socket plain = new Socket();
      try {
        int connectTimeout = remainingMillis(deadline);
        if (connectTimeout <= 0) {
          attempts.add(label + " not tried: the deadline passed");
          last = new EdgeFailure(label, attempts, EdgeFailure.Kind.CONNECT, "the deadline passed before connecting");
          break;
        }
        plain.connect(new InetSocketAddress(address, target.port()), connectTimeout);
      } catch (IOException e) {
        close(plain);
        String why = connectFailure(e);
        attempts.add(label + " " + why + " after " + elapsedMs(start) + " ms");
        last = new EdgeFailure(label, attempts, EdgeFailure.Kind.CONNECT, why);
        continue;
      }
      long connectMs = elapsedMs(start);
      attempts.add(label + " connected after " + connectMs + " ms");
      return exchange(target, plain, label, attempts, start, connectMs, deadline);
    }
    return last != null ? last : new EdgeFailure("", attempts, EdgeFailure.Kind.NO_ADDRESS, "no address to connect to");
  }

  private EdgeResult exchange(
      EdgeTarget target, Socket plain, String label, List<String> attempts, long start, long connectMs, Instant deadline) {
    SSLSocket tls = null;
    try {
      tls = (SSLSocket) trust.freshContext().getSocketFactory().createSocket(plain, target.host(), target.port(), true);
      SSLParameters parameters = tls.getSSLParameters();
      parameters.setEndpointIdentificationAlgorithm("HTTPS");
      parameters.setServerNames(List.of(new SNIHostName(target.host())));
      tls.setSSLParameters(parameters);
      tls.setSoTimeout(Math.max(1, remainingMillis(deadline)));
      long tlsStart = System.nanoTime();
      tls.startHandshake();
      long tlsMs = elapsedMs(tlsStart);
      EdgeResponse.TlsSession session = session(tls.getSession());
      OutputStream out = tls.getOutputStream();
      out.write(request(target).getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      long sent = System.nanoTime();
      return new ResponseReader(tls, deadline).read(label, attempts, session, start, connectMs, tlsMs, sent);
    } catch (SSLHandshakeException e) {
      return tlsFailure(label, attempts, e);
    } catch (SocketTimeoutException e) {
      return new EdgeFailure(label, attempts, EdgeFailure.Kind.TIMEOUT,
          "no complete answer within " + Duration.ofNanos(System.nanoTime() - start).toMillis() + " ms");
    } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
      LOG.debug("edge probe of {} at {} failed", target.url(), label, e);
      return new EdgeFailure(label, attempts, EdgeFailure.Kind.PROTOCOL, e.getClass().getSimpleName() + ": " + e.getMessage());
    } finally {
      close(plain); // first the TCP socket: closing TLS politely may wait for the peer's close_notify past the deadline
      if (tls != null) {
        close(tls);
      }
    }
  }

  private String request(EdgeTarget target) {
    return "GET " + target.path() + " HTTP/1.1\r\n"
        + "Host: " + target.authority() + "\r\n"
        + "User-Agent: " + userAgent + "\r\n"
        + "Accept: " + ACCEPT + "\r\n"
        + "Accept-Encoding: identity\r\n"
        + "Connection: close\r\n"
        + "\r\n";
  }

  private static EdgeFailure tlsFailure(String label, List<String> attempts, SSLHandshakeException e) {
    String message = String.valueOf(e.getMessage());
    String lower = message.toLowerCase(Locale.ROOT);
    EdgeFailure.Kind kind;
    if (lower.contains("received fatal alert: handshake_failure")) {
      kind = EdgeFailure.Kind.TLS_HANDSHAKE_ALERT;
    } else if (lower.contains("no subject alternative") || lower.contains("no name matching")) {
      kind = EdgeFailure.Kind.TLS_NAME_MISMATCH;
    } else if (lower.contains("pkix path") || lower.contains("unable to find valid certification path")) {
      kind = EdgeFailure.Kind.TLS_UNTRUSTED;
    } else {
      kind = EdgeFailure.Kind.TLS_OTHER;
    }
    return new EdgeFailure(label, attempts, kind, message);
  }

  private static EdgeResponse.TlsSession session(SSLSession session) {
    List<String> names = new ArrayList<>();
    try {
      Certificate[] chain = session.getPeerCertificates();
      if (chain.length > 0 && chain[0] instanceof X509Certificate leaf) {
        Collection<List<?>> sans = leaf.getSubjectAlternativeNames();
        if (sans != null) {
          for (List<?> san : sans) {
            if (san.size() == 2 && Integer.valueOf(2).equals(san.get(0))) {
              names.add(String.valueOf(san.get(1)));
            }
          }
        }
      }
    } catch (javax.net.ssl.SSLPeerUnverifiedException | CertificateParsingException e) {
      // evidence only
    }
    return new EdgeResponse.TlsSession(session.getProtocol(), session.getCipherSuite(), names);
  }

  private static String connectFailure(IOException e) {
    String message = String.valueOf(e.getMessage());
    if (e instanceof SocketTimeoutException) {
      return "did not accept in time";
    }
    if (e instanceof NoRouteToHostException || message.contains("unreachable")) {
      return "unreachable (" + message + ")";
    }
    if (e instanceof ConnectException) {
      return "refused";
    }
    return e.getClass().getSimpleName() + ": " + message;
  }

  private int remainingMillis(Instant deadline) {
    long left = Duration.between(clock.instant(), deadline).toMillis();
    return (int) Math.max(0, Math.min(Integer.MAX_VALUE, left));
  }

  private static long elapsedMs(long startNanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
  }

  static String label(InetAddress address, int port) {
    return io.github.tunneldiagnostics.core.internal.dns.AddressText.withPort(address, port);
  }

  private static void close(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // nothing left to do
    }
  }

  /** Reads one HTTP/1.1 response head and body within the deadline and budgets. */
  private final class ResponseReader {
    private final Socket socket;
    private final InputStream in;
    private final Instant deadline;

    ResponseReader(Socket socket, Instant deadline) throws IOException {
      this.socket = socket;
      this.in = new java.io.BufferedInputStream(socket.getInputStream());
      this.deadline = deadline;
    }

    EdgeResult read(String label, List<String> attempts, EdgeResponse.TlsSession session, long start, long connectMs, long tlsMs, long sent)
        throws IOException {
      String statusLine = line();
      long firstByteMs = elapsedMs(sent);
      String[] parts = statusLine.split(" ", 3);
      if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
        return new EdgeFailure(label, attempts, EdgeFailure.Kind.PROTOCOL, "not an HTTP response: " + abbreviate(statusLine));
      }
      int status;
      try {
        status = Integer.parseInt(parts[1]);
      } catch (NumberFormatException e) {
        return new EdgeFailure(label, attempts, EdgeFailure.Kind.PROTOCOL, "bad status line: " + abbreviate(statusLine));
      }
      Map<String, List<String>> headers = new LinkedHashMap<>();
      int headBytes = statusLine.length();
      for (String header = line(); !header.isEmpty(); header = line()) {
        headBytes += header.length() + 2;
        if (headBytes > MAX_HEAD_BYTES) {
          return new EdgeFailure(label, attempts, EdgeFailure.Kind.PROTOCOL, "the response head exceeds " + MAX_HEAD_BYTES + " bytes");
        }
        int colon = header.indexOf(':');
        if (colon > 0) {
          headers.computeIfAbsent(header.substring(0, colon).strip().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
              .add(header.substring(colon + 1).strip());
        }
      }
      byte[] body = body(status, headers);
      EdgeResponse.Timings timings = new EdgeResponse.Timings(connectMs, tlsMs, firstByteMs, elapsedMs(start));
      Map<String, List<String>> frozen = new LinkedHashMap<>();
      headers.forEach((k, v) -> frozen.put(k, List.copyOf(v)));
      return new EdgeResponse(label, attempts, status, frozen, new String(body, StandardCharsets.UTF_8), body.length, session, timings);
    }

    private byte[] body(int status, Map<String, List<String>> headers) throws IOException {
      if (status == 204 || status == 304 || (status >= 100 && status < 200)) {
        return new byte[0];
      }
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      List<String> encoding = headers.getOrDefault("transfer-encoding", List.of());
      if (encoding.stream().anyMatch(v -> v.toLowerCase(Locale.ROOT).contains("chunked"))) {
        while (body.size() < MAX_BODY_BYTES) {
          String size = line();
          int semicolon = size.indexOf(';');
          int length = Integer.parseInt((semicolon >= 0 ? size.substring(0, semicolon) : size).strip(), 16);
          if (length == 0) {
            break;
          }
          copy(body, length);
          line();
        }
        return body.toByteArray();
      }
      List<String> lengths = headers.getOrDefault("content-length", List.of());
      if (!lengths.isEmpty()) {
        copy(body, Long.parseLong(lengths.get(0).strip()));
        return body.toByteArray();
      }
      copy(body, Long.MAX_VALUE); // Connection: close delimits the body
      return body.toByteArray();
    }

    /** Copies up to {@code length} bytes, stopping at EOF or the budget. */
    private void copy(ByteArrayOutputStream body, long length) throws IOException {
      byte[] buffer = new byte[8192];
      long left = length;
      while (left > 0 && body.size() < MAX_BODY_BYTES) {
        arm();
        int n = in.read(buffer, 0, (int) Math.min(buffer.length, Math.min(left, MAX_BODY_BYTES - body.size())));
        if (n < 0) {
          return;
        }
        body.write(buffer, 0, n);
        left -= n;
      }
    }

    /** One CRLF- (or LF-) terminated line, ISO-8859-1, without the terminator. */
    private String line() throws IOException {
      StringBuilder line = new StringBuilder();
      while (line.length() <= MAX_HEAD_BYTES) {
        arm();
        int b = in.read();
        if (b < 0) {
          if (line.length() == 0) {
            throw new java.io.EOFException("the edge closed the connection before answering");
          }
          break;
        }
        if (b == '\n') {
          break;
        }
        if (b != '\r') {
          line.append((char) b);
        }
      }
      return line.toString();
    }

    /** Each blocking read may wait only what is left of the deadline. */
    private void arm() throws IOException {
      int left = remainingMillis(deadline);
      if (left <= 0) {
        throw new SocketTimeoutException("the deadline passed");
      }
      socket.setSoTimeout(left);
    }
  }

  private static String abbreviate(String text) {
    return text.length() > 80 ? text.substring(0, 80) + "…" : text;
  }
}
