package io.github.tunneldiagnostics.core.internal.config;

import java.nio.file.Path;

/** Paths of test fixtures under {@code src/test/resources/fixtures/<TestClass>/}. */
final class Fixtures {
  private Fixtures() {}

  static Path of(Class<?> testClass, String name) {
    return Path.of("src", "test", "resources", "fixtures", testClass.getSimpleName(), name);
  }
}
