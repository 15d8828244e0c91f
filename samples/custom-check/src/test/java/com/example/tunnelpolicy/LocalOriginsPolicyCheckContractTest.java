package com.example.tunnelpolicy;

import io.github.tunneldiagnostics.api.check.Check;
import io.github.tunneldiagnostics.testkit.tck.CheckContractTest;

/** The custom check keeps the contract every check keeps. */
class LocalOriginsPolicyCheckContractTest extends CheckContractTest {
  @Override
  protected Check createCheck() {
    return new LocalOriginsPolicyCheck();
  }
}
