package io.github.tunneldiagnostics.core.internal.connector;

import io.github.tunneldiagnostics.api.Route;
import io.github.tunneldiagnostics.api.check.CheckContext;
import io.github.tunneldiagnostics.api.check.CheckResult;
import io.github.tunneldiagnostics.api.check.Resolver;
import io.github.tunneldiagnostics.api.ingress.IngressModel;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A check context for tests: a fixed model, a deadline, and a resolver that only knows loopback. */
public record FixedCheckContext(IngressModel ingress, Instant deadline) implements CheckContext {
  @Override
  public List<Route> routes() {
    return List.of();
  }

  @Override
  public Clock clock() {
    return Clock.systemUTC();
  }

  @Override
  public Resolver resolver() {
    return host -> List.of(InetAddress.getLoopbackAddress());
  }

  @Override
  public Optional<CheckResult> resultOf(String checkId) {
    return Optional.empty();
  }
}
