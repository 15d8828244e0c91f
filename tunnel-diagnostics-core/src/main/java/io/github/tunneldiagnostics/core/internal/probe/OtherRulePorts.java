package io.github.tunneldiagnostics.core.internal.probe;

import io.github.tunneldiagnostics.api.ingress.IngressModel;
import io.github.tunneldiagnostics.api.ingress.IngressRule;
import io.github.tunneldiagnostics.api.ingress.OriginService;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The ports the other rules' services use on the same host as one rule's service. A fix must never point a
 * rule at one of them: that would send its hostname to another rule's app.
 */
final class OtherRulePorts {
  private final Map<Integer, IngressRule> byPort;

  private OtherRulePorts(Map<Integer, IngressRule> byPort) {
    this.byPort = byPort;
  }

  static OtherRulePorts none() {
    return new OtherRulePorts(Map.of());
  }

  static OtherRulePorts of(IngressModel model, IngressRule rule) {
    String host = hostOf(rule.service());
    Map<Integer, IngressRule> byPort = new LinkedHashMap<>();
    if (host == null) {
      return new OtherRulePorts(byPort);
    }
    for (IngressRule other : model.rules()) {
      String otherHost = hostOf(other.service());
      Integer port = portOf(other.service());
      if (other.index() != rule.index() && otherHost != null && port != null && sameHost(host, otherHost)) {
        byPort.putIfAbsent(port, other);
      }
    }
    return new OtherRulePorts(byPort);
  }

  /** The first other rule whose service uses {@code port} on this host. */
  Optional<IngressRule> owner(int port) {
    return Optional.ofNullable(byPort.get(port));
  }

  /** Every port another rule uses on this host. */
  java.util.Set<Integer> ports() {
    return byPort.keySet();
  }

  private static @Nullable String hostOf(OriginService service) {
    if (service instanceof OriginService.Http http) {
      return http.host();
    }
    return service instanceof OriginService.Stream stream ? stream.host() : null;
  }

  private static @Nullable Integer portOf(OriginService service) {
    if (service instanceof OriginService.Http http) {
      return http.effectivePort();
    }
    if (service instanceof OriginService.Stream stream && stream.effectivePort().isPresent()) {
      return stream.effectivePort().getAsInt();
    }
    return null;
  }

  private static boolean sameHost(String a, String b) {
    String x = a.toLowerCase(Locale.ROOT);
    String y = b.toLowerCase(Locale.ROOT);
    return x.equals(y) || (loopback(x) && loopback(y));
  }

  private static boolean loopback(String host) {
    String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    return h.equals("localhost") || h.startsWith("127.") || h.equals("::1") || h.equals("0.0.0.0") || h.equals("::");
  }
}
