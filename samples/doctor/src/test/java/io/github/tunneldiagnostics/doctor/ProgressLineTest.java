package io.github.tunneldiagnostics.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tunneldiagnostics.api.Route;
import io.github.tunneldiagnostics.api.RouteUrl;
import io.github.tunneldiagnostics.api.check.Check;
import io.github.tunneldiagnostics.api.check.CheckContext;
import io.github.tunneldiagnostics.api.check.Finding;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The progress a person sees on stderr: one rewritten line on a terminal, plain lines elsewhere. */
class ProgressLineTest {
  private static final String ERASE = "\r\u001b[K";
  private static final Route APP = Route.forRule(0, "http://127.0.0.1:8080");
  private static final Route API = Route.forRule(1, "http://127.0.0.1:8081");
  private static final Route SHOP = Route.forUrl(RouteUrl.parse("https://shop.example.com/cart"), 2, "http://10.0.0.7:3000");

  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private final StringWriter err = new StringWriter();

  private void at(double seconds) {
    now.set(1_000_000_000L + (long) (seconds * 1e9));
  }

  private ProgressLine line(ProgressLine.Mode mode, int width) {
    return new ProgressLine(new PrintWriter(err, true), mode, Duration.ofSeconds(1), width, now::get);
  }

  private static Check check(String id) {
    return new Check() {
      @Override
      public String id() {
        return id;
      }

      @Override
      public List<Finding> run(CheckContext context) {
        return List.of();
      }
    };
  }

  @Test
  void onATerminalOneLineIsRewrittenWithDoneOfTotalTheRoutesWaitedForAndEachSlowRouteNamedAboveIt() {
    // given
    ProgressLine progress = line(ProgressLine.Mode.TERMINAL, 100);
    progress.diagnosisStarted(List.of(APP, API, SHOP));
    progress.routeStarted(APP);
    progress.routeStarted(API);
    progress.routeStarted(SHOP);

    // when
    at(0.5);
    progress.tick(); // too early: nothing
    at(1.2);
    progress.routeFinished(APP, Duration.ofMillis(1200));
    progress.tick();
    at(2.5);
    progress.tick();
    at(3.0);
    progress.routeFinished(API, Duration.ofSeconds(3));
    at(3.1);
    progress.close();

    // then
    assertThat(err.toString()).isEqualTo(
        ERASE + "tunnel-doctor: 1/3 routes probed, 1.2s"
            + ERASE + "tunnel-doctor: 1/3 routes probed, 2.5s; waiting for rule #1 http://127.0.0.1:8081 (2.5s), https://…"
            + ERASE + "tunnel-doctor: slow: rule #1 http://127.0.0.1:8081 took 3.0s\n"
            + "tunnel-doctor: 2/3 routes probed, 3.0s; waiting for https://shop.example.com/cart (rule #2) (3.0s)"
            + ERASE);
  }

  @Test
  void onATerminalTheChecksStillRunningAreShownWhenNoRouteIsProbed() {
    // given: validate's static checks and a slow custom one
    ProgressLine progress = line(ProgressLine.Mode.TERMINAL, 80);
    progress.diagnosisStarted(List.of(APP));
    progress.checkStarted(check("ingress"));
    progress.checkStarted(check("test.slow"));
    progress.checkFinished(new io.github.tunneldiagnostics.api.check.CheckResult("ingress",
        io.github.tunneldiagnostics.api.check.Outcome.PASSED, List.of(), Duration.ZERO));

    // when
    at(1.5);
    progress.tick();
    progress.routeFinished(APP, Duration.ZERO); // the diagnosis finishes the unprobed route as it ends
    progress.close();

    // then
    assertThat(err.toString()).isEqualTo(ERASE + "tunnel-doctor: checking test.slow, 1.5s" + ERASE);
  }

  @Test
  void elsewhereALongRunGetsAPlainLineEveryTenSecondsAndALastOneWithoutEscapeCodes() {
    // given
    ProgressLine progress = line(ProgressLine.Mode.PLAIN, 100);
    progress.diagnosisStarted(List.of(APP, API, SHOP));
    progress.routeStarted(APP);
    progress.routeStarted(API);
    progress.routeStarted(SHOP);
    progress.routeFinished(APP, Duration.ofMillis(30));

    // when
    at(2.5);
    progress.tick(); // a terminal would show this; a log gets a line only every 10 s
    at(3.0);
    progress.routeFinished(API, Duration.ofSeconds(3)); // slow, but a log is not told each one
    at(10.0);
    progress.tick();
    at(12.0);
    progress.tick();
    at(12.5);
    progress.routeFinished(SHOP, Duration.ofMillis(12_500));
    progress.close();

    // then
    assertThat(err.toString()).isEqualTo(
        "tunnel-doctor: 2/3 routes probed, 10.0s; waiting for https://shop.example.com/cart (rule #2) (10.0s)\n"
            + "tunnel-doctor: done, 3/3 routes probed in 12.5s\n");
  }

  @Test
  void elsewhereARunShorterThanTenSecondsPrintsNothing() {
    // given
    ProgressLine progress = line(ProgressLine.Mode.PLAIN, 80);
    progress.diagnosisStarted(List.of(APP));
    progress.routeStarted(APP);

    // when
    at(4.0);
    progress.tick();
    progress.routeFinished(APP, Duration.ofSeconds(4));
    progress.close();

    // then
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void onATerminalAfterTenSlowRoutesTheRestAreCounted() {
    // given
    ProgressLine progress = line(ProgressLine.Mode.TERMINAL, 80);
    List<Route> routes = java.util.stream.IntStream.range(0, 12).mapToObj(i -> Route.forRule(i, "http://127.0.0.1:" + (9000 + i))).toList();
    progress.diagnosisStarted(routes);

    // when
    routes.forEach(progress::routeStarted);
    routes.forEach(route -> progress.routeFinished(route, Duration.ofSeconds(2)));
    progress.close();

    // then
    StringBuilder expected = new StringBuilder();
    for (int i = 0; i < 10; i++) {
      expected.append("tunnel-doctor: slow: rule #").append(i).append(" http://127.0.0.1:").append(9000 + i).append(" took 2.0s\n");
    }
    expected.append("tunnel-doctor: slow: 2 more routes took 2.0s or longer\n");
    assertThat(err.toString()).isEqualTo(expected.toString());
  }

  @Test
  void escapeCodesOnlyWhenTheLauncherSaysStderrIsATerminalOrWithoutItAConsoleAndNeverForADumbTerm() {
    Map<String, String> xterm = Map.of("TERM", "xterm-256color");

    assertThat(DoctorContext.stderrIsTerminal(xterm, "terminal", false)).isTrue();
    assertThat(DoctorContext.stderrIsTerminal(xterm, "other", true)).as("stderr redirected, stdout on the terminal").isFalse();
    assertThat(DoctorContext.stderrIsTerminal(xterm, null, true)).isTrue();
    assertThat(DoctorContext.stderrIsTerminal(xterm, null, false)).isFalse();
    assertThat(DoctorContext.stderrIsTerminal(Map.of("TERM", "dumb"), "terminal", true)).isFalse();
    assertThat(DoctorContext.stderrIsTerminal(Map.of(), "terminal", true)).isFalse();
  }
}
