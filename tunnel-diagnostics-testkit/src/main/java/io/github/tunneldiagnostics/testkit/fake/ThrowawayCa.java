package io.github.tunneldiagnostics.testkit.fake;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;

/**
 * A certificate authority made at run time for one fake, and the server certificates it issues: EC
 * P-256 keys, SHA256withECDSA, X.509 v3 with subject alternative names. The JDK has no public API to
 * issue certificates, so this writes the few DER structures needed (RFC 5280) and lets the JDK's own
 * {@link CertificateFactory} parse the result; no library and no {@code keytool} process is needed, and
 * no key ever leaves the JVM. Valid from one hour ago for 30 days.
 */
final class ThrowawayCa {
  private static final char[] PASSWORD = "throwaway".toCharArray();
  private static final byte[] ECDSA_SHA256 = oid(1, 2, 840, 10045, 4, 3, 2);
  private static final byte[] COMMON_NAME = oid(2, 5, 4, 3);
  private static final byte[] BASIC_CONSTRAINTS = oid(2, 5, 29, 19);
  private static final byte[] SUBJECT_ALT_NAME = oid(2, 5, 29, 17);
  private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);

  private final KeyPair keys;
  private final X509Certificate certificate;
  private final String name;

  private ThrowawayCa(KeyPair keys, X509Certificate certificate, String name) {
    this.keys = keys;
    this.certificate = certificate;
    this.name = name;
  }

  /** A new CA named {@code commonName}. */
  static ThrowawayCa create(String commonName) {
    try {
      KeyPair keys = keyPair();
      X509Certificate certificate = sign(commonName, commonName, keys, keys, List.of(), true);
      return new ThrowawayCa(keys, certificate, commonName);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot create a throwaway CA: " + e.getMessage(), e);
    }
  }

  X509Certificate certificate() {
    return certificate;
  }

  /** The CA certificate as PEM, e.g. for {@code --edge-ca}. */
  String pem() {
    try {
      return "-----BEGIN CERTIFICATE-----\n"
          + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(certificate.getEncoded())
          + "\n-----END CERTIFICATE-----\n";
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A key store with one key entry {@code server}: a new key and its certificate for {@code dnsNames}, then this CA. */
  KeyStore issueServer(String commonName, List<String> dnsNames) {
    try {
      KeyPair server = keyPair();
      X509Certificate leaf = sign(commonName, name, server, keys, dnsNames, false);
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry("server", server.getPrivate(), PASSWORD, new X509Certificate[] {leaf, certificate});
      return store;
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new IllegalStateException("cannot issue a throwaway certificate: " + e.getMessage(), e);
    }
  }

  static char[] password() {
    return PASSWORD.clone();
  }

  private static KeyPair keyPair() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }

  private static X509Certificate sign(
      String subject, String issuer, KeyPair subjectKeys, KeyPair issuerKeys, List<String> dnsNames, boolean ca)
      throws GeneralSecurityException {
    Instant now = Instant.now();
    byte[] extensions = ca
        ? extension(BASIC_CONSTRAINTS, true, seq(tlv(0x01, new byte[] {(byte) 0xff})))
        : concat(extension(BASIC_CONSTRAINTS, true, seq()), extension(SUBJECT_ALT_NAME, false, seq(dnsNames.stream()
            .map(n -> tlv(0x82, n.getBytes(StandardCharsets.US_ASCII))).toArray(byte[][]::new))));
    byte[] tbs = seq(
        tlv(0xa0, tlv(0x02, new byte[] {2})),
        tlv(0x02, new BigInteger(63, new SecureRandom()).add(BigInteger.ONE).toByteArray()),
        seq(tlv(0x06, ECDSA_SHA256)),
        name(issuer),
        seq(time(now.minus(Duration.ofHours(1))), time(now.plus(Duration.ofDays(30)))),
        name(subject),
        subjectKeys.getPublic().getEncoded(),
        tlv(0xa3, seq(extensions)));
    Signature signature = Signature.getInstance("SHA256withECDSA");
    signature.initSign(issuerKeys.getPrivate());
    signature.update(tbs);
    byte[] signed = signature.sign();
    byte[] der = seq(tbs, seq(tlv(0x06, ECDSA_SHA256)), tlv(0x03, concat(new byte[] {0}, signed)));
    return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
  }

  private static byte[] name(String commonName) {
    return seq(tlv(0x31, seq(tlv(0x06, COMMON_NAME), tlv(0x0c, commonName.getBytes(StandardCharsets.UTF_8)))));
  }

  private static byte[] time(Instant instant) {
    return tlv(0x17, UTC_TIME.format(instant).getBytes(StandardCharsets.US_ASCII));
  }

  private static byte[] extension(byte[] oid, boolean critical, byte[] value) {
    return critical
        ? seq(tlv(0x06, oid), tlv(0x01, new byte[] {(byte) 0xff}), tlv(0x04, value))
        : seq(tlv(0x06, oid), tlv(0x04, value));
  }

  private static byte[] seq(byte[]... parts) {
    return tlv(0x30, concat(parts));
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  private static byte[] tlv(int tag, byte[] value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(tag);
    int length = value.length;
    if (length < 0x80) {
      out.write(length);
    } else if (length < 0x100) {
      out.write(0x81);
      out.write(length);
    } else {
      out.write(0x82);
      out.write(length >> 8);
      out.write(length & 0xff);
    }
    out.writeBytes(value);
    return out.toByteArray();
  }

  private static byte[] oid(int... arcs) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(arcs[0] * 40 + arcs[1]);
    for (int i = 2; i < arcs.length; i++) {
      int arc = arcs[i];
      int shift = 28;
      while (shift > 0 && (arc >> shift) == 0) {
        shift -= 7;
      }
      for (; shift > 0; shift -= 7) {
        out.write(0x80 | ((arc >> shift) & 0x7f));
      }
      out.write(arc & 0x7f);
    }
    return out.toByteArray();
  }
}
