package io.github.tunneldiagnostics.core.internal.probe;

import io.github.tunneldiagnostics.api.internal.golang.GoNet;
import io.github.tunneldiagnostics.api.check.FindingCode;
import io.github.tunneldiagnostics.api.check.Severity;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.net.ssl.X509TrustManager;

/** Turns Go-rule certificate problems into ORIGIN_CERT_* findings with concrete fixes. */
final class CertificateFindings {
  private CertificateFindings() {}

  /**
   * Verifies the chain with Go's rules against the rule's roots and adds one finding per problem.
   *
   * @param tlsName the name cloudflared verifies; empty when it cannot be known (no name check then)
   * @param nameSource where that name comes from, for messages
   * @return true when cloudflared would accept the certificate
   */
  static boolean verify(RouteProbe probe, TlsHandshake.Established established, String where, String tlsName, String nameSource, Map<String, String> transport) {
    X509TrustManager roots;
    String caPool = probe.settings().caPool();
    try {
      roots = probe.run().roots().get().withCaPool(caPool);
    } catch (IOException | GeneralSecurityException e) {
      transport.put("caPool", caPool + " (unreadable: " + e.getMessage() + "; cloudflared would refuse to start)");
      try {
        roots = probe.run().roots().get().withCaPool("");
      } catch (IOException | GeneralSecurityException again) {
        return true;
      }
    }
    List<CertificateProblem> problems = new ArrayList<>(GoCertificateVerifier.verify(established.chain(), tlsName.isEmpty() ? "localhost" : tlsName, probe.now(), roots));
    if (tlsName.isEmpty()) {
      problems.removeIf(p -> p.code().equals(FindingCode.ORIGIN_CERT_NAME_MISMATCH));
      transport.put("nameCheck", "skipped: the name cloudflared verifies is the visitor's host, unknown for this route");
    }
    if (problems.isEmpty()) {
      return true;
    }
    X509Certificate leaf = established.chain().get(0);
    List<String> dnsNames = GoCertificateVerifier.sans(leaf, 2);
    boolean first = true;
    for (CertificateProblem problem : problems) {
      String logged = first ? "; cloudflared would log tls: failed to verify certificate: " + problem.goError() + "." : " (" + problem.goError() + ").";
      first = false;
      String message;
      String remediation;
      switch (problem.code()) {
        case FindingCode.ORIGIN_CERT_EXPIRED -> {
          message = "The certificate of the origin at " + where + " (" + leaf.getSubjectX500Principal().getName() + ") is valid from "
              + leaf.getNotBefore().toInstant() + " to " + leaf.getNotAfter().toInstant() + ", not now" + logged;
          remediation = "Renew the origin's certificate; noTLSVerify: true on rule #" + probe.rule().index() + " only as a stopgap.";
        }
        case FindingCode.ORIGIN_CERT_NAME_MISMATCH -> {
          message = "The certificate of the origin at " + where + " does not cover " + tlsName + ", the name cloudflared verifies ("
              + nameSource + "); it covers " + covered(leaf) + logged;
          remediation = dnsNames.isEmpty()
              ? "Reissue the origin's certificate with " + (GoNet.isIpLiteral(tlsName) ? "an IP SAN " : "a SAN ") + tlsName + "."
              : "Set originRequest.originServerName: " + dnsNames.get(0).replace("*", "app") + " on rule #" + probe.rule().index()
                  + ", or reissue the certificate with " + (GoNet.isIpLiteral(tlsName) ? "an IP SAN " : "a SAN ") + tlsName + ".";
        }
        default -> {
          message = "The certificate chain of the origin at " + where + " (issuer " + leaf.getIssuerX500Principal().getName()
              + ") does not lead to a root in the system trust store, Cloudflare's Origin CA roots"
              + (caPool.isEmpty() ? "" : " or rule #" + probe.rule().index() + "'s caPool " + caPool) + logged;
          remediation = "Set originRequest.caPool on rule #" + probe.rule().index() + " to a PEM file holding the CA that issued it ("
              + leaf.getIssuerX500Principal().getName() + "), or use a publicly trusted certificate; noTLSVerify: true only as a temporary last resort.";
        }
      }
      probe.add(probe.findings().start(problem.code(), Severity.ERROR)
          .message(message)
          .remediation(remediation)
          .evidence(transport)
          .evidence("goError", problem.goError())
          .evidence("result", "certificate rejected")
          .build());
    }
    return false;
  }

  private static String covered(X509Certificate leaf) {
    List<String> names = new ArrayList<>(GoCertificateVerifier.sans(leaf, 2));
    names.addAll(GoCertificateVerifier.sans(leaf, 7));
    return names.isEmpty() ? "no names (CN " + GoCertificateVerifier.commonName(leaf) + ", no SANs)" : String.join(", ", names);
  }
}
