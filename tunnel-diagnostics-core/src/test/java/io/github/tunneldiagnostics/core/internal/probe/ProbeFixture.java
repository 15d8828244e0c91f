package io.github.tunneldiagnostics.core.internal.probe;

import io.github.tunneldiagnostics.api.Route;
import io.github.tunneldiagnostics.api.check.CheckContext;
import io.github.tunneldiagnostics.api.check.CheckResult;
import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.check.Resolver;
import io.github.tunneldiagnostics.api.ingress.ConfigSource;
import io.github.tunneldiagnostics.api.ingress.IngressModel;
import io.github.tunneldiagnostics.api.ingress.IngressRule;
import io.github.tunneldiagnostics.api.ingress.OriginRequest;
import io.github.tunneldiagnostics.api.ingress.OriginRequestOverrides;
import io.github.tunneldiagnostics.api.ingress.OriginService;
import io.github.tunneldiagnostics.api.ingress.WarpRouting;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** Builds ingress models and check contexts for probe tests; every name resolves to loopback or nowhere. */
final class ProbeFixture {
  static final Duration CONNECT = Duration.ofMillis(300);
  static final Duration TLS = Duration.ofMillis(500);

  private ProbeFixture() {}

  /** A resolver that knows only the given names. */
  static Resolver resolver(Map<String, List<InetAddress>> names) {
    return host -> {
      List<InetAddress> addresses = names.get(host);
      if (addresses == null) {
        throw new UnknownHostException(host + ": no such host (test resolver)");
      }
      return addresses;
    };
  }

  static final Resolver LOCALHOST_V4 = resolver(Map.of("localhost", List.of(InetAddress.getLoopbackAddress())));

  /** Rule settings with the test's short timeouts, plus whatever {@code more} sets. */
  static OriginRequest settings(UnaryOperator<OriginRequestOverrides.Builder> more) {
    return OriginRequest.DEFAULTS.merge(more.apply(OriginRequestOverrides.builder().connectTimeout(CONNECT).tlsTimeout(TLS)).build());
  }

  static OriginService.Http http(String scheme, String host, int port) {
    String bracketed = host.contains(":") ? "[" + host + "]" : host;
    return new OriginService.Http(scheme, host, port, scheme + "://" + bracketed + ":" + port);
  }

  static IngressRule rule(int index, String hostname, OriginService service, OriginRequest settings) {
    return IngressRule.builder().index(index).hostname(hostname).service(service.toString()).originRequest(settings).build();
  }

  static IngressRule rule(int index, String hostname, OriginService service) {
    return rule(index, hostname, service, settings(b -> b));
  }

  /** A model of these rules plus a trailing http_status:404 catch-all. */
  static IngressModel model(List<IngressRule> rules) {
    List<IngressRule> all = new ArrayList<>(rules);
    all.add(IngressRule.builder().index(all.size()).service("http_status:404").build());
    return IngressModel.builder().source(ConfigSource.inline("test")).rules(all).build();
  }

  static List<Route> routesForEveryRule(IngressModel model) {
    return model.rules().stream().map(r -> Route.forRule(r.index(), r.service().toString())).toList();
  }

  /** A context over every rule with the given timeout. */
  static CheckContext context(IngressModel model, Resolver resolver, Duration timeout) {
    return new Context(model, routesForEveryRule(model), Instant.now().plus(timeout), Clock.systemUTC(), resolver);
  }

  static CheckContext context(IngressModel model, List<Route> routes, Resolver resolver, Duration timeout) {
    return new Context(model, routes, Instant.now().plus(timeout), Clock.systemUTC(), resolver);
  }

  /** Runs the check over one rule (plus the catch-all) and returns the findings about that rule. */
  static List<Finding> probe(OriginCheck check, IngressRule rule, Resolver resolver, Duration timeout) throws Exception {
    IngressModel model = model(List.of(rule));
    return check.run(context(model, resolver, timeout)).stream().filter(f -> f.ruleIndex().orElse(-1) == rule.index()).toList();
  }

  record Context(IngressModel ingress, List<Route> routes, Instant deadline, Clock clock, Resolver resolver) implements CheckContext {
    @Override
    public Optional<CheckResult> resultOf(String checkId) {
      return Optional.empty();
    }
  }
}
