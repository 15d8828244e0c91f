package io.github.tunneldiagnostics.core.internal.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The heap a log read needs stays within 64 MB whatever the file holds: a JVM of its own with {@code
 * -Xmx64m} reads a file built to defeat every cache (thousands of distinct rules, services, hosts and
 * 40 KB error texts, lines past the length cap), in two parallel parts.
 */
class HeapBoundTest {
  private static final String U =
      "Unable to reach the origin service. The service may be down or it may not be responding to traffic from cloudflared: ";

  @TempDir Path dir;

  @Test
  void anAdversarialLogIsReadWithin64MegabytesOfHeap() throws Exception {
    // given: 24 MB where nothing repeats
    Path log = dir.resolve("adversarial.log");
    SplittableRandom random = new SplittableRandom(3);
    long failures = 0;
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(log), 1 << 16)) {
      long written = 0;
      for (int i = 0; written < 24L << 20; i++) {
        String noise = randomText(random, i % 10 == 0 ? 40_000 : 300);
        String service = "http://" + randomText(random, 200) + ":8080";
        String cause = U + "weird " + noise + " failure";
        String proxy = "2024-12-10T10:00:00Z ERR  error=\"" + cause + "\" connIndex=" + (i % 4) + " event=1 ingressRule=" + (i % 5000)
            + " originService=" + service + "\n";
        String transport = "2024-12-10T10:00:00Z ERR Request failed error=\"" + cause + "\" connIndex=" + (i % 4) + " dest=https://"
            + randomText(random, 250) + ".example.com/" + randomText(random, 400) + " event=0 type=http\n";
        String tooLong = i % 50 == 0 ? "2024-12-10T10:00:00Z ERR " + "x".repeat(70_000) + "\n" : "";
        byte[] bytes = (proxy + transport + tooLong).getBytes(StandardCharsets.UTF_8);
        out.write(bytes);
        written += bytes.length;
        failures++;
      }
    }

    // when
    Process java = new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx64m", "-XX:+UseSerialGC",
            "-cp", System.getProperty("java.class.path"), HeapProbe.class.getName(), log.toString())
        .redirectErrorStream(true)
        .start();
    String output = new String(java.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    boolean ended = java.waitFor(5, TimeUnit.MINUTES);

    // then
    assertThat(ended).isTrue();
    assertThat(java.exitValue()).as(output).isZero();
    assertThat(output).isEqualTo(failures + " failed, " + (failures + 49) / 50 + " skipped, 1001 findings\n");
  }

  private static String randomText(SplittableRandom random, int length) {
    StringBuilder s = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      s.append((char) ('a' + random.nextInt(26)));
    }
    return s.toString();
  }
}
