package io.github.tunneldiagnostics.api;

import static io.github.tunneldiagnostics.api.DiagnosisTest.check;
import static io.github.tunneldiagnostics.api.DiagnosisTest.model;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.check.FindingCode;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The threads a diagnosis starts: one per running check plus one timer, all daemons named
 * {@link Diagnosis#THREAD_PREFIX}, and none left when {@link Diagnosis#run()} returns, also when a check
 * hangs; a check that ignores interrupts keeps its (abandoned, daemon) thread, and its finding says so.
 */
class DiagnosisThreadsTest {

  /** The live threads of the diagnosis's name prefix that did not exist in {@code before}. */
  private static Set<Thread> newDiagnosisThreads(Set<Thread> before) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && t.getName().startsWith(Diagnosis.THREAD_PREFIX) && !before.contains(t))
        .collect(Collectors.toSet());
  }

  /** Polls {@code condition} until it holds or 10 s pass (a deadline, not a sleep the test races against). */
  private static boolean await(BooleanSupplier condition) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        return false;
      }
      Thread.sleep(5);
    }
    return true;
  }

  @Test
  void startsOneDaemonThreadPerRunningCheckPlusATimerAndLeavesNoneBehind() throws Exception {
    // given: 6 checks that all wait for each other, so that all run at once, and count the run's threads then
    Set<Thread> before = new HashSet<>(Thread.getAllStackTraces().keySet());
    int checks = 6;
    CountDownLatch allRunning = new CountDownLatch(checks);
    AtomicInteger seenAtOnce = new AtomicInteger();
    Set<Boolean> daemons = java.util.concurrent.ConcurrentHashMap.newKeySet();
    Diagnosis.Builder builder = Diagnosis.builder().ingress(model()).timeout(Duration.ofSeconds(20));
    for (int i = 0; i < checks; i++) {
      builder.check(check("c" + i, Set.of(), context -> {
        allRunning.countDown();
        allRunning.await(15, TimeUnit.SECONDS);
        seenAtOnce.accumulateAndGet(newDiagnosisThreads(before).size(), Math::max);
        daemons.add(Thread.currentThread().isDaemon());
        return List.of();
      }));
    }

    // when
    DiagnosisReport report = builder.build().run();

    // then: 6 check threads and the timer; all daemons; none left once run() returned
    assertThat(report.findings()).isEmpty();
    assertThat(seenAtOnce.get()).isEqualTo(checks + 1);
    assertThat(daemons).containsExactly(true);
    assertThat(await(() -> newDiagnosisThreads(before).isEmpty())).as("threads left: %s", newDiagnosisThreads(before)).isTrue();
  }

  @Test
  void aHangingCheckIsInterruptedAtItsDeadlineAndItsThreadEnds() throws Exception {
    // given: a check that sleeps far past its deadline, but ends when interrupted
    Set<Thread> before = new HashSet<>(Thread.getAllStackTraces().keySet());
    CountDownLatch interrupted = new CountDownLatch(1);
    Diagnosis diagnosis = Diagnosis.builder().ingress(model()).timeout(Duration.ofSeconds(5)).perCheckTimeout(Duration.ofMillis(300))
        .check(check("hangs", Set.of(), context -> {
          try {
            Thread.sleep(TimeUnit.HOURS.toMillis(1));
          } catch (InterruptedException e) {
            interrupted.countDown();
            throw e;
          }
          return List.of();
        }))
        .check(check("quick", Set.of(), context -> List.of()))
        .build();

    // when
    DiagnosisReport report = diagnosis.run();

    // then
    assertThat(report.findings()).singleElement().satisfies(f -> {
      assertThat(f.code()).isEqualTo(FindingCode.CHECK_FAILED);
      assertThat(f.message()).isEqualTo("Check 'hangs' did not finish within 300 ms; its result is missing from this report.");
      assertThat(f.evidence()).doesNotContainKey("abandonedThread");
    });
    assertThat(interrupted.getCount()).isZero();
    assertThat(await(() -> newDiagnosisThreads(before).isEmpty())).as("threads left: %s", newDiagnosisThreads(before)).isTrue();
  }

  @Test
  void aCheckThatIgnoresInterruptsIsAbandonedAsADaemonThreadAndItsFindingSaysSo() throws Exception {
    // given: a check that swallows every interrupt until the test releases it
    Set<Thread> before = new HashSet<>(Thread.getAllStackTraces().keySet());
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger interrupts = new AtomicInteger();
    Diagnosis diagnosis = Diagnosis.builder().ingress(model()).timeout(Duration.ofSeconds(5)).perCheckTimeout(Duration.ofMillis(300))
        .check(check("stubborn", Set.of(), context -> {
          while (true) {
            try {
              if (release.await(1, TimeUnit.HOURS)) {
                return List.of();
              }
            } catch (InterruptedException e) {
              interrupts.incrementAndGet(); // and keeps going: a badly written check
            }
          }
        }))
        .build();
    try {
      // when
      DiagnosisReport report = diagnosis.run();

      // then: the report is complete; exactly the check's own thread is left, a daemon, named in the finding
      Set<Thread> left = newDiagnosisThreads(before);
      assertThat(left).singleElement().satisfies(t -> assertThat(t.isDaemon()).isTrue());
      String name = left.iterator().next().getName();
      Finding finding = report.findings().get(0);
      assertThat(report.findings()).hasSize(1);
      assertThat(finding.code()).isEqualTo(FindingCode.CHECK_FAILED);
      assertThat(finding.message()).isEqualTo("Check 'stubborn' did not finish within 300 ms; its result is missing from this report. Its thread ("
          + name + ") ignored the interrupt and was abandoned: it still runs, as a daemon thread that cannot keep the JVM alive.");
      assertThat(finding.remediation()).isEqualTo("Make the check honour CheckContext.deadline() and end when its thread is interrupted"
          + " (blocking calls with a timeout, or interruptible ones).");
      assertThat(finding.evidence()).containsEntry("abandonedThread", name);
      assertThat(interrupts.get()).isPositive();
    } finally {
      release.countDown();
    }
    assertThat(await(() -> newDiagnosisThreads(before).isEmpty())).as("threads left: %s", newDiagnosisThreads(before)).isTrue();
  }
}
