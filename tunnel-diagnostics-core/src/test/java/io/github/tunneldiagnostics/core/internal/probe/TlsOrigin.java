package io.github.tunneldiagnostics.core.internal.probe;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIMatcher;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedKeyManager;
import org.jspecify.annotations.Nullable;

/** TLS loopback origins built on SSLServerSocket. */
final class TlsOrigin {
  private TlsOrigin() {}

  /**
   * @param requiredSni when set, the server refuses handshakes without SNI (no certificate to offer) and
   *     answers unrecognized_name to other names, like an SNI-routing proxy
   * @param alpn the protocols the server selects from, empty for no ALPN
   */
  record Options(@Nullable String requiredSni, List<String> alpn) {
    static final Options PLAIN = new Options(null, List.of());
  }

  static LoopbackServer start(TestCertificates.Identity identity, Options options, LoopbackServer.Handler handler) throws Exception {
    KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    factory.init(identity.keyStore(), "changeit".toCharArray());
    X509ExtendedKeyManager keys = (X509ExtendedKeyManager) factory.getKeyManagers()[0];
    KeyManager manager = options.requiredSni() == null ? keys : new SniOnlyKeyManager(keys);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(new KeyManager[] {manager}, null, null);
    SSLServerSocket server = (SSLServerSocket) context.getServerSocketFactory().createServerSocket();
    SSLParameters parameters = server.getSSLParameters();
    if (options.requiredSni() != null) {
      parameters.setSNIMatchers(List.<SNIMatcher>of(SNIMatcher.class.cast(javax.net.ssl.SNIHostName.createSNIMatcher(java.util.regex.Pattern.quote(options.requiredSni())))));
    }
    parameters.setApplicationProtocols(options.alpn().toArray(String[]::new));
    server.setSSLParameters(parameters);
    server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100);
    return LoopbackServer.wrap(server, socket -> {
      ((SSLSocket) socket).startHandshake();
      handler.handle(socket);
    });
  }

  /** Offers the certificate only when the client sent SNI, as nginx without a default server does. */
  private static final class SniOnlyKeyManager extends X509ExtendedKeyManager {
    private final X509ExtendedKeyManager delegate;

    SniOnlyKeyManager(X509ExtendedKeyManager delegate) {
      this.delegate = delegate;
    }

    @Override
    public @Nullable String chooseServerAlias(String keyType, Principal @Nullable [] issuers, Socket socket) {
      if (socket instanceof SSLSocket ssl && ssl.getHandshakeSession() instanceof ExtendedSSLSession session
          && session.getRequestedServerNames().isEmpty()) {
        return null;
      }
      return delegate.chooseServerAlias(keyType, issuers, socket);
    }

    @Override
    public @Nullable String chooseEngineServerAlias(String keyType, Principal @Nullable [] issuers, SSLEngine engine) {
      return delegate.chooseEngineServerAlias(keyType, issuers, engine);
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
      return delegate.getClientAliases(keyType, issuers);
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
      return delegate.chooseClientAlias(keyType, issuers, socket);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
      return delegate.getServerAliases(keyType, issuers);
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
      return delegate.getCertificateChain(alias);
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
      return delegate.getPrivateKey(alias);
    }
  }
}
