package io.github.tunneldiagnostics.testkit.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.github.tunneldiagnostics.api.check.Check;
import io.github.tunneldiagnostics.api.check.CheckContext;
import io.github.tunneldiagnostics.api.check.Finding;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/** The contract test fails checks that break its rules, each for the rule it breaks. */
class CheckContractTestTest {

  abstract static class BrokenCheck implements Check {
    @Override
    public String id() {
      return "broken.check";
    }
  }

  static class LeakingCheckContract extends CheckContractTest {
    @Override
    protected Check createCheck() {
      return new BrokenCheck() {
        @Override
        public List<Finding> run(CheckContext context) {
          return List.of(Finding.info("LEAK").check(id()).message("token is " + context.ingress().settings().get("token")).build());
        }
      };
    }
  }

  static class SlowCheckContract extends CheckContractTest {
    @Override
    protected Duration contractTimeout() {
      return Duration.ofMillis(200);
    }

    @Override
    protected Check createCheck() {
      return new BrokenCheck() {
        @Override
        public List<Finding> run(CheckContext context) throws InterruptedException {
          Thread.sleep(2_000);
          return List.of();
        }
      };
    }
  }

  static class ThrowingCheckContract extends CheckContractTest {
    @Override
    protected Check createCheck() {
      return new BrokenCheck() {
        @Override
        public List<Finding> run(CheckContext context) {
          throw new IllegalStateException("boom");
        }
      };
    }
  }

  static class BadIdCheckContract extends CheckContractTest {
    @Override
    protected Check createCheck() {
      return new BrokenCheck() {
        @Override
        public String id() {
          return "Bad Id";
        }

        @Override
        public List<Finding> run(CheckContext context) {
          return List.of();
        }
      };
    }
  }

  static Set<String> failedTests(Class<?> contract) {
    Set<String> failed = new TreeSet<>();
    EngineTestKit.engine("junit-jupiter").selectors(selectClass(contract)).execute().testEvents().failed().stream()
        .map(Event::getTestDescriptor).forEach(d -> failed.add(d.getDisplayName()));
    return failed;
  }

  @Test
  void eachBrokenRuleFailsItsOwnContractTest() {
    assertThat(failedTests(LeakingCheckContract.class)).containsExactly("noSecretReachesAFinding()");
    assertThat(failedTests(SlowCheckContract.class))
        .contains("runHonoursItsDeadline()", "runDoesNotLetAnExceptionEscapeAndNeverReturnsNull()");
    assertThat(failedTests(ThrowingCheckContract.class))
        .containsExactly("oneInstanceIsSafeToRunConcurrently()", "runDoesNotLetAnExceptionEscapeAndNeverReturnsNull()");
    assertThat(failedTests(BadIdCheckContract.class)).containsExactly("idIsStableAndWellFormed()");
  }

  @Test
  void wellBehavedCheckPassesTheContract() {
    assertThat(failedTests(SampleCheckContractTest.class)).isEmpty();
    assertThat(EngineTestKit.engine("junit-jupiter").selectors(selectClass(SampleCheckContractTest.class)).execute()
        .testEvents().succeeded().count()).isEqualTo(5);
  }
}
