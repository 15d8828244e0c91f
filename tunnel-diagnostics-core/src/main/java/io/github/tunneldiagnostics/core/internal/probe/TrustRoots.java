package io.github.tunneldiagnostics.core.internal.probe;

import io.github.tunneldiagnostics.core.internal.files.BoundedFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The roots cloudflared trusts for an origin: the system roots (here: the JDK's default trust store,
 * which stands in for Go's system pool), Cloudflare's Origin CA roots (cloudflared
 * {@code tlsconfig/cloudflare_ca.go}), and the rule's {@code caPool} PEM file.
 */
final class TrustRoots {
  private static final String CLOUDFLARE_ROOTS = "cloudflare-origin-ca.pem";

  private final List<X509Certificate> base;

  private TrustRoots(List<X509Certificate> base) {
    this.base = List.copyOf(base);
  }

  /** JDK defaults plus Cloudflare's Origin CA roots, plus any extra roots given. */
  static TrustRoots standard(List<X509Certificate> extra) {
    List<X509Certificate> roots = new ArrayList<>(jdkDefaults());
    roots.addAll(cloudflareOriginRoots());
    roots.addAll(extra);
    return new TrustRoots(roots);
  }

  /** The Cloudflare Origin CA roots cloudflared adds to every origin's pool. */
  static List<X509Certificate> cloudflareOriginRoots() {
    try (InputStream in = TrustRoots.class.getResourceAsStream(CLOUDFLARE_ROOTS)) {
      if (in == null) {
        throw new IllegalStateException("resource " + CLOUDFLARE_ROOTS + " is missing from tunnel-diagnostics-core");
      }
      return parse(in);
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot read the Cloudflare Origin CA roots: " + e.getMessage(), e);
    }
  }

  private static final long MAX_CA_POOL_BYTES = 4L * 1024 * 1024;

  /**
   * A trust manager over these roots plus the PEM file {@code caPool} (when not empty).
   *
   * @throws IOException when the caPool file cannot be read (cloudflared refuses to start then)
   * @throws GeneralSecurityException when it holds no parseable certificate
   */

  X509TrustManager withCaPool(String caPool) throws IOException, GeneralSecurityException {
    List<X509Certificate> roots = new ArrayList<>(base);
    if (!caPool.isEmpty()) {
      // a regular file of at most 4 MiB, refused before opening otherwise (a FIFO would block the probe)
      try (InputStream in = new java.io.ByteArrayInputStream(BoundedFile.read(Path.of(caPool), MAX_CA_POOL_BYTES))) {
        List<X509Certificate> pool = parse(in);
        if (pool.isEmpty()) {
          throw new GeneralSecurityException("no certificate in " + caPool);
        }
        roots.addAll(pool);
      }
    }
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    store.load(null, null);
    for (int i = 0; i < roots.size(); i++) {
      store.setCertificateEntry("root-" + i, roots.get(i));
    }
    TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
    factory.init(store);
    for (TrustManager manager : factory.getTrustManagers()) {
      if (manager instanceof X509TrustManager x509) {
        return x509;
      }
    }
    throw new GeneralSecurityException("the JDK offers no X509TrustManager");
  }

  private static List<X509Certificate> jdkDefaults() {
    try {
      TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init((KeyStore) null);
      for (TrustManager manager : factory.getTrustManagers()) {
        if (manager instanceof X509TrustManager x509) {
          return List.of(x509.getAcceptedIssuers());
        }
      }
      return List.of();
    } catch (GeneralSecurityException e) {
      return List.of();
    }
  }

  private static List<X509Certificate> parse(InputStream in) throws GeneralSecurityException {
    Collection<? extends Certificate> all = CertificateFactory.getInstance("X.509").generateCertificates(in);
    List<X509Certificate> certificates = new ArrayList<>();
    for (Certificate certificate : all) {
      if (certificate instanceof X509Certificate x509) {
        certificates.add(x509);
      }
    }
    return certificates;
  }
}
