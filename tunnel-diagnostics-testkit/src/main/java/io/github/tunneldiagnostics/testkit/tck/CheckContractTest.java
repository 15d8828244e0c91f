package io.github.tunneldiagnostics.testkit.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tunneldiagnostics.api.Diagnosis;
import io.github.tunneldiagnostics.api.DiagnosisReport;
import io.github.tunneldiagnostics.api.check.Check;
import io.github.tunneldiagnostics.api.check.CheckResult;
import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.check.FindingCode;
import io.github.tunneldiagnostics.api.check.Outcome;
import io.github.tunneldiagnostics.api.check.Resolver;
import io.github.tunneldiagnostics.api.ingress.ConfigSource;
import io.github.tunneldiagnostics.api.ingress.IngressModel;
import io.github.tunneldiagnostics.api.ingress.IngressRule;
import io.github.tunneldiagnostics.api.ingress.OriginRequest;
import io.github.tunneldiagnostics.api.ingress.OriginRequestOverrides;
import io.github.tunneldiagnostics.api.ingress.OriginService;
import io.github.tunneldiagnostics.api.ingress.WarpRouting;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link Check} keeps. Extend it in your tests and implement {@link #createCheck()}:
 *
 * <pre>{@code
 * class MyCheckContractTest extends CheckContractTest {
 *   @Override protected Check createCheck() { return new MyCheck(); }
 * }
 * }</pre>
 *
 * It proves: a stable, well-formed id; no exception escapes (the pipeline would report CHECK_FAILED);
 * the check honours its deadline; the result is never null; no secret reaches a finding; and the check
 * is thread-safe when one instance runs in several diagnoses at once. Override {@link #contractModel()}
 * to run it on a model that exercises your check; the default has a rule whose origin is a closed
 * loopback port, and a catch-all. Only loopback is ever contacted: the resolver answers 127.0.0.1.
 */
public abstract class CheckContractTest {

  /** A value planted as secrets in the contract model; it must never appear in any finding. */
  protected static final String SECRET_CANARY = "c2VjcmV0LWNhbmFyeS1kby1ub3QtbGVhaw==";

  private static final Pattern ID = Pattern.compile("[a-z0-9]+([.-][a-z0-9]+)*");

  /** A new instance of the check under test. */
  protected abstract Check createCheck();

  /** The time limit the contract gives one run of the check. */
  protected Duration contractTimeout() {
    return Duration.ofSeconds(3);
  }

  /**
   * The model the check runs on. The default: rule #0 {@code app.example.com} → a closed loopback port,
   * rule #1 catch-all {@code http_status:404}, and secrets planted in the settings.
   */
  protected IngressModel contractModel() {
    int closedPort = closedLoopbackPort();
    String service = "http://127.0.0.1:" + closedPort;
    IngressRule app = IngressRule.builder().index(0).hostname("app.example.com").service(service).build();
    IngressRule catchAll = IngressRule.builder().index(1).service("http_status:404").build();
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("credentials-contents", SECRET_CANARY);
    settings.put("token", SECRET_CANARY);
    return IngressModel.builder().source(ConfigSource.inline("check contract model")).tunnel("6ff42ae2-765d-4adf-8112-31c55c1551ef").rules(List.of(app, catchAll)).settings(settings).build();
  }

  /** The resolver the check gets: every name is 127.0.0.1, so nothing leaves the machine. */
  protected Resolver contractResolver() {
    return host -> {
      try {
        return List.of(InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1}));
      } catch (UnknownHostException e) {
        throw new IllegalStateException(e);
      }
    };
  }

  @Test
  void idIsStableAndWellFormed() {
    // given
    Check first = createCheck();
    Check second = createCheck();
    // when / then
    assertThat(first.id()).as("id()").isNotBlank().matches(ID);
    assertThat(first.id()).as("id() called twice").isEqualTo(first.id());
    assertThat(second.id()).as("id() of two instances").isEqualTo(first.id());
  }

  @Test
  void runDoesNotLetAnExceptionEscapeAndNeverReturnsNull() {
    // when
    CheckResult result = runOnce(createCheck());
    // then
    assertThat(result.outcome())
        .as("outcome; findings were:%n%s", result.findings())
        .isNotEqualTo(Outcome.ERRORED);
  }

  @Test
  void runHonoursItsDeadline() {
    // given
    Check check = createCheck();
    // when
    long start = System.nanoTime();
    CheckResult result = runOnce(check);
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    // then
    assertThat(result.findings())
        .as("the check must finish within its deadline of %s", contractTimeout())
        .noneMatch(f -> f.code().equals(FindingCode.CHECK_FAILED) && f.evidence().containsKey("timeout"));
    assertThat(took).isLessThanOrEqualTo(contractTimeout().plus(Diagnosis.GRACE).plusMillis(500));
  }

  @Test
  void noSecretReachesAFinding() {
    // when
    CheckResult result = runOnce(createCheck());
    // then
    for (Finding finding : result.findings()) {
      List<String> texts = new ArrayList<>(List.of(finding.subject(), finding.message(), finding.remediation()));
      texts.addAll(finding.evidence().values());
      assertThat(texts).as("texts of finding %s", finding.code()).noneMatch(text -> text.contains(SECRET_CANARY));
    }
  }

  @Test
  void oneInstanceIsSafeToRunConcurrently() throws Exception {
    // given
    Check check = createCheck();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      // when
      List<Future<CheckResult>> runs = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        runs.add(pool.submit(() -> runOnce(check)));
      }
      List<Set<String>> codes = new ArrayList<>();
      for (Future<CheckResult> run : runs) {
        CheckResult result = run.get();
        assertThat(result.outcome()).as("outcome of a concurrent run; findings: %s", result.findings()).isNotEqualTo(Outcome.ERRORED);
        codes.add(new TreeSet<>(result.findings().stream().map(Finding::code).toList()));
      }
      // then
      assertThat(codes).as("the codes each concurrent run reported").allMatch(c -> c.equals(codes.get(0)));
    } finally {
      pool.shutdownNow();
    }
  }

  /** Runs the check once, alone, through the real pipeline. */
  protected CheckResult runOnce(Check check) {
    DiagnosisReport report = Diagnosis.builder()
        .ingress(contractModel())
        .check(check)
        .resolver(contractResolver())
        .timeout(contractTimeout().plus(Duration.ofSeconds(1)))
        .perCheckTimeout(contractTimeout())
        .build()
        .run();
    assertThat(report.results()).hasSize(1);
    return report.results().get(0);
  }

  private static int closedLoopbackPort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("cannot bind a loopback port for the contract model", e);
    }
  }
}
