package com.example.greeting;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's testkit section is this sample, word for word, so what a user copies compiles and passes. */
class ReadmeTest {
  private static final Path README = Path.of("../../README.md");
  private static final Path SAMPLE = Path.of("src/test/java/com/example/greeting/GreetingTunnelRouteTest.java");

  @Test
  void readmeQuotesTheSampleTestWhole() throws IOException {
    // given
    String readme = Files.readString(README, StandardCharsets.UTF_8);
    String sample = Files.readString(SAMPLE, StandardCharsets.UTF_8);

    // when / then
    assertThat(readme).contains("```java\n" + sample + "```\n");
  }

  @Test
  void readmeNamesTheTestkitCoordinatesOfThisVersion() throws IOException {
    // given
    String readme = Files.readString(README, StandardCharsets.UTF_8);
    String version = System.getProperty("tunnel-diagnostics.version", "");

    // when / then
    assertThat(version).isNotBlank();
    assertThat(readme).contains("""
        <dependency>
          <groupId>io.github.tunneldiagnostics</groupId>
          <artifactId>tunnel-diagnostics-testkit</artifactId>
          <version>%s</version>
          <scope>test</scope>
        </dependency>
        """.formatted(version));
  }
}
