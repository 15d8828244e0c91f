package io.github.tunneldiagnostics.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import io.github.tunneldiagnostics.api.check.Check;
import io.github.tunneldiagnostics.api.check.CheckContext;
import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.check.FindingCode;
import io.github.tunneldiagnostics.api.check.Outcome;
import io.github.tunneldiagnostics.api.check.Severity;
import io.github.tunneldiagnostics.api.ingress.ConfigSource;
import io.github.tunneldiagnostics.api.ingress.IngressModel;
import io.github.tunneldiagnostics.api.ingress.IngressRule;
import io.github.tunneldiagnostics.api.ingress.OriginRequest;
import io.github.tunneldiagnostics.api.ingress.OriginRequestOverrides;
import io.github.tunneldiagnostics.api.ingress.OriginService;
import io.github.tunneldiagnostics.api.ingress.WarpRouting;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class DiagnosisTest {

  static IngressModel model() {
    IngressRule app =
        IngressRule.builder().index(0).hostname("app.example.com").service("http://localhost:8080").build();
    IngressRule catchAll =
        IngressRule.builder().index(1).service("http_status:404").build();
    return IngressModel.builder().source(ConfigSource.inline("test")).rules(List.of(app, catchAll)).build();
  }

  static Check check(String id, Set<String> requires, CheckBody body) {
    return new Check() {
      @Override public String id() { return id; }
      @Override public Set<String> requires() { return requires; }
      @Override public List<Finding> run(CheckContext context) throws Exception { return body.run(context); }
    };
  }

  interface CheckBody {
    List<Finding> run(CheckContext context) throws Exception;
  }

  static Finding finding(String check, Severity severity, int rule) {
    return Finding.builder("ORIGIN_CONNECTION_REFUSED", severity).check(check).subject("rule #" + rule)
        .message("m").rule(rule).build();
  }

  @Test
  void reportsFindingsOfEveryCheckAndDerivesVerdicts() {
    // given
    Diagnosis diagnosis = Diagnosis.builder().ingress(model())
        .check(check("a", Set.of(), ctx -> List.of(finding("a", Severity.ERROR, 0))))
        .check(check("b", Set.of(), ctx -> List.of()))
        .build();
    // when
    DiagnosisReport report = diagnosis.run();
    // then
    assertThat(report.verdict()).isEqualTo(Verdict.BROKEN);
    assertThat(report.results()).extracting(r -> r.outcome()).containsExactly(Outcome.FAILED, Outcome.PASSED);
    assertThat(report.routes()).extracting(RouteReport::verdict).containsExactly(Verdict.BROKEN, Verdict.HEALTHY);
    assertThat(report.routes()).extracting(r -> r.route().label()).containsExactly("rule #0", "rule #1");
  }

  @Test
  void thePipelineStampsTheCheckIdOnFindingsBuiltWithoutOne() {
    // given: a custom check that never names itself in its findings, and one that does
    Diagnosis diagnosis = Diagnosis.builder().ingress(model())
        .check(check("policy.unnamed", Set.of(), ctx -> List.of(
            Finding.warning("ORIGIN_CONNECTION_REFUSED").subject("rule #0").message("m").rule(0).build())))
        .check(check("policy.named", Set.of(), ctx -> List.of(finding("policy.named", Severity.INFO, 1))))
        .build();

    // when
    DiagnosisReport report = diagnosis.run();

    // then
    assertThat(report.findings()).extracting(Finding::check).containsExactly("policy.unnamed", "policy.named");
    assertThat(report.result("policy.unnamed").orElseThrow().findings()).extracting(Finding::check).containsExactly("policy.unnamed");
  }

  @Test
  void checkThatThrowsBecomesCheckFailedAndOthersStillReport() {
    Diagnosis diagnosis = Diagnosis.builder().ingress(model())
        .check(check("boom", Set.of(), ctx -> { throw new IllegalStateException("kaput"); }))
        .check(check("fine", Set.of(), ctx -> List.of(finding("fine", Severity.INFO, 0))))
        .build();

    DiagnosisReport report = diagnosis.run();

    assertThat(report.result("boom").orElseThrow().outcome()).isEqualTo(Outcome.ERRORED);
    Finding failed = report.findingsWithCode(FindingCode.CHECK_FAILED).get(0);
    assertThat(failed.message()).isEqualTo("Check 'boom' failed with IllegalStateException: kaput");
    assertThat(failed.severity()).isEqualTo(Severity.WARNING);
    assertThat(report.result("fine").orElseThrow().outcome()).isEqualTo(Outcome.PASSED);
    assertThat(report.verdict()).isEqualTo(Verdict.DEGRADED);
  }

  @Test
  void hangingCheckIsCutAtItsTimeoutWithoutDelayingTheReport() {
    CountDownLatch never = new CountDownLatch(1);
    CountDownLatch interrupted = new CountDownLatch(1);
    Diagnosis diagnosis = Diagnosis.builder().ingress(model())
        .perCheckTimeout(Duration.ofMillis(200))
        .timeout(Duration.ofSeconds(5))
        .check(check("hang", Set.of(), ctx -> {
          try { never.await(); } catch (InterruptedException e) { interrupted.countDown(); throw e; }
          return List.of();
        }))
        .check(check("quick", Set.of(), ctx -> List.of()))
        .build();

    long start = System.nanoTime();
    DiagnosisReport report = diagnosis.run();
    long tookMillis = (System.nanoTime() - start) / 1_000_000;

    assertThat(tookMillis).isLessThan(4000); // far below the 5 s overall timeout: the 200 ms limit applied
    assertThat(report.result("hang").orElseThrow().outcome()).isEqualTo(Outcome.ERRORED);
    assertThat(report.result("hang").orElseThrow().findings().get(0).message())
        .isEqualTo("Check 'hang' did not finish within 200 ms; its result is missing from this report.");
    assertThat(report.result("quick").orElseThrow().outcome()).isEqualTo(Outcome.PASSED);
    assertThat(await(interrupted)).as("the hung check's thread is interrupted when its time is up").isTrue();
  }

  private static boolean await(CountDownLatch latch) {
    try {
      return latch.await(5, java.util.concurrent.TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Test
  void checkThatIgnoresInterruptsIsStillCutAtTheOverallDeadline() {
    java.util.concurrent.atomic.AtomicBoolean released = new java.util.concurrent.atomic.AtomicBoolean();
    CountDownLatch stopped = new CountDownLatch(1);
    Diagnosis diagnosis = Diagnosis.builder().ingress(model())
        .timeout(Duration.ofMillis(300))
        .check(check("stubborn", Set.of(), ctx -> {
          try {
            while (!released.get()) { // ignores interrupts; stops only when the test lets it
              Thread.onSpinWait();
            }
            return List.of();
          } finally {
            stopped.countDown();
          }
        }))
        .build();

    try {
      long start = System.nanoTime();
      DiagnosisReport report = diagnosis.run();
      long tookMillis = (System.nanoTime() - start) / 1_000_000;

      assertThat(tookMillis).isLessThan(300 + Diagnosis.GRACE.toMillis() + 1000);
      assertThat(report.result("stubborn").orElseThrow().outcome()).isEqualTo(Outcome.ERRORED);
    } finally {
      released.set(true); // no thread keeps spinning after this test
    }
    assertThat(await(stopped)).isTrue();
  }

  @Test
  void dependentCheckIsSkippedWhenItsPrerequisiteFails() {
    Diagnosis diagnosis = Diagnosis.builder().ingress(model())
        .check(check("tls", Set.of("tcp"), ctx -> List.of()))
        .check(check("tcp", Set.of(), ctx -> List.of(finding("tcp", Severity.ERROR, 0))))
        .check(check("orphan", Set.of("missing"), ctx -> List.of()))
        .build();

    DiagnosisReport report = diagnosis.run();

    assertThat(report.result("tls").orElseThrow().outcome()).isEqualTo(Outcome.SKIPPED);
    assertThat(report.result("tls").orElseThrow().findings().get(0).message())
        .isEqualTo("Check 'tls' did not run: it requires check 'tcp', which FAILED.");
    assertThat(report.result("orphan").orElseThrow().findings().get(0).message())
        .isEqualTo("Check 'orphan' did not run: it requires check 'missing', which is not part of this diagnosis.");
  }

  @Test
  void dependentCheckSeesItsPrerequisiteResult() {
    AtomicReference<Outcome> seen = new AtomicReference<>();
    Diagnosis diagnosis = Diagnosis.builder().ingress(model())
        .check(check("second", Set.of("first"), ctx -> {
          seen.set(ctx.resultOf("first").orElseThrow().outcome());
          return List.of();
        }))
        .check(check("first", Set.of(), ctx -> List.of(finding("first", Severity.WARNING, 0))))
        .build();

    diagnosis.run();

    assertThat(seen.get()).isEqualTo(Outcome.WARNED);
  }

  @Test
  void buildRejectsDuplicateIdsAndCycles() {
    assertThatIllegalStateException()
        .isThrownBy(() -> Diagnosis.builder().ingress(model())
            .check(check("x", Set.of(), ctx -> List.of())).check(check("x", Set.of(), ctx -> List.of())).build())
        .withMessageStartingWith("two checks share the id 'x': ");
    assertThatIllegalStateException()
        .isThrownBy(() -> Diagnosis.builder().ingress(model())
            .check(check("a", Set.of("b"), ctx -> List.of())).check(check("b", Set.of("a"), ctx -> List.of())).build())
        .withMessage("checks require each other in a cycle: a -> b -> a");
    assertThatIllegalStateException()
        .isThrownBy(() -> Diagnosis.builder().build())
        .withMessage("'ingress' must be set: call ingress(model)");
  }

  @Test
  void secretsInEvidenceAreRedacted() {
    Finding finding = Finding.info("CREDENTIALS_INVALID").check("credentials")
        .evidence("TunnelSecret", "c2VjcmV0").evidence("token", "abc").evidence("path", "/etc/x.json").build();

    assertThat(finding.evidence()).containsEntry("TunnelSecret", Finding.REDACTED)
        .containsEntry("token", Finding.REDACTED).containsEntry("path", "/etc/x.json");
  }

  @Test
  void nullResultIsReportedAsCheckFailed() {
    DiagnosisReport report = Diagnosis.builder().ingress(model())
        .check(check("null", Set.of(), ctx -> null)).build().run();

    assertThat(report.result("null").orElseThrow().outcome()).isEqualTo(Outcome.ERRORED);
  }
}
