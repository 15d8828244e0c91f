package io.github.tunneldiagnostics.core.internal.fix;

import io.github.tunneldiagnostics.api.Diagnosis;
import io.github.tunneldiagnostics.api.DiagnosisReport;
import io.github.tunneldiagnostics.api.Route;
import io.github.tunneldiagnostics.api.check.Check;
import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.check.FindingCode;
import io.github.tunneldiagnostics.api.check.Resolver;
import io.github.tunneldiagnostics.api.check.Severity;
import io.github.tunneldiagnostics.api.ingress.IngressModel;
import io.github.tunneldiagnostics.api.ingress.OriginService;
import io.github.tunneldiagnostics.core.ConfigException;
import io.github.tunneldiagnostics.core.ConnectorOptions;
import io.github.tunneldiagnostics.core.fix.TargetVerifier;
import io.github.tunneldiagnostics.core.internal.config.ConfigLoader;
import io.github.tunneldiagnostics.core.internal.probe.OriginCheck;
import io.github.tunneldiagnostics.core.internal.seat.SeatPlan;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The write gate's probe of the new targets from cloudflared's seat: when the connector runs in its own
 * network namespace (a container), the changed rules' origins are probed from inside it, with its resolver
 * and hosts file, exactly as the diagnosis probes them; else from this host. The patched text is written to
 * a private temporary file for the probe (the config file itself is not touched before the gate passes).
 */
public final class SeatTargetVerifier implements TargetVerifier {
  private final String patchedText;
  private final @Nullable String selector;
  private final @Nullable Path procRoot;
  private final Resolver resolver;
  private final Duration timeout;

  private SeatTargetVerifier(String patchedText, @Nullable String selector, @Nullable Path procRoot, Resolver resolver, Duration timeout) {
    this.patchedText = patchedText;
    this.selector = selector;
    this.procRoot = procRoot;
    this.resolver = resolver;
    this.timeout = timeout;
  }

  /**
   * A verifier for the patch whose text is {@code patchedText}, judged from the connector {@code selector}
   * names (a pid or container id; null: the first one found under {@code procRoot}, null for none: this host).
   */
  public static TargetVerifier of(String patchedText, @Nullable String selector, @Nullable Path procRoot, Resolver resolver, Duration timeout) {
    return new SeatTargetVerifier(Objects.requireNonNull(patchedText, "patchedText"), selector, procRoot,
        Objects.requireNonNull(resolver, "resolver"), Objects.requireNonNull(timeout, "timeout"));
  }

  @Override
  public List<String> problems(IngressModel patched, Set<Integer> changedRules) {
    if (changedRules.isEmpty()) {
      return List.of();
    }
    Path directory = null;
    try {
      directory = Files.createTempDirectory("tunnel-doctor-fix");
      Path file = Files.writeString(directory.resolve("config.yml"), patchedText, StandardCharsets.UTF_8);
      IngressModel model = ConfigLoader.load(file);
      Clock clock = Clock.systemUTC();
      SeatPlan seat = SeatPlan.prepare(ConnectorOptions.builder().procRoot(procRoot).selector(selector).build(),
          clock.instant().plus(timeout.dividedBy(2)), clock);
      Check origin = seat.originCheck(model, null, OriginCheck.builder().build());
      List<Route> routes = new ArrayList<>();
      for (int rule : changedRules) {
        if (rule < model.rules().size()) {
          routes.add(Route.forRule(rule, model.rules().get(rule).service().toString()));
        }
      }
      DiagnosisReport report = Diagnosis.builder().ingress(model).check(origin).routes(routes).resolver(resolver).timeout(timeout).build().run();
      return judge(report, model, changedRules);
    } catch (IOException e) {
      return List.of("the new targets could not be probed: a temporary copy of the patched config could not be written (" + e.getMessage()
          + "); nothing is written unprobed");
    } catch (ConfigException e) {
      return List.of("the patched config could not be loaded for the probe: " + e.finding().message());
    } finally {
      delete(directory);
    }
  }

  /**
   * The same judgement as {@link TargetVerifier#probing}: no origin ERROR for the rule, and the origin answered;
   * a skipped probe passes only for a service cloudflared answers itself (a skipped probe of an address that
   * cloudflared dials, e.g. when its namespace cannot be entered, proves nothing).
   */
  static List<String> judge(DiagnosisReport report, IngressModel patched, Set<Integer> changedRules) {
    List<String> problems = new ArrayList<>();
    for (int rule : changedRules) {
      List<Finding> about = report.findingsForRule(rule).stream().filter(f -> f.check().startsWith("origin")).toList();
      List<Finding> errors = about.stream().filter(f -> f.severity() == Severity.ERROR).toList();
      String service = rule < patched.rules().size() ? patched.rules().get(rule).rawService() : "rule #" + rule;
      if (!errors.isEmpty()) {
        Finding first = errors.get(0);
        problems.add("rule #" + rule + "'s new target " + service + " does not answer: " + first.code() + ": " + first.message());
      } else if (about.stream().noneMatch(f -> f.code().equals(FindingCode.ORIGIN_REACHABLE)
          || (f.code().equals(FindingCode.CHECK_SKIPPED) && !dialed(patched, rule)))) {
        problems.add("rule #" + rule + "'s new target " + service + " was not probed in time; nothing is written unprobed");
      }
    }
    return problems;
  }

  private static boolean dialed(IngressModel patched, int rule) {
    return rule >= patched.rules().size() || patched.rules().get(rule).service() instanceof OriginService.Http
        || patched.rules().get(rule).service() instanceof OriginService.Stream;
  }

  private static void delete(@Nullable Path directory) {
    if (directory == null) {
      return;
    }
    try {
      Files.deleteIfExists(directory.resolve("config.yml"));
      Files.deleteIfExists(directory);
    } catch (IOException e) {
      // a temporary directory left behind holds only the patched config, readable by this user alone
    }
  }
}
