package io.github.tunneldiagnostics.testkit.tck;

import io.github.tunneldiagnostics.api.check.Check;
import io.github.tunneldiagnostics.api.check.CheckContext;
import io.github.tunneldiagnostics.api.check.Finding;
import java.util.List;

/** Proves the contract test is usable: a small well-behaved check passes it. */
class SampleCheckContractTest extends CheckContractTest {

  static final class RuleCountCheck implements Check {
    @Override
    public String id() {
      return "sample.rule-count";
    }

    @Override
    public List<Finding> run(CheckContext context) {
      return List.of(Finding.info("RULE_COUNT").check(id()).subject("config")
          .message("The config has " + context.ingress().rules().size() + " rules.").build());
    }
  }

  @Override
  protected Check createCheck() {
    return new RuleCountCheck();
  }
}
