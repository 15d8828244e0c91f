package io.github.tunneldiagnostics.doctor.serve;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tunneldiagnostics.api.DiagnosisReport;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The exporter's schedule: one run at a time however long a run takes; a failed run counted, the last report kept. */
class DiagnosisLoopTest {
  private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

  private static DiagnosisReport report() {
    return DiagnosisReport.of(NOW, Duration.ofMillis(5), null, List.of(), List.of());
  }

  @Test
  void runsNeverOverlapWhenEachOutlastsTheInterval() throws InterruptedException {
    // given: runs that each wait for the test's go-ahead, on a 1 ms interval
    Semaphore go = new Semaphore(0);
    AtomicInteger running = new AtomicInteger();
    AtomicInteger mostAtOnce = new AtomicInteger();
    CountDownLatch fiveRuns = new CountDownLatch(5);
    Supplier<DiagnosisReport> slowRun = () -> {
      mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
      try {
        go.acquire();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      running.decrementAndGet();
      fiveRuns.countDown();
      return report();
    };
    List<String> warnings = new ArrayList<>();

    // when
    try (DiagnosisLoop loop = new DiagnosisLoop(slowRun, report -> Map.of(), Duration.ofMillis(1), Clock.fixed(NOW, ZoneOffset.UTC),
        warnings::add)) {
      loop.start();
      for (int i = 0; i < 5; i++) {
        go.release(); // each release lets the one run in progress end; the runs due meanwhile wait for it
      }
      assertThat(fiveRuns.await(30, TimeUnit.SECONDS)).isTrue();

      // then
      assertThat(mostAtOnce).hasValue(1);
      assertThat(warnings).isEmpty();
    }
  }

  @Test
  void aFailedRunIsCountedAndSaidAndTheLastReportStaysServed() {
    // given
    DiagnosisReport first = report();
    List<Object> outcomes = new ArrayList<>(List.of(first, new IllegalStateException("the config vanished")));
    Supplier<DiagnosisReport> runs = () -> {
      Object next = outcomes.remove(0);
      if (next instanceof RuntimeException e) {
        throw e;
      }
      return (DiagnosisReport) next;
    };
    List<String> warnings = new ArrayList<>();
    DiagnosisLoop loop = new DiagnosisLoop(runs, report -> Map.of("127.0.0.1:20241", 4), Duration.ofSeconds(30),
        Clock.fixed(NOW, ZoneOffset.UTC), warnings::add);

    // when
    loop.runOnce();
    loop.runOnce();

    // then
    Snapshot snapshot = loop.snapshot();
    assertThat(snapshot.report()).isSameAs(first);
    assertThat(snapshot.readyConnections()).containsExactly(Map.entry("127.0.0.1:20241", 4));
    assertThat(snapshot.runs()).isEqualTo(2);
    assertThat(snapshot.failures()).isEqualTo(1);
    assertThat(snapshot.lastRunSucceeded()).isFalse();
    assertThat(snapshot.lastRunEnded()).isEqualTo(NOW);
    assertThat(warnings).singleElement().asString()
        .matches("diagnosis run failed after \\d+ ms: IllegalStateException: the config vanished");
    loop.close();
  }
}
