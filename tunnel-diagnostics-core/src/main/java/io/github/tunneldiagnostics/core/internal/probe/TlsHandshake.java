package io.github.tunneldiagnostics.core.internal.probe;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.jspecify.annotations.Nullable;

/**
 * A TLS handshake that accepts any certificate, so that the peer chain can be captured and verified
 * afterwards with Go's rules ({@link GoCertificateVerifier}) to tell the causes apart.
 */
final class TlsHandshake {
  private static final X509TrustManager CAPTURE_ALL =
      new X509TrustManager() {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
          return new X509Certificate[0];
        }
      };

  private final SSLContext context;
  private final Clock clock;
  private final Watchdog watchdog;

  TlsHandshake(SSLContext context, Clock clock, Watchdog watchdog) {
    this.context = context;
    this.clock = clock;
    this.watchdog = watchdog;
  }

  /**
   * A client context that accepts every certificate (verification happens afterwards). Creating the
   * first one in a JVM initialises JSSE, which can take a second: do it outside any probe deadline.
   */
  static SSLContext captureAllContext() {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {CAPTURE_ALL}, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK offers no TLS context: " + e.getMessage(), e);
    }
  }

  /** The result of one handshake. */
  sealed interface Result {
    Duration elapsed();
  }

  /**
   * A completed handshake.
   *
   * @param socket the TLS socket, open; the caller owns it
   * @param chain the peer chain, leaf first
   * @param protocol e.g. {@code TLSv1.3}
   * @param cipherSuite the negotiated suite
   * @param alpn the negotiated application protocol, empty when none
   */
  record Established(SSLSocket socket, List<X509Certificate> chain, String protocol, String cipherSuite, String alpn, Duration elapsed)
      implements Result {}

  /**
   * A failed handshake.
   *
   * @param timedOut true when it did not complete in time
   * @param detail the JDK's text
   * @param goError what Go's TLS client would report, as far as it can be told
   */
  record Failed(boolean timedOut, String detail, String goError, Duration elapsed) implements Result {}

  /**
   * Runs a handshake over {@code socket} (which it takes over: on failure the socket is closed).
   *
   * @param sni the SNI to send, or null for none (Go sends none for an IP literal)
   * @param alpn the protocols to offer, empty for no ALPN extension
   */
  Result handshake(Socket socket, @Nullable String sni, List<String> alpn, Instant deadline) {
    Instant start = clock.instant();
    SSLSocket tls = null;
    try (Watchdog.Guard guard = watchdog.closeAt(socket, deadline)) {
      try {
        String peer = socket.getInetAddress() != null ? socket.getInetAddress().getHostAddress() : "localhost";
        tls = (SSLSocket) context.getSocketFactory().createSocket(socket, sni != null ? sni : peer, socket.getPort(), true);
        SSLParameters parameters = tls.getSSLParameters();
        List<javax.net.ssl.SNIServerName> names = new ArrayList<>();
        if (sni != null) {
          try {
            names.add(new SNIHostName(sni));
          } catch (IllegalArgumentException e) {
            // Go would send it anyway; the JDK cannot
          }
        }
        parameters.setServerNames(names);
        parameters.setEndpointIdentificationAlgorithm(null);
        parameters.setApplicationProtocols(alpn.toArray(String[]::new));
        tls.setSSLParameters(parameters);
        tls.setSoTimeout((int) Math.max(1, Duration.between(clock.instant(), deadline).toMillis()));
        tls.startHandshake();
        SSLSession session = tls.getSession();
        List<X509Certificate> chain = new ArrayList<>();
        for (Certificate certificate : session.getPeerCertificates()) {
          if (certificate instanceof X509Certificate x509) {
            chain.add(x509);
          }
        }
        String negotiated = tls.getApplicationProtocol();
        return new Established(tls, chain, session.getProtocol(), session.getCipherSuite(), negotiated == null ? "" : negotiated, since(start));
      } catch (IOException | RuntimeException e) {
        closeQuietly(tls != null ? tls : socket);
        boolean timedOut = e instanceof SocketTimeoutException || guard.fired() || !clock.instant().isBefore(deadline);
        String detail = describe(e);
        return new Failed(timedOut, detail, timedOut ? "net/http: TLS handshake timeout" : goError(e), since(start));
      }
    }
  }

  /** True when the JDK says the peer's first bytes were not TLS at all. */
  static boolean peerSpokePlaintext(Failed failed) {
    String text = failed.detail().toLowerCase(Locale.ROOT);
    return text.contains("unrecognized ssl message") || text.contains("plaintext connection");
  }

  private static String goError(Exception e) {
    String text = describe(e).toLowerCase(Locale.ROOT);
    if (text.contains("unrecognized ssl message") || text.contains("plaintext")) {
      return "tls: first record does not look like a TLS handshake";
    }
    if (text.contains("unrecognized_name")) {
      return "remote error: tls: unrecognized name";
    }
    if (text.contains("handshake_failure")) {
      return "remote error: tls: handshake failure";
    }
    if (text.contains("protocol_version")) {
      return "remote error: tls: protocol version not supported";
    }
    if (text.contains("reset")) {
      return "read: connection reset by peer";
    }
    return "EOF";
  }

  private static String describe(Throwable e) {
    StringBuilder text = new StringBuilder();
    for (Throwable t = e; t != null && text.length() < 300; t = t.getCause()) {
      if (text.length() > 0) {
        text.append(": ");
      }
      text.append(t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName());
      if (t.getCause() == t) {
        break;
      }
    }
    return e instanceof SSLException || text.length() > 0 ? text.toString() : e.toString();
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // failed anyway
    }
  }

  private Duration since(Instant start) {
    return Duration.between(start, clock.instant());
  }
}
