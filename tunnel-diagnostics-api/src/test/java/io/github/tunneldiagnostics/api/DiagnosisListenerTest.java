package io.github.tunneldiagnostics.api;

import static io.github.tunneldiagnostics.api.DiagnosisTest.check;
import static io.github.tunneldiagnostics.api.DiagnosisTest.finding;
import static io.github.tunneldiagnostics.api.DiagnosisTest.model;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.tunneldiagnostics.api.check.Check;
import io.github.tunneldiagnostics.api.check.CheckResult;
import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.check.Severity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The {@link DiagnosisListener} contract: order, one finish per route, one call at a time, nothing after run(), exceptions contained. */
class DiagnosisListenerTest {

  /** Writes each event as a line; counts calls that overlap. */
  static final class Recorder implements DiagnosisListener {
    final List<String> events = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger inside = new AtomicInteger();
    final AtomicInteger overlaps = new AtomicInteger();

    private void record(String event) {
      if (inside.incrementAndGet() > 1) {
        overlaps.incrementAndGet();
      }
      events.add(event);
      inside.decrementAndGet();
    }

    @Override
    public void diagnosisStarted(List<Route> routes) {
      record("started " + routes.stream().map(Route::label).toList());
    }

    @Override
    public void routeStarted(Route route) {
      record("route started " + route.label());
    }

    @Override
    public void routeFinished(Route route, Duration elapsed) {
      record("route finished " + route.label());
    }

    @Override
    public void checkStarted(Check check) {
      record("check started " + check.id());
    }

    @Override
    public void checkFinished(CheckResult result) {
      record("check finished " + result.checkId() + " " + result.outcome());
    }
  }

  @Test
  void hearsTheRoutesThenEachRoutesStartAndFinishAndEachCheckOnce() {
    // given: a check that works on rule #0 only; rule #1 is finished by the diagnosis when it ends
    Recorder recorder = new Recorder();
    Diagnosis diagnosis = Diagnosis.builder().ingress(model())
        .check(check("probe", Set.of(), context -> {
          Route first = context.routes().get(0);
          context.routeStarted(first);
          context.routeStarted(first); // a second start of the same route is not passed on
          context.routeFinished(first, Duration.ofMillis(5));
          context.routeFinished(first, Duration.ofMillis(6)); // nor a second finish
          context.routeFinished(Route.forUrl(RouteUrl.parse("https://elsewhere.example/"), 0, "http://localhost:8080"), Duration.ZERO); // nor a route not planned
          return List.of(finding("probe", Severity.ERROR, 0));
        }))
        .listener(recorder)
        .build();

    // when
    diagnosis.run();

    // then
    assertThat(recorder.events).containsExactly(
        "started [rule #0, rule #1]",
        "check started probe",
        "route started rule #0",
        "route finished rule #0",
        "check finished probe FAILED",
        "route finished rule #1");
    assertThat(recorder.overlaps).hasValue(0);
  }

  @Test
  void callsAreNeverConcurrentThoughChecksRunInParallel() {
    // given: eight checks, each reporting the two routes from its own thread
    Recorder recorder = new Recorder();
    Diagnosis.Builder builder = Diagnosis.builder().ingress(model()).listener(recorder);
    for (int i = 0; i < 8; i++) {
      builder.check(check("c" + i, Set.of(), context -> {
        for (int n = 0; n < 200; n++) {
          context.routeStarted(context.routes().get(n % 2));
        }
        return List.of();
      }));
    }

    // when
    builder.build().run();

    // then
    assertThat(recorder.overlaps).hasValue(0);
    assertThat(recorder.events).filteredOn(e -> e.startsWith("route finished")).hasSize(2);
    assertThat(recorder.events).filteredOn(e -> e.startsWith("check finished")).hasSize(8);
  }

  @Test
  void aCheckStillRunningAfterTheDiagnosisReturnedIsNotHeard() throws InterruptedException {
    // given: a check that overruns its timeout and only then reports its route
    Recorder recorder = new Recorder();
    CountDownLatch returned = new CountDownLatch(1);
    CountDownLatch reportedLate = new CountDownLatch(1);
    Diagnosis diagnosis = Diagnosis.builder().ingress(model())
        .timeout(Duration.ofMillis(300))
        .check(check("stuck", Set.of(), context -> {
          boolean ended = false;
          while (!ended) {
            try {
              ended = returned.await(30, TimeUnit.SECONDS); // ignores the interrupt of its timeout, as a careless check does
            } catch (InterruptedException e) {
              // keep waiting
            }
          }
          context.routeStarted(context.routes().get(1));
          context.routeFinished(context.routes().get(1), Duration.ofSeconds(1));
          reportedLate.countDown();
          return List.of();
        }))
        .listener(recorder)
        .build();

    // when
    DiagnosisReport report = diagnosis.run();
    List<String> heard = List.copyOf(recorder.events);
    returned.countDown();
    assertThat(reportedLate.await(30, TimeUnit.SECONDS)).isTrue();

    // then
    assertThat(report.results()).singleElement().satisfies(r -> assertThat(r.outcome().name()).isEqualTo("ERRORED"));
    assertThat(heard).containsExactly(
        "started [rule #0, rule #1]",
        "check started stuck",
        "check finished stuck ERRORED",
        "route finished rule #0",
        "route finished rule #1");
    assertThat(recorder.events).isEqualTo(heard);
  }

  @Test
  void aListenerThatThrowsChangesNothing() {
    // given
    DiagnosisListener throwing = new DiagnosisListener() {
      @Override
      public void diagnosisStarted(List<Route> routes) {
        throw new IllegalStateException("listener bug");
      }

      @Override
      public void routeFinished(Route route, Duration elapsed) {
        throw new IllegalStateException("listener bug");
      }

      @Override
      public void checkStarted(Check check) {
        throw new IllegalStateException("listener bug");
      }

      @Override
      public void checkFinished(CheckResult result) {
        throw new IllegalStateException("listener bug");
      }
    };
    Check check = check("a", Set.of(), context -> {
      context.routeFinished(context.routes().get(0), Duration.ZERO);
      return List.of(finding("a", Severity.ERROR, 0));
    });

    // when
    DiagnosisReport heard = Diagnosis.builder().ingress(model()).check(check).listener(throwing).build().run();
    DiagnosisReport quiet = Diagnosis.builder().ingress(model()).check(check).build().run();

    // then
    assertThat(heard.verdict()).isEqualTo(quiet.verdict()).isEqualTo(Verdict.BROKEN);
    assertThat(heard.findings()).extracting(Finding::code).isEqualTo(quiet.findings().stream().map(Finding::code).toList());
    assertThat(heard.results()).extracting(CheckResult::outcome).isEqualTo(quiet.results().stream().map(CheckResult::outcome).toList());
  }
}
