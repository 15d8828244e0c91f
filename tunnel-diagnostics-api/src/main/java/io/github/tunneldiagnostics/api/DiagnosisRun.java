package io.github.tunneldiagnostics.api;

import io.github.tunneldiagnostics.api.check.Check;
import io.github.tunneldiagnostics.api.check.CheckContext;
import io.github.tunneldiagnostics.api.check.CheckResult;
import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.check.FindingCode;
import io.github.tunneldiagnostics.api.check.Outcome;
import io.github.tunneldiagnostics.api.check.Resolver;
import io.github.tunneldiagnostics.api.ingress.IngressModel;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/** One execution of a {@link Diagnosis}: owns its threads and results, and is discarded afterwards. */
final class DiagnosisRun {
  private final Diagnosis diagnosis;
  private final Clock clock;
  private final Instant startedAt;
  private final Instant deadline;
  private final Map<String, Check> checksById = new LinkedHashMap<>();
  private final Map<String, CompletableFuture<CheckResult>> futures = new LinkedHashMap<>();
  private final Map<String, CheckResult> finished = new ConcurrentHashMap<>();
  private final List<Route> routes;
  /** The thread of each check while it runs. */
  private final Map<String, Thread> running = new ConcurrentHashMap<>();
  /** The checks the timer ended (their threads were interrupted). */
  private final Set<String> timedOutChecks = ConcurrentHashMap.newKeySet();
  /** The least time given to interrupted threads to end, even at the deadline plus the grace. */
  static final Duration JOIN_AT_LEAST = Duration.ofMillis(50);
  private final ListenerGate listener;

  DiagnosisRun(Diagnosis diagnosis) {
    this.diagnosis = diagnosis;
    this.clock = diagnosis.clock();
    this.startedAt = clock.instant();
    this.deadline = startedAt.plus(diagnosis.timeout());
    diagnosis.checks().forEach(c -> checksById.put(c.id(), c));
    this.routes = diagnosis.routes().isEmpty() ? routesForEveryRule(diagnosis.ingress()) : diagnosis.routes();
    this.listener = new ListenerGate(diagnosis.listener(), clock, routes);
  }

  private static List<Route> routesForEveryRule(IngressModel model) {
    return model.rules().stream().map(r -> Route.forRule(r.index(), r.service().toString())).toList();
  }

  DiagnosisReport execute() {
    AtomicInteger threadNumber = new AtomicInteger();
    ThreadFactory daemons =
        task -> {
          Thread thread = new Thread(task, Diagnosis.THREAD_PREFIX + threadNumber.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        };
    Executor given = diagnosis.executor();
    ExecutorService ownPool = given == null ? Executors.newCachedThreadPool(daemons) : null;
    Executor executor = ownPool != null ? ownPool : Objects.requireNonNull(given);
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(daemons);
    List<CheckResult> results = new ArrayList<>();
    try {
      listener.diagnosisStarted();
      for (String id : checksById.keySet()) {
        var unused = schedule(id, executor, timer); // kept in futures; awaited below
      }
      awaitAll();
    } finally {
      timer.shutdownNow(); // interrupts every check still running: it is past its deadline
      if (ownPool != null) {
        ownPool.shutdownNow();
      }
      awaitThreads(timer, ownPool);
    }
    List<Finding> findings = new ArrayList<>(diagnosis.setupFindings());
    for (Map.Entry<String, CompletableFuture<CheckResult>> entry : futures.entrySet()) {
      CheckResult result = entry.getValue().getNow(null);
      if (result == null) {
        result = timedOut(Objects.requireNonNull(checksById.get(entry.getKey())), Duration.between(startedAt, clock.instant()), diagnosis.timeout());
        listener.checkFinished(result); // its future never completed: this is the result the report shows
      }
      Thread stuck = running.get(entry.getKey());
      if (stuck != null && stuck.isAlive() && timedOutChecks.contains(entry.getKey())) {
        result = abandoned(result, stuck);
      }
      results.add(result);
      findings.addAll(result.findings());
    }
    Map<Integer, List<Finding>> byRule = byRule(findings); // once: a route per rule times every finding adds up for hundreds of rules
    List<RouteReport> routeReports =
        routes.stream().map(route -> new RouteReport(route, Verdict.of(byRule.getOrDefault(route.rule(), List.of())))).toList();
    listener.close(); // the routes no check finished are finished now; nothing reaches the listener after this
    Duration duration = Duration.between(startedAt, clock.instant());
    return new DiagnosisReport(Verdict.of(findings), startedAt, duration, diagnosis.ingress(), routeReports, findings, results);
  }

  /**
   * Waits, at most until the deadline plus {@link Diagnosis#GRACE} (and never less than {@link #JOIN_AT_LEAST}
   * nor more than the grace), for the interrupted threads to end. A thread still alive then ignores
   * interrupts: it is a daemon, so it cannot keep the JVM alive, and its check's finding says it was abandoned.
   */
  private void awaitThreads(ExecutorService timer, @Nullable ExecutorService ownPool) {
    Duration left = Duration.between(clock.instant(), deadline.plus(Diagnosis.GRACE));
    Duration bound = left.compareTo(JOIN_AT_LEAST) < 0 ? JOIN_AT_LEAST : left.compareTo(Diagnosis.GRACE) > 0 ? Diagnosis.GRACE : left;
    long end = System.nanoTime() + bound.toNanos();
    try {
      timer.awaitTermination(bound.toNanos(), TimeUnit.NANOSECONDS);
      if (ownPool != null) {
        ownPool.awaitTermination(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
      } else {
        for (Thread thread : running.values()) { // a caller's executor: wait for our checks only
          thread.join(Math.max(1, (end - System.nanoTime()) / 1_000_000));
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The result of a check whose thread ignored the interrupt, saying so: its thread is abandoned, still running. */
  private static CheckResult abandoned(CheckResult result, Thread thread) {
    List<Finding> findings = new ArrayList<>(result.findings().size());
    for (Finding finding : result.findings()) {
      findings.add(finding.code().equals(FindingCode.CHECK_FAILED)
          ? finding.toBuilder()
              .message(finding.message() + " Its thread (" + thread.getName() + ") ignored the interrupt and was abandoned: it still runs,"
                  + " as a daemon thread that cannot keep the JVM alive.")
              .remediation("Make the check honour CheckContext.deadline() and end when its thread is interrupted"
                  + " (blocking calls with a timeout, or interruptible ones).")
              .evidence("abandonedThread", thread.getName())
              .build()
          : finding);
    }
    return new CheckResult(result.checkId(), result.outcome(), findings, result.elapsed());
  }

  /**
   * The findings about each rule: its {@code rule} evidence, and each of the rules a cause shared by several
   * rules names in its {@code rules} evidence ({@code "0, 2, 5"}).
   */
  private static Map<Integer, List<Finding>> byRule(List<Finding> findings) {
    Map<Integer, List<Finding>> byRule = new HashMap<>();
    for (Finding finding : findings) {
      Set<Integer> rules = new LinkedHashSet<>();
      finding.ruleIndex().ifPresent(rules::add);
      String shared = finding.evidence().get("rules");
      if (shared != null) {
        for (String part : shared.split(",")) {
          try {
            rules.add(Integer.parseInt(part.strip()));
          } catch (NumberFormatException notARule) {
            // not a rule index: concerns no rule
          }
        }
      }
      for (int rule : rules) {
        byRule.computeIfAbsent(rule, r -> new ArrayList<>()).add(finding);
      }
    }
    return byRule;
  }

  /** Creates (once) the future of a check, after the futures of its prerequisites. */
  private CompletableFuture<CheckResult> schedule(String id, Executor executor, ScheduledExecutorService timer) {
    CompletableFuture<CheckResult> existing = futures.get(id);
    if (existing != null) {
      return existing;
    }
    Check check = Objects.requireNonNull(checksById.get(id), id);
    List<CompletableFuture<CheckResult>> prerequisites = new ArrayList<>();
    for (String required : check.requires()) {
      if (checksById.containsKey(required)) {
        prerequisites.add(schedule(required, executor, timer));
      }
    }
    CompletableFuture<CheckResult> future =
        CompletableFuture.allOf(prerequisites.toArray(CompletableFuture[]::new))
            .thenCompose(ignored -> startOrSkip(check, executor, timer))
            .thenApply(
                result -> {
                  finished.put(id, result); // before dependents see this future complete
                  listener.checkFinished(result);
                  return result;
                });
    futures.put(id, future);
    return future;
  }

  private CompletableFuture<CheckResult> startOrSkip(Check check, Executor executor, ScheduledExecutorService timer) {
    for (String required : check.requires()) {
      if (!checksById.containsKey(required)) {
        return CompletableFuture.completedFuture(skipped(check, "requires check '" + required + "', which is not part of this diagnosis"));
      }
      CheckResult prerequisite = finished.get(required);
      if (prerequisite == null || !prerequisite.outcome().allowsDependents()) {
        String outcome = prerequisite == null ? "did not finish" : prerequisite.outcome().name();
        return CompletableFuture.completedFuture(skipped(check, "requires check '" + required + "', which " + outcome));
      }
    }
    Instant begin = clock.instant();
    Duration limit = check.timeout().orElse(diagnosis.perCheckTimeout());
    Instant checkDeadline = earliest(begin.plus(limit), deadline);
    Duration allowed = Duration.between(begin, checkDeadline);
    if (allowed.isNegative() || allowed.isZero()) {
      return CompletableFuture.completedFuture(timedOut(check, Duration.ZERO, Duration.ZERO));
    }
    CompletableFuture<CheckResult> result = new CompletableFuture<>();
    CheckContext context = new RunContext(checkDeadline);
    FutureTask<Void> task =
        new FutureTask<>(
            () -> {
              running.put(check.id(), Thread.currentThread());
              try {
                listener.checkStarted(check);
                result.complete(invoke(check, context, begin));
              } finally {
                running.remove(check.id());
              }
            },
            null);
    var unused = timer.schedule( // cancelled with the timer when the run ends
        () -> {
          if (result.complete(timedOut(check, Duration.between(begin, clock.instant()), allowed))) {
            timedOutChecks.add(check.id());
            task.cancel(true);
          }
        },
        allowed.toNanos(),
        TimeUnit.NANOSECONDS);
    try {
      executor.execute(task);
    } catch (RuntimeException rejected) {
      result.complete(errored(check, rejected, Duration.ZERO));
    }
    return result;
  }

  private CheckResult invoke(Check check, CheckContext context, Instant begin) {
    try {
      List<Finding> findings = check.run(context);
      Duration elapsed = Duration.between(begin, clock.instant());
      if (findings == null) {
        return errored(check, new IllegalStateException(check.getClass().getName() + ".run returned null instead of a list"), elapsed);
      }
      List<Finding> stamped = stamped(check.id(), findings);
      return new CheckResult(check.id(), CheckResult.outcomeOf(stamped), stamped, elapsed);
    } catch (Throwable failure) { // a custom check must never break the report, whatever it throws
      if (failure instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      return errored(check, failure, Duration.between(begin, clock.instant()));
    }
  }

  /** The findings, each without a check id given the id of the check that returned it. */
  private static List<Finding> stamped(String checkId, List<Finding> findings) {
    List<Finding> stamped = new ArrayList<>(findings.size());
    for (Finding finding : findings) {
      stamped.add(finding.check().isEmpty() ? finding.toBuilder().check(checkId).build() : finding);
    }
    return stamped;
  }

  private void awaitAll() {
    CompletableFuture<Void> all = CompletableFuture.allOf(futures.values().toArray(CompletableFuture[]::new));
    Duration wait = Duration.between(clock.instant(), deadline).plus(Diagnosis.GRACE);
    try {
      all.get(Math.max(1, wait.toNanos()), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      // results that are missing are reported as timed out by execute()
    }
  }

  private static Instant earliest(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  private static CheckResult skipped(Check check, String reason) {
    Finding finding =
        Finding.info(FindingCode.CHECK_SKIPPED)
            .check(check.id())
            .subject("check " + check.id())
            .message("Check '" + check.id() + "' did not run: it " + reason + ".")
            .remediation("Fix what the prerequisite reports; this check runs once it passes.")
            .evidence("reason", reason)
            .build();
    return new CheckResult(check.id(), Outcome.SKIPPED, List.of(finding), Duration.ZERO);
  }

  private static CheckResult timedOut(Check check, Duration elapsed, Duration limit) {
    Finding finding =
        Finding.warning(FindingCode.CHECK_FAILED)
            .check(check.id())
            .subject("check " + check.id())
            .message("Check '" + check.id() + "' did not finish within " + millis(limit) + "; its result is missing from this report.")
            .remediation("Make the check honour CheckContext.deadline(), or give it a longer timeout.")
            .evidence("timeout", limit.toString())
            .evidence("elapsed", elapsed.toString())
            .evidence("checkClass", check.getClass().getName())
            .build();
    return new CheckResult(check.id(), Outcome.ERRORED, List.of(finding), elapsed);
  }

  private static CheckResult errored(Check check, Throwable failure, Duration elapsed) {
    String detail = failure.getMessage() == null ? "(no message)" : failure.getMessage();
    Finding finding =
        Finding.warning(FindingCode.CHECK_FAILED)
            .check(check.id())
            .subject("check " + check.id())
            .message("Check '" + check.id() + "' failed with " + failure.getClass().getSimpleName() + ": " + detail)
            .remediation("This is a bug in the check " + check.getClass().getName() + "; the other checks still reported.")
            .evidence("exception", failure.getClass().getName())
            .evidence("exceptionMessage", detail)
            .evidence("elapsed", elapsed.toString())
            .build();
    return new CheckResult(check.id(), Outcome.ERRORED, List.of(finding), elapsed);
  }

  private static String millis(Duration duration) {
    return duration.toMillis() + " ms";
  }

  private final class RunContext implements CheckContext {
    private final Instant checkDeadline;

    RunContext(Instant checkDeadline) {
      this.checkDeadline = checkDeadline;
    }

    @Override
    public IngressModel ingress() {
      return diagnosis.ingress();
    }

    @Override
    public List<Route> routes() {
      return routes;
    }

    @Override
    public Instant deadline() {
      return checkDeadline;
    }

    @Override
    public Clock clock() {
      return clock;
    }

    @Override
    public Resolver resolver() {
      return diagnosis.resolver();
    }

    @Override
    public Optional<CheckResult> resultOf(String checkId) {
      return Optional.ofNullable(finished.get(checkId));
    }

    @Override
    public void routeStarted(Route route) {
      listener.routeStarted(route);
    }

    @Override
    public void routeFinished(Route route, Duration elapsed) {
      listener.routeFinished(route, elapsed);
    }
  }
}
