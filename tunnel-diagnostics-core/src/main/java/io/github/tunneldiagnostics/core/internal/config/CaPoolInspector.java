package io.github.tunneldiagnostics.core.internal.config;

import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.check.FindingCode;
import io.github.tunneldiagnostics.api.ingress.IngressRule;
import io.github.tunneldiagnostics.api.ingress.OriginRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import io.github.tunneldiagnostics.api.ingress.SourceLocation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import org.jspecify.annotations.Nullable;

/**
 * Checks every {@code caPool} (top level and per rule) the way cloudflared loads it when it starts the
 * rule's origin ({@code tlsconfig.LoadOriginCA}): the file must be readable and hold PEM certificates.
 */
final class CaPoolInspector {
  private static final long MAX_CA_BYTES = 4L * 1024 * 1024;
  private static final Pattern PEM_CERT =
      Pattern.compile("-----BEGIN CERTIFICATE-----\\s*[A-Za-z0-9+/=\\s]+-----END CERTIFICATE-----");

  private CaPoolInspector() {}

  static List<Finding> inspect(OriginRequest topLevel, List<IngressRule> rules, @Nullable Path configDirectory, Path home, String file, String topLevelSubject) {
    Map<String, List<IngressRule>> users = new LinkedHashMap<>();
    for (IngressRule rule : rules) {
      if (!rule.originRequest().caPool().isEmpty()) {
        users.computeIfAbsent(rule.originRequest().caPool(), k -> new ArrayList<>()).add(rule);
      }
    }
    if (!topLevel.caPool().isEmpty()) {
      users.putIfAbsent(topLevel.caPool(), List.of());
    }
    List<Finding> findings = new ArrayList<>();
    users.forEach((caPool, usedBy) -> inspect(caPool, usedBy, configDirectory, home, file, topLevelSubject).ifPresent(findings::add));
    return findings;
  }

  /** Like Go's {@code AppendCertsFromPEM}: true when at least one PEM CERTIFICATE block parses. */
  static boolean hasPemCertificate(byte[] bytes) {
    Matcher blocks = PEM_CERT.matcher(new String(bytes, StandardCharsets.ISO_8859_1));
    while (blocks.find()) {
      try {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        factory.generateCertificate(new ByteArrayInputStream(blocks.group().getBytes(StandardCharsets.ISO_8859_1)));
        return true;
      } catch (CertificateException e) {
        // try the next block, as Go does
      }
    }
    return false;
  }

  private static Optional<Finding> inspect(
      String caPool, List<IngressRule> usedBy, @Nullable Path configDirectory, Path home, String file, String topLevelSubject) {
    Optional<PathResolution> resolution = PathResolution.of(caPool, configDirectory, home, false);
    String problem;
    String goError;
    if (resolution.isEmpty()) {
      problem = "is not a valid path";
      goError = "unable to read the file " + caPool + " for --origin-ca-pool: open " + caPool + ": invalid argument";
    } else {
      Path path = resolution.get().resolved();
      try {
        if (Files.isDirectory(path)) {
          problem = "is a directory, not a PEM file";
          goError = "unable to read the file " + caPool + " for --origin-ca-pool: read " + caPool + ": is a directory";
        } else if (Files.size(path) > MAX_CA_BYTES) {
          problem = "is larger than 4 MiB, which is not a CA bundle";
          goError = "";
        } else {
          if (hasPemCertificate(Files.readAllBytes(path))) {
            return Optional.empty();
          }
          problem = "holds no PEM certificate (-----BEGIN CERTIFICATE-----), so cloudflared trusts nothing from it";
          goError = "could not append the provided origin CA to the cloudflared certificate pool";
        }
      } catch (NoSuchFileException e) {
        problem = "does not exist";
        goError = "unable to read the file " + caPool + " for --origin-ca-pool: open " + caPool + ": no such file or directory";
      } catch (AccessDeniedException e) {
        problem = "cannot be read (permission denied)";
        goError = "unable to read the file " + caPool + " for --origin-ca-pool: open " + caPool + ": permission denied";
      } catch (IOException e) {
        problem = "cannot be read (" + e.getClass().getSimpleName() + ")";
        goError = "unable to read the file " + caPool + " for --origin-ca-pool: " + e.getClass().getSimpleName();
      }
    }
    String subject;
    String scope;
    if (usedBy.isEmpty()) {
      subject = topLevelSubject;
      scope = "the top-level originRequest";
    } else {
      IngressRule first = usedBy.get(0);
      SourceLocation location = first.location();
      subject = location != null ? location.toString() : file;
      scope = usedBy.size() == 1 ? first.label() : usedBy.size() + " rules (" + first.label() + " and others)";
    }
    boolean missing = problem.startsWith("does not exist") || problem.startsWith("cannot") || problem.startsWith("is a directory")
        || problem.startsWith("is not");
    String service = usedBy.isEmpty() ? "<service>" : usedBy.get(0).rawService();
    String message = "caPool " + caPool + " of " + scope + " " + problem
        + (missing ? ": cloudflared refuses to start the origin" : "");
    Finding.Builder finding =
        Finding.error(FindingCode.CA_POOL_UNREADABLE)
            .check(ConfigFindings.CHECK)
            .subject(subject)
            .message(message)
            .remediation("point caPool at a readable PEM file with the CA that signed the origin's certificate"
                + " (an absolute path such as /etc/cloudflared/origin-ca.pem), or remove caPool")
            .evidence("source", "config")
            .evidence("caPool", caPool);
    resolution.ifPresent(r -> {
      finding.evidence("resolvedPath", r.resolved().toString());
      if (r.relative()) {
        finding.evidence("relativePath", PathResolution.RELATIVE_NOTE);
      }
    });
    if (!goError.isEmpty()) {
      finding.evidence("cloudflaredMessage", missing
          ? "failed to start origin: Error starting local service " + service + ": Error loading cert pool: " + goError
          : goError);
    }
    if (usedBy.size() == 1) {
      finding.rule(usedBy.get(0).index());
    }
    return Optional.of(finding.build());
  }
}
