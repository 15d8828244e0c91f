package io.github.tunneldiagnostics.core.internal.probe;

import io.github.tunneldiagnostics.api.internal.golang.GoNet;
import io.github.tunneldiagnostics.api.check.FindingCode;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.X509TrustManager;
import javax.security.auth.x500.X500Principal;
import org.jspecify.annotations.Nullable;

/**
 * Verifies a captured chain the way Go's {@code crypto/x509} {@code Certificate.Verify} does for
 * cloudflared, in Go's order: validity period of the leaf, then the host name, then the chain to a root.
 * Every problem is returned (the first one is what cloudflared logs), so a fix for one does not hide the
 * next.
 */
final class GoCertificateVerifier {
  private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  private GoCertificateVerifier() {}

  static List<CertificateProblem> verify(List<X509Certificate> chain, String name, Instant now, X509TrustManager roots) {
    List<CertificateProblem> problems = new ArrayList<>();
    if (chain.isEmpty()) {
      problems.add(new CertificateProblem(FindingCode.ORIGIN_CERT_UNTRUSTED, "tls: server sent no certificate"));
      return problems;
    }
    X509Certificate leaf = chain.get(0);
    Instant notBefore = leaf.getNotBefore().toInstant();
    Instant notAfter = leaf.getNotAfter().toInstant();
    boolean expired = now.isAfter(notAfter) || now.isBefore(notBefore);
    if (now.isAfter(notAfter)) {
      problems.add(new CertificateProblem(FindingCode.ORIGIN_CERT_EXPIRED,
          "x509: certificate has expired or is not yet valid: current time " + RFC3339.format(now.truncatedTo(ChronoUnit.SECONDS)) + " is after " + RFC3339.format(notAfter)));
    } else if (now.isBefore(notBefore)) {
      problems.add(new CertificateProblem(FindingCode.ORIGIN_CERT_EXPIRED,
          "x509: certificate has expired or is not yet valid: current time " + RFC3339.format(now.truncatedTo(ChronoUnit.SECONDS)) + " is before " + RFC3339.format(notBefore)));
    }
    String hostnameError = hostnameError(leaf, name);
    if (hostnameError != null) {
      problems.add(new CertificateProblem(FindingCode.ORIGIN_CERT_NAME_MISMATCH, hostnameError));
    }
    if (!expired) {
      try {
        roots.checkServerTrusted(chain.toArray(X509Certificate[]::new), "UNKNOWN");
      } catch (CertificateException e) {
        problems.add(new CertificateProblem(FindingCode.ORIGIN_CERT_UNTRUSTED, "x509: certificate signed by unknown authority"));
      }
    }
    return problems;
  }

  /** Go's {@code VerifyHostname} and {@code HostnameError.Error()}; null when the name matches. */
  static @Nullable String hostnameError(X509Certificate leaf, String host) {
    List<String> dnsNames = sans(leaf, 2);
    List<String> ipNames = sans(leaf, 7);
    String candidate = host.length() >= 3 && host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    if (GoNet.isIpLiteral(candidate)) {
      InetAddress wanted = parseIp(candidate);
      for (String ip : ipNames) {
        InetAddress san = parseIp(ip);
        if (wanted != null && wanted.equals(san)) {
          return null;
        }
      }
      if (!hasSans(leaf) && matchHostnames(commonName(leaf), candidate)) {
        return "x509: certificate relies on legacy Common Name field, use SANs instead";
      }
      if (ipNames.isEmpty()) {
        return "x509: cannot validate certificate for " + candidate + " because it doesn't contain any IP SANs";
      }
      List<String> rendered = new ArrayList<>();
      for (String ip : ipNames) {
        InetAddress san = parseIp(ip);
        rendered.add(san == null ? ip : GoNet.ipString(san));
      }
      return "x509: certificate is valid for " + String.join(", ", rendered) + ", not " + candidate;
    }
    String lower = host.toLowerCase(Locale.ROOT);
    for (String match : dnsNames) {
      if (matchHostnames(match.toLowerCase(Locale.ROOT), lower) || match.equals(lower)) {
        return null;
      }
    }
    if (!hasSans(leaf) && matchHostnames(commonName(leaf), host)) {
      return "x509: certificate relies on legacy Common Name field, use SANs instead";
    }
    if (dnsNames.isEmpty()) {
      return "x509: certificate is not valid for any names, but wanted to match " + host;
    }
    return "x509: certificate is valid for " + String.join(", ", dnsNames) + ", not " + host;
  }

  /** Go's {@code matchHostnames}: a leading {@code *} label matches exactly one label. */
  static boolean matchHostnames(String pattern, String host) {
    host = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    pattern = pattern.endsWith(".") ? pattern.substring(0, pattern.length() - 1) : pattern;
    if (pattern.isEmpty() || host.isEmpty()) {
      return false;
    }
    String[] patternParts = pattern.split("\\.", -1);
    String[] hostParts = host.split("\\.", -1);
    if (patternParts.length != hostParts.length) {
      return false;
    }
    for (int i = 0; i < patternParts.length; i++) {
      if (i == 0 && patternParts[i].equals("*")) {
        continue;
      }
      if (!patternParts[i].equalsIgnoreCase(hostParts[i])) {
        return false;
      }
    }
    return true;
  }

  static List<String> sans(X509Certificate certificate, int type) {
    List<String> names = new ArrayList<>();
    try {
      Collection<List<?>> all = certificate.getSubjectAlternativeNames();
      if (all != null) {
        for (List<?> entry : all) {
          if (entry.size() >= 2 && entry.get(0) instanceof Integer kind && kind == type) {
            names.add(String.valueOf(entry.get(1)));
          }
        }
      }
    } catch (CertificateParsingException e) {
      // treated as no SANs
    }
    return names;
  }

  private static boolean hasSans(X509Certificate certificate) {
    try {
      return certificate.getSubjectAlternativeNames() != null;
    } catch (CertificateParsingException e) {
      return false;
    }
  }

  static String commonName(X509Certificate certificate) {
    String dn = certificate.getSubjectX500Principal().getName(X500Principal.RFC2253);
    for (String part : dn.split("(?<!\\\\),")) {
      if (part.startsWith("CN=")) {
        return part.substring(3);
      }
    }
    return "";
  }

  private static @Nullable InetAddress parseIp(String literal) {
    try {
      return GoNet.isIpLiteral(literal) ? InetAddress.getByName(literal) : null;
    } catch (UnknownHostException e) {
      return null;
    }
  }
}
