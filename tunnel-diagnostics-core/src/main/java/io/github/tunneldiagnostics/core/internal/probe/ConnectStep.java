package io.github.tunneldiagnostics.core.internal.probe;

import io.github.tunneldiagnostics.api.internal.golang.GoDuration;
import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.check.FindingCode;
import io.github.tunneldiagnostics.api.check.Severity;
import io.github.tunneldiagnostics.api.ingress.OriginRequest;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Connects to every resolved address, keeps the connection Go's dialer would use ({@link GoDialModel}),
 * and explains a failure: ORIGIN_CONNECTION_REFUSED (through {@link RefusalExplainer}),
 * ORIGIN_CONNECT_TIMEOUT, or another connect error.
 */
final class ConnectStep {
  private final RouteProbe probe;
  private final OriginRequest settings;

  ConnectStep(RouteProbe probe) {
    this.probe = probe;
    this.settings = probe.settings();
  }

  /**
   * Dials every address the way Go does and keeps the connection Go would use.
   *
   * @param addresses in the order Go's resolver returns them
   * @param rewrite renders the rule's service for another host/port, for remediations
   * @return the connection Go would use, or null after a finding
   */
  @SuppressWarnings("ReferenceEquality") // the attempt Go would have chosen, by identity
  @Nullable Socket connect(List<InetAddress> addresses, int port, RefusalExplainer.ServiceRewrite rewrite) {
    Duration timeout = probe.capped(settings.connectTimeout());
    List<DialAttempt> attempts = probe.run().dialer().dialAll(addresses, port, timeout);
    GoDialModel.Outcome go = GoDialModel.simulate(attempts, settings.noHappyEyeballs());
    String attemptsText = attempts.stream().map(a -> a.target() + " " + a.summary()).collect(Collectors.joining("; "));
    probe.recordDial(attempts, attemptsText);
    for (DialAttempt attempt : attempts) {
      if (attempt.socket() != null && (go.chosen().isEmpty() || attempt != go.chosen().get())) {
        RouteProbe.closeQuietly(attempt.socket());
      }
    }
    if (go.chosen().isPresent()) {
      probe.timings().connect(go.chosen().get().elapsed());
      return go.chosen().get().socket();
    }
    probe.timings().connect(attempts.stream().map(DialAttempt::elapsed).max(Duration::compareTo).orElse(Duration.ZERO));
    DialAttempt reported = go.reported();
    String goError = reported.goError();
    String order = goOrder(go);
    OriginFindings findings = probe.findings();
    switch (reported.result()) {
      case REFUSED -> probe.add(withOrder(
          RefusalExplainer.explain(findings, probe.run().settings().socketTable(), probe.run().sockets().get(), addresses, port, goError, rewrite, attemptsText,
              OtherRulePorts.of(probe.run().model(), probe.rule())),
          order));
      case TIMEOUT -> probe.add(
          findings
              .start(FindingCode.ORIGIN_CONNECT_TIMEOUT, Severity.ERROR)
              .message("The TCP connect to " + reported.target() + " did not complete within " + timeout.toMillis() + " ms (connectTimeout "
                  + GoDuration.format(settings.connectTimeout()) + (timeout.compareTo(settings.connectTimeout()) < 0 ? ", capped by the diagnosis deadline" : "")
                  + "); cloudflared would log " + goError + ".")
              .remediation("Check that " + reported.target() + " is the right address for " + findings.ruleService()
                  + " and that no firewall or route drops packets to port " + port + "; lower originRequest.connectTimeout to fail faster.")
              .evidence("attempts", attemptsText)
              .evidence("goDial", order)
              .evidence("result", "connect timeout")
              .build());
      default -> probe.add(
          findings
              .start(FindingCode.ORIGIN_CONNECTION_REFUSED, Severity.ERROR)
              .message("Connecting to " + reported.target() + " failed: " + reported.detail() + "; cloudflared would log " + goError + ".")
              .remediation("Make " + reported.target() + " reachable from the connector host, or change " + findings.ruleService() + " to an address it can reach.")
              .evidence("attempts", attemptsText)
              .evidence("goDial", order)
              .evidence("result", reported.detail())
              .build());
    }
    return null;
  }

  private static Finding withOrder(Finding finding, String order) {
    return finding.toBuilder().evidence("goDial", order).build();
  }

  /** How Go walks the addresses, e.g. "IPv6 first: [::1]:8080 refused, then 127.0.0.1:8080 connected". */
  private String goOrder(GoDialModel.Outcome go) {
    String walk = go.order().stream().map(a -> a.target() + " " + a.summary()).collect(Collectors.joining(", then "));
    String mode = settings.noHappyEyeballs()
        ? "noHappyEyeballs: serial in resolver order"
        : go.primaryFamily() + " first (family of the first address), other family 300 ms later or as soon as it fails";
    return mode + ": " + walk;
  }
}
