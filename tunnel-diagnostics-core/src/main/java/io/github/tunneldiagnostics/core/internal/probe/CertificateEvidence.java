package io.github.tunneldiagnostics.core.internal.probe;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The peer chain as evidence: subject, issuer, SANs and validity of each certificate. */
final class CertificateEvidence {
  private static final int MAX_CERTIFICATES = 4;

  private CertificateEvidence() {}

  static Map<String, String> of(List<X509Certificate> chain) {
    Map<String, String> evidence = new LinkedHashMap<>();
    for (int i = 0; i < Math.min(chain.size(), MAX_CERTIFICATES); i++) {
      X509Certificate certificate = chain.get(i);
      String prefix = "cert" + i + ".";
      evidence.put(prefix + "subject", certificate.getSubjectX500Principal().getName());
      evidence.put(prefix + "issuer", certificate.getIssuerX500Principal().getName());
      List<String> sans = new ArrayList<>();
      GoCertificateVerifier.sans(certificate, 2).forEach(n -> sans.add("DNS:" + n));
      GoCertificateVerifier.sans(certificate, 7).forEach(n -> sans.add("IP:" + n));
      evidence.put(prefix + "sans", sans.isEmpty() ? "none" : String.join(", ", sans));
      evidence.put(prefix + "validity", certificate.getNotBefore().toInstant() + " to " + certificate.getNotAfter().toInstant());
    }
    evidence.put("chainLength", Integer.toString(chain.size()));
    return evidence;
  }
}
