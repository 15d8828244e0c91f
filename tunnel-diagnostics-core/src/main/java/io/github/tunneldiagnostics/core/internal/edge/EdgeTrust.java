package io.github.tunneldiagnostics.core.internal.edge;

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
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.jspecify.annotations.Nullable;

/**
 * The roots a visitor's client trusts for the edge: the JDK's default trust store, plus the PEM roots
 * of {@code --edge-ca} (a TLS-inspecting proxy's, or a test's throwaway CA). Each probe gets a fresh
 * {@link SSLContext}, so no TLS session is ever resumed from an earlier probe (public-route.md §2.5).
 */
public final class EdgeTrust {
  /** A CA bundle is a few hundred KiB at most; the whole Mozilla bundle is about 220 KiB. */
  private static final long MAX_PEM_BYTES = 4L << 20;
  private final List<X509Certificate> extra;
  private volatile TrustManager @Nullable [] managers; // stateless once built; the SSLContext (and its session cache) is per probe

  private EdgeTrust(List<X509Certificate> extra) {
    this.extra = List.copyOf(extra);
  }

  /** The JDK's default roots only. */
  public static EdgeTrust system() {
    return new EdgeTrust(List.of());
  }

  /** The JDK's default roots plus {@code roots}. */
  public static EdgeTrust withRoots(List<X509Certificate> roots) {
    return new EdgeTrust(roots);
  }

  /**
   * The JDK's default roots plus every certificate in the PEM file.
   *
   * @throws IOException when the file cannot be read
   * @throws IllegalArgumentException naming the file when it holds no certificate
   */
  public static EdgeTrust withPemFile(Path pem) throws IOException {
    try (InputStream in = new java.io.ByteArrayInputStream(BoundedFile.read(pem, MAX_PEM_BYTES))) {
      List<X509Certificate> roots = new ArrayList<>();
      for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        roots.add((X509Certificate) certificate);
      }
      if (roots.isEmpty()) {
        throw new IllegalArgumentException(pem + " holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
      }
      return new EdgeTrust(roots);
    } catch (java.security.cert.CertificateException e) {
      throw new IllegalArgumentException(pem + " is not a PEM certificate file: " + e.getMessage(), e);
    }
  }

  /** The extra roots, in order. */
  public List<X509Certificate> extraRoots() {
    return extra;
  }

  /** A new TLS context over these roots, never shared between probes. */
  SSLContext freshContext() throws GeneralSecurityException, IOException {
    TrustManager[] trust = managers;
    if (trust == null) {
      trust = trustManagers();
      managers = trust;
    }
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trust, null);
    return context;
  }

  private TrustManager[] trustManagers() throws GeneralSecurityException, IOException {
    TrustManagerFactory defaults = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    defaults.init((KeyStore) null);
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    store.load(null, null);
    int n = 0;
    for (TrustManager manager : defaults.getTrustManagers()) {
      if (manager instanceof X509TrustManager x509) {
        for (X509Certificate root : x509.getAcceptedIssuers()) {
          store.setCertificateEntry("system-" + n++, root);
        }
      }
    }
    for (X509Certificate root : extra) {
      store.setCertificateEntry("edge-ca-" + n++, root);
    }
    TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(store);
    return factory.getTrustManagers();
  }

  @Override
  public String toString() {
    return "EdgeTrust[system roots + " + extra.size() + " extra]";
  }
}
