package io.github.tunneldiagnostics.core.internal.probe;

import io.github.tunneldiagnostics.api.check.FindingCode;
import io.github.tunneldiagnostics.api.check.Severity;
import java.time.Duration;

/**
 * ORIGIN_HOST_HEADER_REJECTED: when cloudflared's Host (the public hostname) gets a 3xx or 4xx, the same
 * request is sent once more with the service's own Host; a better answer then means the app's virtual
 * hosts do not know the public hostname.
 */
final class HostHeaderProbe {
  private static final Duration MIN_EXTRA = Duration.ofMillis(50);

  private final HttpTarget target;
  private final RouteProbe probe;

  HostHeaderProbe(HttpTarget target) {
    this.target = target;
    this.probe = target.probe();
  }

  void compare(OriginRequestShape request, HttpOutcome.Response first, HttpPhase.Reopen reopen) {
    String serviceAuthority = target.serviceAuthority();
    if (first.status() < 300 || serviceAuthority.isEmpty() || request.host().equalsIgnoreCase(serviceAuthority) || !probe.hasTimeFor(MIN_EXTRA)) {
      return;
    }
    ProbeConnection again = reopen.open();
    if (again == null) {
      return;
    }
    OriginRequestShape plain = request.withHost(serviceAuthority);
    HttpOutcome outcome;
    try {
      outcome = probe.run().http().exchange(again, plain.bytes(), probe.deadline());
    } finally {
      again.close();
    }
    if (!(outcome instanceof HttpOutcome.Response second)) {
      return;
    }
    int a = first.status() / 100;
    int b = second.status() / 100;
    boolean rejected = (a >= 4 && b < 4) || (a == 3 && b == 2);
    if (!rejected) {
      return;
    }
    probe.add(target.base(FindingCode.ORIGIN_HOST_HEADER_REJECTED, Severity.WARNING, request, first)
        .message("The origin at " + target.where() + " answers " + first.statusLine() + " for Host: " + request.host() + " (what cloudflared sends) but "
            + second.statusLine() + " for Host: " + serviceAuthority + ".")
        .remediation("Set originRequest.httpHostHeader: \"" + serviceAuthority + "\" on rule #" + probe.rule().index() + ", or add "
            + request.host() + " to the app's virtual hosts / allowed hosts.")
        .evidence("statusWithServiceHost", second.statusLine())
        .build());
  }
}
