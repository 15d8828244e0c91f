package io.github.tunneldiagnostics.core.internal.probe;

import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Certificates for test origins, generated with BouncyCastle. */
final class TestCertificates {
  private static final AtomicLong SERIAL = new AtomicLong(1000);

  private TestCertificates() {}

  /** A key pair and its certificate chain, leaf first. */
  record Identity(KeyPair keys, List<X509Certificate> chain) {
    X509Certificate leaf() {
      return chain.get(0);
    }

    KeyStore keyStore() throws Exception {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry("origin", keys.getPrivate(), "changeit".toCharArray(), chain.toArray(X509Certificate[]::new));
      return store;
    }
  }

  /** The certificate to issue. */
  record Spec(String commonName, List<String> dnsNames, List<String> ipAddresses, Instant notBefore, Instant notAfter) {
    static Spec valid(String commonName, List<String> dnsNames, List<String> ipAddresses) {
      Instant now = Instant.now();
      return new Spec(commonName, dnsNames, ipAddresses, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)));
    }
  }

  static KeyPair keys() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(256);
    return generator.generateKeyPair();
  }

  static Identity selfSigned(Spec spec) throws Exception {
    KeyPair keys = keys();
    X509Certificate certificate = issue(spec, keys, keys, new X500Name("CN=" + spec.commonName()), false);
    return new Identity(keys, List.of(certificate));
  }

  static Identity authority(String name) throws Exception {
    KeyPair keys = keys();
    Spec spec = Spec.valid(name, List.of(), List.of());
    return new Identity(keys, List.of(issue(spec, keys, keys, new X500Name("CN=" + name), true)));
  }

  static Identity issuedBy(Identity ca, Spec spec) throws Exception {
    KeyPair keys = keys();
    X509Certificate certificate = issue(spec, keys, ca.keys(), new X500Name(ca.leaf().getSubjectX500Principal().getName()), false);
    return new Identity(keys, List.of(certificate, ca.leaf()));
  }

  private static X509Certificate issue(Spec spec, KeyPair subject, KeyPair issuer, X500Name issuerName, boolean ca) throws Exception {
    X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
        issuerName,
        BigInteger.valueOf(SERIAL.incrementAndGet()),
        Date.from(spec.notBefore()),
        Date.from(spec.notAfter()),
        new X500Name("CN=" + spec.commonName()),
        subject.getPublic());
    List<GeneralName> names = new ArrayList<>();
    spec.dnsNames().forEach(n -> names.add(new GeneralName(GeneralName.dNSName, n)));
    spec.ipAddresses().forEach(n -> names.add(new GeneralName(GeneralName.iPAddress, n)));
    if (!names.isEmpty()) {
      builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names.toArray(GeneralName[]::new)));
    }
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
    if (ca) {
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    }
    return new JcaX509CertificateConverter().getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuer.getPrivate())));
  }

  /** Writes certificates as a PEM file (a caPool). */
  static Path writePem(Path file, X509Certificate... certificates) throws Exception {
    StringWriter out = new StringWriter();
    for (X509Certificate certificate : certificates) {
      out.write("-----BEGIN CERTIFICATE-----\n");
      out.write(Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(certificate.getEncoded()));
      out.write("\n-----END CERTIFICATE-----\n");
    }
    Files.writeString(file, out.toString());
    return file;
  }

}
