package io.github.tunneldiagnostics.core.internal.config;

import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.check.FindingCode;
import io.github.tunneldiagnostics.api.check.Severity;
import java.util.ArrayList;
import java.util.List;

/**
 * Grades the absence of files that only the connector host needs by {@link CheckSite}. The loader words
 * these findings for the connector host (ERROR) and marks them with {@code evidence.neededOn}; off the
 * connector host they become WARNINGs saying that only the connector host needs the file.
 */
public final class ConnectorHostFiles {
  /** Evidence key marking a finding about a file that is missing here but needed on the connector host. */
  static final String NEEDED_ON = "neededOn";

  static final String CONNECTOR_HOST = "the connector host";

  private ConnectorHostFiles() {}

  /** The findings as they hold where the check runs. */
  public static List<Finding> atSite(List<Finding> findings, CheckSite site) {
    if (site == CheckSite.CONNECTOR_HOST) {
      return findings;
    }
    List<Finding> graded = new ArrayList<>(findings.size());
    for (Finding finding : findings) {
      graded.add(isConnectorHostFile(finding) ? offConnectorHost(finding) : finding);
    }
    return graded;
  }

  /** True for a finding that says a file only the connector host needs is missing here. */
  public static boolean isConnectorHostFile(Finding finding) {
    return CONNECTOR_HOST.equals(finding.evidence().get(NEEDED_ON));
  }

  private static Finding offConnectorHost(Finding finding) {
    String fact;
    String reads;
    String file;
    if (finding.code().equals(FindingCode.CA_POOL_UNREADABLE)) {
      file = finding.evidence().getOrDefault("caPool", "");
      fact = "caPool " + file + " of " + finding.evidence().getOrDefault("usedBy", "the top-level originRequest")
          + " does not exist on this machine";
      reads = "cloudflared loads it when it starts the origin";
    } else if (finding.evidence().containsKey("credentialsFile")) {
      file = finding.evidence().get("credentialsFile");
      fact = "the credentials file " + file + " named by credentials-file does not exist on this machine";
      reads = "cloudflared reads it when it runs the tunnel";
    } else {
      file = finding.evidence().getOrDefault("expectedFile", "<tunnel-uuid>.json");
      fact = "no credentials file " + file + " for tunnel " + finding.evidence().getOrDefault("tunnel", "")
          + " was found on this machine";
      reads = "cloudflared reads it when it runs the tunnel";
    }
    String message = fact + ". Only the connector host needs it: " + reads
        + ", while `cloudflared tunnel ingress validate` and `ingress rule` never open it";
    String remediation = "nothing to change if this machine is not the connector host; on the connector host, check that "
        + file + " exists (tunnel-doctor diagnose run there reports it as an ERROR when it does not)";
    return finding.toBuilder().severity(Severity.WARNING).message(message).remediation(remediation).build();
  }
}
